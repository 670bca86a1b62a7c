import Foundation
import Testing
@testable import Candid

/// Runs every assertion of the official Candid test suite (`../shared/candid-tests`).
@Suite("Candid conformance suite")
struct ConformanceTests {
    /// The suite's folder: `STABLE_CANDID_TESTS_DIR`, or `../shared/candid-tests` beside the package.
    static let directory: URL? = {
        if let custom = ProcessInfo.processInfo.environment["STABLE_CANDID_TESTS_DIR"] {
            return URL(fileURLWithPath: custom)
        }
        // This file is Tests/CandidTests/Conformance/ConformanceTests.swift: four levels below the package.
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        let candidate = root.deletingLastPathComponent().appendingPathComponent("shared/candid-tests")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }()

    static let files = ["prim", "construct", "reference", "subtypes", "overshoot", "spacebomb"]

    @Test(arguments: files)
    func file(_ name: String) throws {
        guard let directory = Self.directory else {
            print("../shared/candid-tests is absent: Candid conformance test \(name) skipped")
            return
        }
        let source = try String(contentsOf: directory.appendingPathComponent("\(name).test.did"), encoding: .utf8)
        let file = try ConformanceFile(source)
        var passed = 0
        let clock = ContinuousClock()
        for assertion in file.assertions {
            var failure: String?
            let elapsed = clock.measure { failure = file.check(assertion) }
            if let failure {
                Issue.record(Comment(rawValue: "\(name) #\(assertion.line) \(assertion.description): \(failure)"))
            } else {
                passed += 1
            }
            // Hostile messages must be refused quickly, not after long work.
            #expect(elapsed < .seconds(2), "\(name) #\(assertion.line) took \(elapsed)")
        }
        print("Candid conformance \(name).test.did: \(passed)/\(file.assertions.count) passed")
        #expect(file.assertions.count == Self.expectedCounts[name])
    }

    /// The assertion count of each file, so a parsing slip cannot drop assertions silently: 467 in all.
    /// (`grep -c assert` finds 471 lines: four more in `subtypes.test.did` are templates with `XX`
    /// placeholders inside its opening comment.)
    static let expectedCounts = ["prim": 168, "construct": 164, "reference": 50, "subtypes": 58, "overshoot": 10, "spacebomb": 17]
}
