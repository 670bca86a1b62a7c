/// Exact conversions between IEEE 754 binary16, binary32 and binary64 bit
/// patterns, and the choice of a float's preferred encoded width.
///
/// **Preferred serialisation.** RFC 8949 §4.1 asks for the shortest of
/// binary16/32/64 that preserves the value. `ciborium` implements this by
/// converting the `f64` to `f16` and `f32` and keeping the first width whose
/// conversion back to `f64` reproduces the *same bits*. This library makes the
/// same choice, computed on bit patterns (never with hardware conversions, whose
/// NaN results vary between platforms, notably on WebAssembly):
///
/// - finite values and ±0 go to binary16, else binary32, else binary64,
///   whichever holds them exactly (subnormal binary16/32 included);
/// - ±infinity is always binary16 (`f97c00`, `f9fc00`);
/// - a NaN narrows only when its payload survives exactly and it is quiet (the
///   half-precision conversion `ciborium` uses sets the quiet bit), so the
///   canonical NaN `0x7ff8000000000000` is `f97e00` and other payloads keep
///   their width; a signalling NaN stays binary64.
public enum CBORFloat {
    /// The binary64 bits of a binary16 value (exact).
    @inlinable
    public static func double(fromHalf half: UInt16) -> UInt64 {
        let sign = UInt64(half >> 15) << 63
        let exponent = Int((half >> 10) & 0x1F)
        let mantissa = UInt64(half & 0x3FF)
        if exponent == 0x1F { return sign | (0x7FF << 52) | (mantissa << 42) }
        if exponent == 0 {
            if mantissa == 0 { return sign }
            // Subnormal: mantissa × 2^-24; normalise around its highest bit.
            let top = 63 - mantissa.leadingZeroBitCount  // 0…9
            let unbiased = top - 24
            let fraction = (mantissa << UInt64(52 - top)) & ((1 << 52) - 1)
            return sign | (UInt64(unbiased + 1023) << 52) | fraction
        }
        return sign | (UInt64(exponent - 15 + 1023) << 52) | (mantissa << 42)
    }

    /// The binary64 bits of a binary32 value (exact; NaN payloads kept as they are).
    @inlinable
    public static func double(fromSingle single: UInt32) -> UInt64 {
        let sign = UInt64(single >> 31) << 63
        let exponent = Int((single >> 23) & 0xFF)
        let mantissa = UInt64(single & 0x7F_FFFF)
        if exponent == 0xFF { return sign | (0x7FF << 52) | (mantissa << 29) }
        if exponent == 0 {
            if mantissa == 0 { return sign }
            let top = 63 - mantissa.leadingZeroBitCount  // 0…22
            let unbiased = top - 149
            let fraction = (mantissa << UInt64(52 - top)) & ((1 << 52) - 1)
            return sign | (UInt64(unbiased + 1023) << 52) | fraction
        }
        return sign | (UInt64(exponent - 127 + 1023) << 52) | (mantissa << 29)
    }

    /// The binary16 bits holding exactly the binary64 value `bits`, or `nil`.
    @inlinable
    public static func half(exactly bits: UInt64) -> UInt16? {
        guard let narrowed = narrow(bits, exponentBits: 5, fractionBits: 10) else { return nil }
        return UInt16(truncatingIfNeeded: narrowed)
    }

    /// The binary32 bits holding exactly the binary64 value `bits`, or `nil`.
    @inlinable
    public static func single(exactly bits: UInt64) -> UInt32? {
        guard let narrowed = narrow(bits, exponentBits: 8, fractionBits: 23) else { return nil }
        return UInt32(truncatingIfNeeded: narrowed)
    }

    /// The float item for the binary64 value `bits` in its preferred width.
    @inlinable
    public static func preferred(bits: UInt64) -> CBORValue {
        if let half = half(exactly: bits) { return .float16(half) }
        if let single = single(exactly: bits) { return .float32(single) }
        return .float64(bits)
    }

    /// The float item for `value` in its preferred width.
    @inlinable
    public static func preferred(_ value: Double) -> CBORValue {
        preferred(bits: value.bitPattern)
    }

    /// Narrows binary64 `bits` to a format with the given field widths when
    /// that is exact (see the type's documentation for NaNs).
    @usableFromInline
    static func narrow(_ bits: UInt64, exponentBits: Int, fractionBits: Int) -> UInt64? {
        let width = 1 + exponentBits + fractionBits
        let sign = (bits >> 63) << UInt64(width - 1)
        let exponent = Int((bits >> 52) & 0x7FF)
        let fraction = bits & ((1 << 52) - 1)
        let dropped = 52 - fractionBits
        let droppedMask: UInt64 = (1 << UInt64(dropped)) - 1
        let maxExponent: UInt64 = (1 << UInt64(exponentBits)) - 1
        if exponent == 0x7FF {
            if fraction == 0 { return sign | (maxExponent << UInt64(fractionBits)) }
            let quiet = fraction >> 51 == 1
            guard quiet, fraction & droppedMask == 0 else { return nil }
            return sign | (maxExponent << UInt64(fractionBits)) | (fraction >> UInt64(dropped))
        }
        if exponent == 0 {
            // Zero narrows; binary64 subnormals are far below any narrower format.
            return fraction == 0 ? sign : nil
        }
        let bias = (1 << (exponentBits - 1)) - 1
        let unbiased = exponent - 1023
        if unbiased >= 1 - bias && unbiased <= bias {
            guard fraction & droppedMask == 0 else { return nil }
            return sign | (UInt64(unbiased + bias) << UInt64(fractionBits)) | (fraction >> UInt64(dropped))
        }
        // A subnormal of the narrow format: significand × 2^(1 - bias - fractionBits).
        let lowest = 1 - bias - fractionBits
        if unbiased >= lowest && unbiased < 1 - bias {
            let significand = (1 << 52) | fraction
            let shift = UInt64(52 - (unbiased - lowest))
            guard significand & ((1 << shift) - 1) == 0 else { return nil }
            return sign | (significand >> shift)
        }
        return nil
    }
}
