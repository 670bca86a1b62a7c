import Foundation
import StableStructures
import StableTestSupport
import Testing

/// Replays the fuzz seeds (`Fuzz/Seeds/TARGET/`) and the regression corpus
/// (`Fuzz/Corpus/TARGET/`: inputs that once crashed or hung, and a set cover
/// of the fuzzers' corpora) through the same harness functions the libFuzzer
/// targets call. A regression traps, failing the run.
///
/// The inputs live outside the test target's directory because SwiftPM warns
/// about unhandled files inside a target (and Package.swift stays untouched).
@Suite("Fuzz corpus replay")
struct FuzzCorpusTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")
    static let corpusDirectory = fuzzDirectory.appendingPathComponent("Corpus")
    static let seedsDirectory = fuzzDirectory.appendingPathComponent("Seeds")

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

    static var longTests: Bool { ProcessInfo.processInfo.environment["STABLE_LONG_TESTS"] == "1" }

    /// Runs `body` on every input of `target`; inputs over `quickLimit` bytes
    /// only with `STABLE_LONG_TESTS=1` (operation inputs are slow in debug builds).
    static func replay(_ target: String, quickLimit: Int = .max, _ body: ([UInt8]) -> Void) throws {
        let files = inputs(target)
        #expect(!files.isEmpty, "no corpus for \(target)")
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            if bytes.count > quickLimit && !longTests { continue }
            body(bytes)
        }
    }

    @Test func corpusDirectoriesExist() {
        for target in ["image_structures", "ops_btreemap"] {
            let names = (try? FileManager.default.contentsOfDirectory(
                atPath: Self.corpusDirectory.appendingPathComponent(target).path)) ?? []
            #expect(names.count > 5, "Fuzz/Corpus/\(target)")
        }
    }

    @Test func imageBTreeMap() throws { try Self.replay("image_btreemap", FuzzHarness.imageBTreeMap) }

    @Test func imageMemoryManager() throws { try Self.replay("image_memory_manager", FuzzHarness.imageMemoryManager) }

    @Test func imageStructures() throws { try Self.replay("image_structures", FuzzHarness.imageStructures) }

    @Test func cborValue() throws { try Self.replay("cbor_value", FuzzHarness.cborValue) }

    @Test func opsBTreeMap() throws { try Self.replay("ops_btreemap", quickLimit: 160, FuzzHarness.opsBTreeMap) }

    @Test func opsStructures() throws { try Self.replay("ops_structures", FuzzHarness.opsStructures) }

    /// Random operation sequences through the structures' oracle.
    @Test func opsStructuresRandom() {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["STABLE_SEED"].flatMap { UInt64($0) } ?? 0x5EED_57C7
        var generator = SplitMix64(seed: seed)
        for _ in 0..<(Self.longTests ? 400 : 8) {
            FuzzHarness.opsStructures(generator.bytes(Int(generator.next() % 3000)))
        }
    }

    /// Random operation sequences through the ops oracle (more with
    /// `STABLE_LONG_TESTS=1`; `STABLE_SEED` picks the sequence).
    @Test func opsBTreeMapRandom() {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["STABLE_SEED"].flatMap { UInt64($0) } ?? 0x5EED_F022
        let rounds = Self.longTests ? 400 : 4
        var generator = SplitMix64(seed: seed)
        for _ in 0 ..< rounds {
            FuzzHarness.opsBTreeMap(generator.bytes(Int(generator.next() % 400)))
        }
    }
}
