import Foundation
import StableQL
import StableStructures
import Testing

/// Two sessions on one image in one process: each has its own lock
/// descriptor, so they coordinate exactly as two shells would.
@Suite("Sessions sharing an image")
struct SessionCoordinationTests {
    final class Image {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("ql-shared-\(UInt32.random(in: 0...UInt32.max)).img").path
        deinit {
            removeImageFiles(path)
        }
    }

    static func open(_ image: Image, readOnly: Bool = false) -> (Session, RecordingSink) {
        let (session, sink) = makeSession(mode: .list)
        session.options.busyTimeoutMilliseconds = 100
        #expect(session.run("open \(Value.quote(image.path))\(readOnly ? " readonly" : "");", origin: "<test>"), "\(sink.errors)")
        return (session, sink)
    }

    @Test("each session sees the other's commits at its next statement, bindings and manager re-attached")
    func seesOtherCommits() {
        let image = Image()
        let (a, aOut) = Self.open(image)
        let (b, bOut) = Self.open(image)
        #expect(a.run("let m = map(0) of u64 -> u64; let v = vec(1) of u32; m.insert(1, 10); v.push(7);", origin: "<a>"))
        #expect(b.run("let m = map(0) of u64 -> u64; let v = vec(1) of u32; m.insert(2, 20); v.push(8);", origin: "<b>"))
        // a's in-heap headers are stale; a statement re-reads them first.
        #expect(a.run("m.insert(3, 30); m.len(); v.len();", origin: "<a>"))
        #expect(aOut.output == "3\n2\n", "\(aOut.errors)")
        #expect(b.run("m.len(); m.get(3); v.get(0); v.get(1);", origin: "<b>"))
        #expect(bOut.output == "3\n30\n7\n8\n", "\(bOut.errors)")
        // A third, read-only session sees the same.
        let (c, cOut) = Self.open(image, readOnly: true)
        #expect(c.run("let m = map(0) of u64 -> u64; m.len();", origin: "<c>"))
        #expect(cOut.output == "3\n")
        #expect(aOut.errors.isEmpty && bOut.errors.isEmpty && cOut.errors.isEmpty)
    }

    @Test("a statement that cannot get the lock fails before writing anything")
    func busyStatement() throws {
        let image = Image()
        let (a, aOut) = Self.open(image)
        #expect(a.run("let m = map(0) of u64 -> u64; m.insert(1, 10);", origin: "<a>"))
        let holder = try ImageCoordinator(imagePath: image.path)
        _ = try holder.begin(.read)
        #expect(!a.run("m.insert(2, 20);", origin: "<a>"))
        #expect(aOut.errors == "error: image is busy: locked by another process\n")
        #expect(a.run("m.len();", origin: "<a>"))  // reads share the lock
        holder.end()
        #expect(a.run("m.get(2); m.insert(2, 20); m.len();", origin: "<a>"))
        #expect(aOut.output == "1\nnone\n2\n")
    }

    @Test("which statements take the write lock")
    func statementAccess() {
        let image = Image()
        let (a, aOut) = Self.open(image)
        #expect(a.run("let m = map(0) of u64 -> u64; m.insert(1, 10);", origin: "<a>"))
        let holder = try? ImageCoordinator(imagePath: image.path)
        _ = try? holder?.begin(.read)
        let reads = ["m.len();", "m.get(1);", "for k in m.keys() { print k; }", "let n = m.len() + 1;", "assert m.contains(1);",
                     "describe m;", "memories;", "m.range(0..5);"]
        for statement in reads { #expect(a.run(statement, origin: "<a>"), "\(statement): \(aOut.errors)") }
        let writes = ["m.remove(1);", "let x = m.insert(5, 5);", "for i in 0..2 { m.insert(i, i); }", "print m.pop_first();",
                      "let s = set(3) of u64;", "reclaim 4;", "upgrade;"]
        for statement in writes { #expect(!a.run(statement, origin: "<a>"), "\(statement) ran under a read lock") }
        holder?.end()
    }
}
