/// The SplitMix64 generator of `bench/WORKLOADS.md`: the deterministic source
/// of every benchmark input and of the golden scenarios' `splitmix_bytes`.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's state.
    public var state: UInt64

    /// Creates a generator with the given seed (the workloads use `0x5EED`).
    public init(seed: UInt64) { state = seed }

    /// The next value of the sequence.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` bytes from successive values, each little-endian, the last truncated.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        var result = [UInt8]()
        result.reserveCapacity(count)
        while result.count < count {
            var value = next()
            for _ in 0..<Swift.min(8, count - result.count) {
                result.append(UInt8(truncatingIfNeeded: value))
                value >>= 8
            }
        }
        return result
    }
}
