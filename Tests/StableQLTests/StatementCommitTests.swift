import Foundation
import StableQL
import StableStructures
import Testing

/// Every top-level statement reaches the image file as soon as it succeeds,
/// not at the end of the `run`: a sink reads the file from disk (as another
/// process would) each time the session prints.
@Suite("Statements commit one by one to an image file")
struct StatementCommitTests {
    /// Records, at each printed line, the map in memory 0 of the image on disk.
    final class FileReadingSink: OutputSink {
        let path: String
        var snapshots: [[UInt64: UInt64]?] = []
        var errors = ""

        init(path: String) { self.path = path }

        func write(_ text: String) { snapshots.append(try? readMap()) }
        func writeError(_ text: String) { errors += text }

        func readMap() throws(StableError) -> [UInt64: UInt64] {
            let manager = try MemoryManager(try FileMemory(recovering: path, readOnly: true))
            let map = try BTreeMap<UInt64, UInt64, VirtualMemory<FileMemory>>.load(memory: manager.memory(MemoryId(0)))
            var contents: [UInt64: UInt64] = [:]
            for (key, value) in try map.entries.collect() { contents[key] = value }
            return contents
        }
    }

    @Test("each statement is on disk before the next one runs; a failed one never is")
    func committedPerStatement() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("ql-commit-\(UInt32.random(in: 0...UInt32.max)).img").path
        defer {
            removeImageFiles(path)
        }
        let sink = FileReadingSink(path: path)
        let session = Session(output: sink)
        let ok = session.run("""
            open "\(path)" bucket_size 1;
            let m = map(0) of u64 -> u64;
            m.insert(1, 10);
            print 1;
            for i in 2..5 { m.insert(i, i * 10); }
            print 2;
            m.insert(1, 11);
            m.remove(2);
            print 3;
            """, origin: "<stdin>", keepGoing: true)
        #expect(ok, "\(sink.errors)")
        // `m.insert(1, 11)` and `m.remove(2)` print (the old values) while
        // they run: the file does not have their own write yet.
        #expect(sink.snapshots == [
            [1: 10],
            [1: 10, 2: 20, 3: 30, 4: 40],
            [1: 10, 2: 20, 3: 30, 4: 40],
            [1: 11, 2: 20, 3: 30, 4: 40],
            [1: 11, 3: 30, 4: 40],
        ])
        sink.snapshots = []
        #expect(!session.run("m.insert(7, 70); for i in 0..3 { m.insert(i + 100, i); } assert false; print 4;",
                             origin: "<stdin>", keepGoing: true))
        // The loop and the insert before it committed; the failed assert
        // wrote nothing; the statement after it ran (keepGoing).
        #expect(sink.snapshots == [
            [1: 11, 3: 30, 4: 40, 7: 70, 100: 0, 101: 1, 102: 2],
        ])
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        session.close()
    }
}
