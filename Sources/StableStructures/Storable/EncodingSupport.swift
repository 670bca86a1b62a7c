// Small raw-buffer helpers shared by the composite encodings (options, pairs,
// triples). They are internal but inlinable so that the generic encoders
// specialise across modules.

extension UnsafeMutableRawBufferPointer {
    /// The sub-buffer `range` as a buffer of its own (starting at index 0).
    @inlinable @inline(__always)
    func slice(_ range: Range<Int>) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(rebasing: self[range])
    }

    /// Sets the bytes in `range` to zero.
    @inlinable @inline(__always)
    func zero(_ range: Range<Int>) {
        guard !range.isEmpty, let base = baseAddress else { return }
        (base + range.lowerBound).initializeMemory(as: UInt8.self, repeating: 0, count: range.count)
    }

    /// Stores `length` as a big-endian integer of `width` bytes (1, 2 or 4)
    /// at `offset`; the value is truncated to the width (callers guarantee
    /// it fits whenever the encoding is valid).
    @inlinable @inline(__always)
    func storeLength(_ length: Int, width: Int, at offset: Int) {
        switch width {
        case 1: storeBytes(of: UInt8(truncatingIfNeeded: length), toByteOffset: offset, as: UInt8.self)
        case 2: storeBytes(of: UInt16(truncatingIfNeeded: length).bigEndian, toByteOffset: offset, as: UInt16.self)
        default: storeBytes(of: UInt32(truncatingIfNeeded: length).bigEndian, toByteOffset: offset, as: UInt32.self)
        }
    }
}

extension UnsafeRawBufferPointer {
    /// The sub-buffer `range` as a buffer of its own (starting at index 0).
    @inlinable @inline(__always)
    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self[range])
    }

    /// Loads a big-endian length of `width` bytes (1, 2 or 4) at `offset`;
    /// the caller has checked that `offset + width <= count`.
    @inlinable @inline(__always)
    func loadLength(width: Int, at offset: Int) -> Int {
        switch width {
        case 1: return Int(load(fromByteOffset: offset, as: UInt8.self))
        case 2: return Int(UInt16(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
        default: return Int(UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
    }
}

/// The byte-wise three-way comparison of two byte arrays (a proper prefix first).
@inlinable
func compareByteArrays(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
    lhs.withUnsafeBytes { l in rhs.withUnsafeBytes { r in compareBytes(l, r) } }
}

/// Lowercase hex of `bytes` (for descriptions).
func hexString(_ bytes: [UInt8]) -> String {
    let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
    var text = ""
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0xF)])
    }
    return text
}
