#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Settings of the randomized tests: `STABLE_SEED` overrides the fixed
/// default seed, `STABLE_LONG_TESTS=1` makes the runs much longer.
enum TestSeed {
    /// The base seed (default `0x5EED`).
    static let base: UInt64 = {
        guard let text = getenv("STABLE_SEED").map({ String(cString: $0) }) else { return 0x5EED }
        return UInt64(text) ?? UInt64(text.dropFirst(2), radix: 16) ?? 0x5EED
    }()

    /// Whether the long runs are requested.
    static let long: Bool = getenv("STABLE_LONG_TESTS").map { String(cString: $0) == "1" } ?? false

    /// A seed for one test, derived from the base seed and a label.
    static func seed(_ label: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in label.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return base ^ hash
    }
}
