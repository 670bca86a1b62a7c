import Foundation
import Testing
@testable import Candid

/// Replays the `candid_decoder` fuzz seeds and regression corpus
/// (`Fuzz/Seeds/candid_decoder`, `Fuzz/Corpus/candid_decoder`) through the fuzz
/// target's function: a regression traps.
@Suite("Candid fuzz corpus replay")
struct CandidCorpusTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    @Test func replay() throws {
        var count = 0
        for folder in ["Seeds", "Corpus"] {
            let directory = Self.fuzzDirectory.appendingPathComponent(folder).appendingPathComponent("candid_decoder")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                CandidFuzzHarness.run([UInt8](try Data(contentsOf: directory.appendingPathComponent(name))))
                count += 1
            }
        }
        #expect(count >= 20)
    }

    /// The seeds are the round-trip samples' encodings (regenerate with `STABLE_WRITE_FUZZ_SEEDS=1`).
    @Test func seedsAreTheSamples() throws {
        let directory = Self.fuzzDirectory.appendingPathComponent("Seeds/candid_decoder")
        let seeds = try RoundTripTests.samples.map { try CandidEncoder.encode($0.1, as: $0.0, in: RoundTripTests.environment) }
        if ProcessInfo.processInfo.environment["STABLE_WRITE_FUZZ_SEEDS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (index, seed) in seeds.enumerated() {
                try Data(seed).write(to: directory.appendingPathComponent(String(format: "sample-%02d", index)))
            }
        }
        for (index, seed) in seeds.enumerated() {
            let stored = try Data(contentsOf: directory.appendingPathComponent(String(format: "sample-%02d", index)))
            #expect([UInt8](stored) == seed, "seed \(index)")
        }
    }
}
