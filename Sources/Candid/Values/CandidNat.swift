/// A natural number of any size, the value of Candid's `nat`.
///
/// Stored as little-endian 32-bit limbs without trailing zero limbs, so that
/// equal numbers have equal representations.
public struct CandidNat: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Little-endian 32-bit limbs, no trailing zeros (zero is the empty array).
    public private(set) var limbs: [UInt32]

    /// Zero.
    public init() { limbs = [] }

    /// The number equal to `value`.
    public init(_ value: UInt64) {
        limbs = []
        if value != 0 { limbs.append(UInt32(truncatingIfNeeded: value)) }
        if value >> 32 != 0 { limbs.append(UInt32(truncatingIfNeeded: value >> 32)) }
    }

    /// The number with these little-endian limbs (trailing zeros allowed).
    public init(limbs: [UInt32]) {
        self.limbs = limbs
        normalize()
    }

    /// Whether the number is zero.
    public var isZero: Bool { limbs.isEmpty }

    /// The number as a `UInt64`, or `nil` when it does not fit.
    public var uint64: UInt64? {
        switch limbs.count {
        case 0: return 0
        case 1: return UInt64(limbs[0])
        case 2: return UInt64(limbs[0]) | UInt64(limbs[1]) << 32
        default: return nil
        }
    }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    /// `self = self * factor + addend`.
    mutating func multiplyAdd(_ factor: UInt32, _ addend: UInt32) {
        var carry = UInt64(addend)
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
        normalize()
    }

    /// Divides by a small divisor in place and returns the remainder.
    mutating func divide(by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let current = remainder << 32 | UInt64(limbs[index])
            limbs[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        normalize()
        return UInt32(remainder)
    }

    /// The number shifted left by `bits` with `group` or-ed into the new low bits
    /// (used to assemble LEB128 groups, most significant first).
    mutating func shiftLeftOr(_ bits: Int, _ group: UInt32) {
        precondition(bits > 0 && bits < 32)
        var carry: UInt32 = group
        for index in limbs.indices {
            let limb = limbs[index]
            limbs[index] = limb << UInt32(bits) | carry
            carry = limb >> UInt32(32 - bits)
        }
        if carry != 0 { limbs.append(carry) }
        normalize()
    }

    /// The decimal digits of the number.
    public var description: String {
        if limbs.isEmpty { return "0" }
        var copy = self
        var chunks: [UInt32] = []
        while !copy.isZero { chunks.append(copy.divide(by: 1_000_000_000)) }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }

    /// Parses decimal digits (underscores allowed between digits); `nil` if malformed.
    public init?(decimal text: Substring) {
        self.init()
        var sawDigit = false
        for character in text.utf8 {
            if character == UInt8(ascii: "_") { continue }
            guard character >= 48, character <= 57 else { return nil }
            multiplyAdd(10, UInt32(character - 48))
            sawDigit = true
        }
        if !sawDigit { return nil }
    }

    /// Parses hexadecimal digits (underscores allowed); `nil` if malformed.
    public init?(hexadecimal text: Substring) {
        self.init()
        var sawDigit = false
        for character in text.utf8 {
            if character == UInt8(ascii: "_") { continue }
            guard let digit = hexDigitValue(character) else { return nil }
            multiplyAdd(16, UInt32(digit))
            sawDigit = true
        }
        if !sawDigit { return nil }
    }

    public static func < (lhs: CandidNat, rhs: CandidNat) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for index in lhs.limbs.indices.reversed() where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }
}

/// An integer of any size, the value of Candid's `int`.
public struct CandidInt: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Whether the number is below zero (never true for zero).
    public let isNegative: Bool
    /// The absolute value.
    public let magnitude: CandidNat

    /// The integer with this sign and magnitude (a negative zero is zero).
    public init(isNegative: Bool, magnitude: CandidNat) {
        self.isNegative = isNegative && !magnitude.isZero
        self.magnitude = magnitude
    }

    /// The integer equal to `value`.
    public init(_ value: Int64) {
        self.init(isNegative: value < 0, magnitude: CandidNat(value.magnitude))
    }

    /// The integer equal to a natural number.
    public init(_ value: CandidNat) {
        self.init(isNegative: false, magnitude: value)
    }

    /// The integer as an `Int64`, or `nil` when it does not fit.
    public var int64: Int64? {
        guard let value = magnitude.uint64 else { return nil }
        if isNegative {
            return value <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- value) : nil
        }
        return value <= UInt64(Int64.max) ? Int64(value) : nil
    }

    /// The decimal form, with a leading `-` when negative.
    public var description: String { (isNegative ? "-" : "") + magnitude.description }

    public static func < (lhs: CandidInt, rhs: CandidInt) -> Bool {
        switch (lhs.isNegative, rhs.isNegative) {
        case (true, false): return true
        case (false, true): return false
        case (false, false): return lhs.magnitude < rhs.magnitude
        case (true, true): return rhs.magnitude < lhs.magnitude
        }
    }
}

func hexDigitValue(_ character: UInt8) -> UInt8? {
    switch character {
    case 48...57: return character - 48
    case 97...102: return character - 87
    case 65...70: return character - 55
    default: return nil
    }
}
