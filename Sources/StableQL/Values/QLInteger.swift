/// An exact integer from -(2^128-1) to 2^128-1: a sign and a `UInt128`
/// magnitude. It holds every value of every StableQL integer type (u128 and
/// i64 included) without loss; conversion into a declared type checks range.
///
/// Invariant: zero is never negative.
public struct QLInteger: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// True for values below zero.
    public private(set) var isNegative: Bool
    /// The absolute value.
    public private(set) var magnitude: UInt128

    /// Creates `-magnitude` when `negative`, else `magnitude`.
    public init(negative: Bool, magnitude: UInt128) {
        self.isNegative = negative && magnitude != 0
        self.magnitude = magnitude
    }

    /// Creates an integer from any binary integer that fits the range.
    public init<T: BinaryInteger>(_ value: T) {
        if value < 0 {
            self.init(negative: true, magnitude: UInt128(value.magnitude))
        } else {
            self.init(negative: false, magnitude: UInt128(value))
        }
    }

    /// Zero.
    public static let zero = QLInteger(negative: false, magnitude: 0)

    /// The decimal form, with a leading `-` for negatives.
    public var description: String { isNegative ? "-\(magnitude)" : "\(magnitude)" }

    /// The value as `T` when it fits, else nil.
    public func exactly<T: FixedWidthInteger>(_: T.Type) -> T? {
        if isNegative {
            guard T.isSigned else { return nil }
            // -magnitude fits when magnitude <= |T.min|.
            guard magnitude <= UInt128(T.min.magnitude) else { return nil }
            if magnitude == UInt128(T.min.magnitude) { return T.min }
            return 0 - T(magnitude)
        }
        guard magnitude <= UInt128(T.max) else { return nil }
        return T(magnitude)
    }

    /// The value as a `Double` (rounded to the nearest representable).
    public var doubleValue: Double {
        let value = Double(magnitude)
        return isNegative ? -value : value
    }

    /// Orders integers numerically.
    public static func < (lhs: QLInteger, rhs: QLInteger) -> Bool {
        switch (lhs.isNegative, rhs.isNegative) {
        case (true, false): return true
        case (false, true): return false
        case (false, false): return lhs.magnitude < rhs.magnitude
        case (true, true): return lhs.magnitude > rhs.magnitude
        }
    }

    /// `-self`.
    public var negated: QLInteger { QLInteger(negative: !isNegative, magnitude: magnitude) }

    static let overflow = QLError("integer overflow: the result is outside -(2^128-1)...2^128-1")

    /// `self + other`, or an overflow error.
    public func adding(_ other: QLInteger) throws(QLError) -> QLInteger {
        if isNegative == other.isNegative {
            let (sum, overflow) = magnitude.addingReportingOverflow(other.magnitude)
            if overflow { throw QLInteger.overflow }
            return QLInteger(negative: isNegative, magnitude: sum)
        }
        if magnitude >= other.magnitude {
            return QLInteger(negative: isNegative, magnitude: magnitude - other.magnitude)
        }
        return QLInteger(negative: other.isNegative, magnitude: other.magnitude - magnitude)
    }

    /// `self - other`, or an overflow error.
    public func subtracting(_ other: QLInteger) throws(QLError) -> QLInteger {
        try adding(other.negated)
    }

    /// `self * other`, or an overflow error.
    public func multiplying(_ other: QLInteger) throws(QLError) -> QLInteger {
        let (product, overflow) = magnitude.multipliedReportingOverflow(by: other.magnitude)
        if overflow { throw QLInteger.overflow }
        return QLInteger(negative: isNegative != other.isNegative, magnitude: product)
    }

    /// `self / other` rounded toward zero, or a division-by-zero error.
    public func dividing(by other: QLInteger) throws(QLError) -> QLInteger {
        if other.magnitude == 0 { throw QLError("division by zero") }
        return QLInteger(negative: isNegative != other.isNegative, magnitude: magnitude / other.magnitude)
    }

    /// The remainder of `self / other`, with the sign of `self`.
    public func remainder(dividingBy other: QLInteger) throws(QLError) -> QLInteger {
        if other.magnitude == 0 { throw QLError("division by zero") }
        return QLInteger(negative: isNegative, magnitude: magnitude % other.magnitude)
    }
}
