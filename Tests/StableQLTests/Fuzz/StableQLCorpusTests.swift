import Foundation
import StableQL
import Testing

/// Replays the `stableql` fuzz seeds and regression corpus (`Fuzz/Seeds/stableql`,
/// `Fuzz/Corpus/stableql`) through the fuzz target's function: a regression traps.
@Suite("StableQL fuzz corpus replay")
struct StableQLCorpusTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    @Test func replay() throws {
        var count = 0
        for folder in ["Seeds", "Corpus"] {
            let directory = Self.fuzzDirectory.appendingPathComponent(folder).appendingPathComponent("stableql")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                StableQLFuzzHarness.run([UInt8](try Data(contentsOf: directory.appendingPathComponent(name))))
                count += 1
            }
        }
        #expect(count >= 4)
    }

    @Test func filesAndLoopsAreNotRun() {
        #expect(!StableQLFuzzHarness.isRunnable("open \"x.img\";"))
        #expect(!StableQLFuzzHarness.isRunnable("for i in 0..3 { print i; }"))
        #expect(!StableQLFuzzHarness.isRunnable("print repeat(repeat(\"a\", 9), 9);"))
        #expect(!StableQLFuzzHarness.isRunnable("print 1234567;"))
        #expect(StableQLFuzzHarness.isRunnable("print repeat(\"ab\", 3);"))
        #expect(StableQLFuzzHarness.isRunnable("let m = map(0) of u64 -> u64;"))
    }

    /// The seeds are valid scripts: each runs without an error message.
    @Test func seedsRunCleanly() throws {
        let directory = Self.fuzzDirectory.appendingPathComponent("Seeds/stableql")
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
            let source = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let sink = CollectingSink()
            let session = Session(output: sink)
            #expect(session.run(source, origin: name), "\(name): \(sink.errors)")
            #expect(sink.errors.isEmpty, "\(name)")
        }
    }
}

final class CollectingSink: OutputSink {
    var errors: [String] = []
    func write(_ text: String) {}
    func writeError(_ text: String) { errors.append(text) }
}
