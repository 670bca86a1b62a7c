import Foundation
import StableQL
import StableStructures
import StableTestSupport
import Testing

/// A demo snapshot folder (``DemoSnapshot``) in a fresh temporary directory.
final class SnapshotFixture {
    let root: String
    let folder: String

    init(withStableMemory: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("stable-snap-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        folder = root + "/snapshot"
        try DemoSnapshot.write(to: folder)
        if !withStableMemory {
            try FileManager.default.removeItem(atPath: folder + "/stable_memory.bin")
            let text = DemoSnapshot.metadata(stableMemorySize: 0)
            try text.write(toFile: folder + "/metadata.json", atomically: true, encoding: .utf8)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Every file under the folder with its bytes (sorted by path).
    func tree() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory)
            files[name] = isDirectory.boolValue ? Data() : try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return files
    }

    func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
    }

    func metadataText() throws -> String { String(decoding: try bytes("metadata.json"), as: UTF8.self) }

    func fileSize(_ name: String) throws -> UInt64 {
        (try FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size] as? NSNumber)?.uint64Value ?? 0
    }
}

/// Runs `source` in `session`, expecting success.
@discardableResult
func runOK(_ session: Session, _ sink: RecordingSink, _ source: String) -> String {
    let before = sink.output.count
    let succeeded = session.run(source, origin: "<test>")
    #expect(succeeded, "failed: \(source)\n\(sink.errors)")
    return String(sink.output.dropFirst(before))
}

@Suite("Snapshot folders")
struct SnapshotFolderSessionTests {
    @Test("a snapshot folder opens its stable memory, and describe shows the metadata")
    func opensFolder() throws {
        let fixture = try SnapshotFixture()
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\" readonly;")
        let described = runOK(session, sink, "describe;")
        let size = try fixture.fileSize("stable_memory.bin")
        #expect(described.contains("stable_memory.bin, \(size / 65536) pages (\(size) bytes), read-only"))
        #expect(described.contains("taken at: 2025-01-15T10:00:00Z (taken_at_timestamp 1736935200123456789)"))
        #expect(described.contains("canister version: 42"))
        #expect(described.contains("source: taken_from_canister"))
        #expect(described.contains("stable memory \(size) bytes, 0 wasm chunks"))
        #expect(described.contains("upload: ready"))
        let users = runOK(session, sink, "let users = map(0) of u64 -> blob; users.len();")
        #expect(users.contains("\(DemoSnapshot.userCount)"))
        let first = runOK(session, sink, "users.get(7) == \(Self.hex(try DemoSnapshot.user(7)));")
        #expect(first.contains("true"))
    }

    @Test("a read-only open writes nothing anywhere in the folder")
    func readOnlyLeavesNoTrace() throws {
        let fixture = try SnapshotFixture()
        let before = try fixture.tree()
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\" readonly;")
        runOK(session, sink, "describe; memories; describe memory 0; describe memory 1; describe memory 3;")
        runOK(session, sink, "let users = map(0) of u64 -> blob; users.len(); let c = cell(3) of string default \"\"; c.get();")
        #expect(!session.run("users.insert(1000, x\"00\");", origin: "<test>"))
        #expect(!session.run("patch memory 5 from \"\(fixture.folder)/wasm_module.bin\";", origin: "<test>"))
        session.close()
        #expect(try fixture.tree() == before)
    }

    @Test("a write that grows stable memory keeps metadata.json's stable_memory_size equal to the file")
    func metadataFollowsGrowth() throws {
        let fixture = try SnapshotFixture()
        let originalText = try fixture.metadataText()
        let originalSize = try fixture.fileSize("stable_memory.bin")
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\";")
        runOK(session, sink, "let big = map(9) of u64 -> blob;")
        runOK(session, sink, "for i in 0..40 { big.insert(i, x\"\(String(repeating: "ab", count: 8000))\"); }")
        let grown = try fixture.fileSize("stable_memory.bin")
        #expect(grown > originalSize)
        // Only the digits of stable_memory_size changed.
        let expected = originalText.replacingOccurrences(
            of: "\"stable_memory_size\": \(originalSize),", with: "\"stable_memory_size\": \(grown),")
        #expect(try fixture.metadataText() == expected)
        #expect(!FileManager.default.fileExists(atPath: fixture.folder + "/metadata.json.tmp"))
        // A statement that fails changes neither the memory nor the metadata.
        #expect(!session.run("for i in 100..140 { big.insert(i, x\"\(String(repeating: "cd", count: 8000))\"); assert i < 130; }", origin: "<test>"))
        #expect(try fixture.fileSize("stable_memory.bin") == grown)
        session.close()
        #expect(try fixture.fileSize("stable_memory.bin") == grown)
        #expect(try fixture.metadataText() == expected)
    }

    @Test("a stale stable_memory_size (a crash between commit and metadata) is repaired by a read-write open")
    func repairsStaleMetadata() throws {
        let fixture = try SnapshotFixture()
        let size = try fixture.fileSize("stable_memory.bin")
        let stale = DemoSnapshot.metadata(stableMemorySize: size - 65536)
        try stale.write(toFile: fixture.folder + "/metadata.json", atomically: true, encoding: .utf8)
        do {
            let (session, sink) = makeSession()
            runOK(session, sink, "open \"\(fixture.folder)\" readonly;")
            #expect(runOK(session, sink, "describe;").contains("upload: NOT ready"))
            session.close()
        }
        #expect(try fixture.metadataText() == stale)
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\";")
        #expect(runOK(session, sink, "describe;").contains("upload: ready"))
        #expect(try fixture.metadataText() == DemoSnapshot.metadata(stableMemorySize: size))
    }

    @Test("a folder without stable_memory.bin is an empty stable memory")
    func emptyStableMemory() throws {
        let fixture = try SnapshotFixture(withStableMemory: false)
        let before = try fixture.tree()
        do {
            let (session, sink) = makeSession()
            runOK(session, sink, "open \"\(fixture.folder)\" readonly;")
            #expect(runOK(session, sink, "memories;").contains("0 pages"))
            let described = runOK(session, sink, "describe;")
            #expect(described.contains("stable memory 0 bytes"))
            #expect(described.contains("stable_memory.bin is absent: an empty stable memory, read-only"))
            #expect(described.contains("upload: ready"))
            runOK(session, sink, "upgrade;")
            #expect(!session.run("let m = map(0) of u64 -> u64;", origin: "<test>"))
            #expect(sink.errors.contains("raw (no memory manager)"))
            session.close()
        }
        #expect(try fixture.tree() == before)
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\"; let m = map(0) of u64 -> u64; m.insert(1, 2);")
        session.close()
        let size = try fixture.fileSize("stable_memory.bin")
        #expect(size > 0 && size % 65536 == 0)
        #expect(try fixture.metadataText() == DemoSnapshot.metadata(stableMemorySize: size))
    }

    @Test("a folder without metadata.json is refused with a clear error")
    func plainFolderRefused() throws {
        let fixture = try SnapshotFixture()
        let (session, sink) = makeSession()
        #expect(!session.run("open \"\(fixture.root)\";", origin: "<test>"))
        #expect(sink.errors.contains("is a folder without metadata.json"))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        "x\"" + bytes.map { String(format: "%02x", $0) }.joined() + "\""
    }
}
