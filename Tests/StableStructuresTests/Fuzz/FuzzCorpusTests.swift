import Foundation
import StableStructures
import StableTestSupport
import Testing

/// Replays the fuzz seeds (`Fuzz/Seeds/TARGET/`) and the regression corpus
/// (`Tests/StableStructuresTests/Fuzz/Corpus/TARGET/`: inputs that once
/// crashed, hung or reached deep paths) through the same harness functions
/// the libFuzzer targets call. A regression traps, failing the run.
@Suite("Fuzz corpus replay")
struct FuzzCorpusTests {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let corpusDirectory = testsDirectory.appendingPathComponent("Corpus")
    static let seedsDirectory = testsDirectory
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Seeds")

    /// The files of `TARGET` in the corpus and seed directories, sorted.
    static func inputs(_ target: String) -> [URL] {
        var files: [URL] = []
        for root in [corpusDirectory, seedsDirectory] {
            let directory = root.appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            files += names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
        }
        return files
    }

    static func replay(_ target: String, _ body: ([UInt8]) -> Void) throws {
        let files = inputs(target)
        #expect(!files.isEmpty, "no corpus for \(target)")
        for file in files {
            body([UInt8](try Data(contentsOf: file)))
        }
    }

    @Test func imageBTreeMap() throws { try Self.replay("image_btreemap", FuzzHarness.imageBTreeMap) }

    @Test func imageMemoryManager() throws { try Self.replay("image_memory_manager", FuzzHarness.imageMemoryManager) }

    @Test func imageStructures() throws { try Self.replay("image_structures", FuzzHarness.imageStructures) }

    @Test func cborValue() throws { try Self.replay("cbor_value", FuzzHarness.cborValue) }

    @Test func opsBTreeMap() throws { try Self.replay("ops_btreemap", FuzzHarness.opsBTreeMap) }

    /// Random operation sequences through the ops oracle (more with
    /// `STABLE_LONG_TESTS=1`; `STABLE_SEED` picks the sequence).
    @Test func opsBTreeMapRandom() {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["STABLE_SEED"].flatMap { UInt64($0) } ?? 0x5EED_F022
        let rounds = environment["STABLE_LONG_TESTS"] == "1" ? 400 : 4
        var generator = SplitMix64(seed: seed)
        for _ in 0 ..< rounds {
            FuzzHarness.opsBTreeMap(generator.bytes(Int(generator.next() % 400)))
        }
    }
}
