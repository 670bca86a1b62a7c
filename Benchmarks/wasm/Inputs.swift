// Deterministic inputs of WORKLOADS.md: SplitMix64 from seed 0x5EED, blobs as
// successive values written little-endian (the last one truncated).
import StableStructures

/// The generator every workload draws its inputs from.
struct InputGenerator {
    var state: UInt64 = 0x5EED

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func blob(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            var word = next()
            var taken = 0
            while taken < 8 && filled < count {
                bytes[filled] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                filled += 1
                taken += 1
            }
        }
        return bytes
    }

    mutating func words(_ count: UInt64) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(Int(count))
        for _ in 0..<count { result.append(next()) }
        return result
    }

    mutating func blobs(_ count: UInt64, size: Int) -> [[UInt8]] {
        var result: [[UInt8]] = []
        result.reserveCapacity(Int(count))
        for _ in 0..<count { result.append(blob(size)) }
        return result
    }
}
