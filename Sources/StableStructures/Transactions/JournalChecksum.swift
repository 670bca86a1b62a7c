/// The checksum of a rollback journal: a 64-bit multiply-xorshift hash over
/// little-endian words, fast enough (about a nanosecond per word) that
/// checking a journal costs little next to writing it.
///
/// It detects torn and truncated journals (zeros, stale bytes, a missing
/// tail), not tampering. Feeding the same bytes in chunks gives the same
/// value as feeding them at once when every chunk but the last is a multiple
/// of 8 bytes long.
@usableFromInline
struct JournalChecksum {
    @usableFromInline var state: UInt64 = 0x243F_6A88_85A3_08D3
    @usableFromInline var length: UInt64 = 0

    @usableFromInline init() {}

    /// Mixes `bytes` into the checksum.
    ///
    /// - Complexity: O(n).
    @usableFromInline
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        let words = bytes.count / 8
        var index = 0
        while index < words {
            mix(bytes.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self).littleEndian)
            index &+= 1
        }
        let tail = bytes.count &- words &* 8
        if tail > 0 {
            var word: UInt64 = 0
            for position in 0..<tail {
                word |= UInt64(bytes[words &* 8 &+ position]) << (8 &* UInt64(position))
            }
            mix(word)
        }
        length &+= UInt64(bytes.count)
    }

    @inline(__always)
    mutating func mix(_ word: UInt64) {
        state = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
        state ^= state >> 29
    }

    /// The checksum of everything fed so far.
    @usableFromInline
    var value: UInt64 {
        var result = (state ^ length) &* 0xBF58_476D_1CE4_E5B9
        result ^= result >> 31
        result = result &* 0x94D0_49BB_1331_11EB
        return result ^ (result >> 29)
    }
}
