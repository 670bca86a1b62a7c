import Foundation
import StableQL
import StableStructures
import StableTestSupport
import Testing

@Suite("Extract and patch")
struct MemoryTransferTests {
    func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test("extract writes a memory's pages byte for byte")
    func extractIsExact() throws {
        let fixture = try SnapshotFixture()
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\" readonly;")
        let out = fixture.root + "/memory5.bin"
        let message = runOK(session, sink, "extract memory 5 to \"\(out)\";")
        let file = DemoSnapshot.rawFile()
        let pages = (file.count + 65535) / 65536
        #expect(message.contains("\(pages) pages, \(pages * 65536) bytes"))
        #expect(try read(out) == file + [UInt8](repeating: 0, count: pages * 65536 - file.count))
    }

    @Test("patch replaces one memory's bytes, grows it, zeroes the rest, and leaves the others alone")
    func patchIsExact() throws {
        let fixture = try SnapshotFixture()
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\";")
        var others: [UInt8: [UInt8]] = [:]
        for id: UInt8 in [0, 1, 2, 3, 4] {
            let path = fixture.root + "/before\(id).bin"
            runOK(session, sink, "extract memory \(id) to \"\(path)\";")
            others[id] = try read(path)
        }
        // Longer than the memory: it grows.
        var longer = [UInt8](repeating: 0, count: 200_000)
        for index in longer.indices { longer[index] = UInt8(truncatingIfNeeded: index &* 7 &+ 3) }
        let input = fixture.root + "/input.bin"
        try Data(longer).write(to: URL(fileURLWithPath: input))
        runOK(session, sink, "patch memory 5 from \"\(input)\";")
        runOK(session, sink, "extract memory 5 to \"\(fixture.root)/after.bin\";")
        let pages = (longer.count + 65535) / 65536
        #expect(try read(fixture.root + "/after.bin") == longer + [UInt8](repeating: 0, count: pages * 65536 - longer.count))
        // Shorter than the memory: the rest is zeroed, the size stays.
        let short: [UInt8] = Array("hello".utf8)
        try Data(short).write(to: URL(fileURLWithPath: input))
        runOK(session, sink, "patch memory 5 from \"\(input)\";")
        runOK(session, sink, "extract memory 5 to \"\(fixture.root)/after.bin\";")
        #expect(try read(fixture.root + "/after.bin") == short + [UInt8](repeating: 0, count: pages * 65536 - short.count))
        for (id, bytes) in others {
            runOK(session, sink, "extract memory \(id) to \"\(fixture.root)/check.bin\";")
            #expect(try read(fixture.root + "/check.bin") == bytes, "memory \(id) changed")
        }
        session.close()
        #expect(try fixture.metadataText() == DemoSnapshot.metadata(stableMemorySize: try fixture.fileSize("stable_memory.bin")))
    }

    @Test("a failing statement undoes its patch; a bound memory and a missing file are refused")
    func patchIsAtomic() throws {
        let fixture = try SnapshotFixture()
        let image = try fixture.bytes("stable_memory.bin")
        let metadata = try fixture.metadataText()
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\";")
        let input = fixture.root + "/input.bin"
        try Data(repeating: 0xEE, count: 300_000).write(to: URL(fileURLWithPath: input))
        #expect(!session.run("for i in 0..1 { patch memory 5 from \"\(input)\"; assert false, \"stop\"; }", origin: "<test>"))
        #expect(!session.run("patch memory 5 from \"\(fixture.root)/missing.bin\";", origin: "<test>"))
        runOK(session, sink, "let users = map(0) of u64 -> blob;")
        #expect(!session.run("patch memory 0 from \"\(input)\";", origin: "<test>"))
        #expect(sink.errors.contains("memory 0 is used by `users`; drop it first"))
        #expect(!session.run("extract memory 0 to \"\(fixture.folder)/stable_memory.bin\";", origin: "<test>"))
        session.close()
        #expect(try fixture.bytes("stable_memory.bin") == image)
        #expect(try fixture.metadataText() == metadata)
    }

    @Test("extract, patch and memory after describe parse; extract and patch are reserved")
    func parsing() throws {
        let (session, sink) = makeSession()
        #expect(!session.run("let extract = 1;", origin: "<test>"))
        #expect(!session.run("let patch = 1;", origin: "<test>"))
        // `memory` alone still names a binding.
        runOK(session, sink, "let memory = 5; print memory;")
        #expect(!session.run("extract memory 0 into \"x\";", origin: "<test>"))
        #expect(sink.errors.contains("expected 'to'"))
    }
}
