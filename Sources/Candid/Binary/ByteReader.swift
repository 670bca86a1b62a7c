/// Reads a message's bytes: fixed-size integers and LEB128 numbers, never past the end.
struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - position }
    var isAtEnd: Bool { position == bytes.count }

    mutating func byte() throws(CandidError) -> UInt8 {
        guard position < bytes.count else { throw CandidError(.malformed, "unexpected end of message") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func take(_ count: Int) throws(CandidError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw CandidError(.malformed, "\(count) bytes expected, \(remaining) left in the message")
        }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func skip(_ count: Int) throws(CandidError) { _ = try take(count) }

    /// A little-endian unsigned integer of `size` bytes.
    mutating func littleEndian(_ size: Int) throws(CandidError) -> UInt64 {
        var value: UInt64 = 0
        for (index, byte) in try take(size).enumerated() { value |= UInt64(byte) << UInt64(8 * index) }
        return value
    }

    /// An unsigned LEB128 number that must fit in 64 bits.
    mutating func leb128() throws(CandidError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try self.byte()
            let group = UInt64(byte & 0x7f)
            if shift >= 64 || (shift == 63 && group > 1) {
                if group != 0 { throw CandidError(.malformed, "LEB128 number too large") }
            } else {
                value |= group << shift
            }
            if byte & 0x80 == 0 { return value }
            shift += 7
            if shift > 7 * 20 { throw CandidError(.malformed, "LEB128 number too long") }
        }
    }

    /// A length or count: LEB128, at most `limit` (what the rest of the message can hold).
    mutating func length(limit: Int, what: String) throws(CandidError) -> Int {
        let value = try leb128()
        // A negative limit (a variant without tags) admits nothing.
        guard limit >= 0, value <= UInt64(limit) else {
            throw CandidError(.malformed, "\(what) \(value) is larger than the message allows")
        }
        return Int(value)
    }

    /// A signed LEB128 number that must fit in 64 bits.
    mutating func sleb128() throws(CandidError) -> Int64 {
        var value: Int64 = 0
        var shift: Int64 = 0
        var byte: UInt8
        repeat {
            byte = try self.byte()
            if shift < 64 { value |= Int64(byte & 0x7f) << shift }
            shift += 7
            if shift > 7 * 20 { throw CandidError(.malformed, "SLEB128 number too long") }
        } while byte & 0x80 != 0
        if shift < 64 && byte & 0x40 != 0 { value |= -1 << shift }
        return value
    }

    /// An unsigned LEB128 number of any size.
    mutating func natural() throws(CandidError) -> CandidNat {
        let start = position
        while try byte() & 0x80 != 0 {}
        var value = CandidNat()
        for index in stride(from: position - 1, through: start, by: -1) {
            value.shiftLeftOr(7, UInt32(bytes[index] & 0x7f))
        }
        return value
    }

    /// A signed LEB128 number of any size.
    mutating func integer() throws(CandidError) -> CandidInt {
        let start = position
        while try byte() & 0x80 != 0 {}
        let negative = bytes[position - 1] & 0x40 != 0
        var value = CandidNat()
        for index in stride(from: position - 1, through: start, by: -1) {
            let group = bytes[index] & 0x7f
            value.shiftLeftOr(7, UInt32(negative ? group ^ 0x7f : group))
        }
        if negative { value.multiplyAdd(1, 1) }
        return CandidInt(isNegative: negative, magnitude: value)
    }

    /// Skips a LEB128 or SLEB128 number.
    mutating func skipLEB() throws(CandidError) {
        while try byte() & 0x80 != 0 {}
    }
}
