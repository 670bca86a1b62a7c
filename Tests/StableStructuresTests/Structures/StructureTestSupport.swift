import Foundation
import StableStructures
import StableTestSupport
import Testing

/// Helpers shared by the structure tests: golden scenario access, JSON value
/// conversion, byte comparison and seeded randomness.
enum StructureTestSupport {
    /// The ops list of a golden scenario.
    static func ops(_ name: String) throws -> [[Any]] {
        let manifest = try Golden.manifest(name)
        return try #require(manifest["ops"] as? [[Any]])
    }

    /// The `structures` list of a golden scenario.
    static func structures(_ name: String) throws -> [[String: Any]] {
        try #require(try Golden.manifest(name)["structures"] as? [[String: Any]])
    }

    /// A `u8…u64` JSON value (number or decimal string).
    static func unsigned(_ json: Any) throws -> UInt64 {
        if let text = json as? String { return try #require(UInt64(text)) }
        if let number = json as? NSNumber { return number.uint64Value }
        throw GoldenError.malformed("not an unsigned integer: \(json)")
    }

    /// A blob JSON value: hex, or `{"splitmix_bytes": {"seed": …, "len": …}}`.
    static func blob(_ json: Any) throws -> [UInt8] {
        if let text = json as? String { return try #require(bytes(fromHex: text)) }
        if let object = json as? [String: Any], let spec = object["splitmix_bytes"] as? [String: Any] {
            var generator = SplitMix64(seed: try unsigned(try #require(spec["seed"])))
            return generator.bytes(Int(try unsigned(try #require(spec["len"]))))
        }
        throw GoldenError.malformed("not a blob: \(json)")
    }

    /// Compares two images, reporting the first difference instead of dumping them.
    static func expectSameBytes(_ actual: [UInt8], _ expected: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, "image size \(actual.count) ≠ \(expected.count)", sourceLocation: sourceLocation)
        if let index = (0..<Swift.min(actual.count, expected.count)).first(where: { actual[$0] != expected[$0] }) {
            let window = index..<Swift.min(index + 16, Swift.min(actual.count, expected.count))
            Issue.record("first difference at byte \(index): \(hex(actual[window])) vs expected \(hex(expected[window]))", sourceLocation: sourceLocation)
        }
    }

    /// The seed for randomized tests: `STABLE_SEED` or the given default.
    static func seed(_ defaultSeed: UInt64) -> UInt64 {
        if let text = ProcessInfo.processInfo.environment["STABLE_SEED"], let value = UInt64(text) { return value }
        return defaultSeed
    }

    /// Whether long randomized runs are requested (`STABLE_LONG_TESTS=1`).
    static var longRuns: Bool { ProcessInfo.processInfo.environment["STABLE_LONG_TESTS"] == "1" }

    /// A copy of `memory`'s bytes in a fresh memory (a "reload" from the image).
    static func copy(_ memory: VectorMemory) throws -> VectorMemory {
        try VectorMemory(bytes: memory.bytes)
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when the golden folder is present.
    static var golden: ConditionTrait { .enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)) }
}
