import StableStructures
import StableTestSupport
import Testing

@Suite("CBOR: float widths")
struct CBORFloatTests {
    @Test("every binary16 pattern widens exactly and narrows back, except signalling NaNs")
    func halfRoundTrip() {
        for bits in UInt16.min...UInt16.max {
            let wide = CBORFloat.double(fromHalf: bits)
            let isNaN = bits & 0x7C00 == 0x7C00 && bits & 0x3FF != 0
            let isSignalling = isNaN && bits & 0x200 == 0
            #expect(CBORFloat.half(exactly: wide) == (isSignalling ? nil : bits), "\(bits)")
            #if arch(x86_64) && !os(macOS) || arch(arm64)
            if !isNaN {
                #expect(wide == Double(Float16(bitPattern: bits)).bitPattern, "\(bits)")
            }
            #endif
        }
    }

    @Test("binary32 patterns widen as the hardware does and narrow back exactly")
    func singleRoundTrip() {
        var random = SplitMix64(seed: TestSeed.seed("cbor-float32"))
        var patterns: [UInt32] = [0, 0x8000_0000, 1, 0x7F_FFFF, 0x80_0000, 0x7F7F_FFFF, 0x7F80_0000, 0xFF80_0000]
        for _ in 0..<20_000 { patterns.append(UInt32(truncatingIfNeeded: random.next())) }
        for bits in patterns {
            let wide = CBORFloat.double(fromSingle: bits)
            let float = Float(bitPattern: bits)
            if !float.isNaN {
                #expect(wide == Double(float).bitPattern, "\(bits)")
                #expect(CBORFloat.single(exactly: wide) == bits, "\(bits)")
            }
            // Narrowing a binary64 that is not exactly a binary32 fails.
            if !float.isNaN, float.isFinite {
                let nudged = Double(bitPattern: wide).nextUp
                #expect(CBORFloat.single(exactly: nudged.bitPattern) == nil, "\(bits)")
            }
        }
    }

    @Test("ciborium's choice of width for notable values")
    func preferredWidths() {
        let cases: [(Double, String)] = [
            (Float.leastNonzeroMagnitude.asDouble, "fa00000001"),          // binary32 subnormal
            (Float.greatestFiniteMagnitude.asDouble, "fa7f7fffff"),
            (Double(Float.leastNormalMagnitude), "fa00800000"),
            (65505.0, "fa477fe100"),                                      // just beyond binary16
            (Double.leastNonzeroMagnitude, "fb0000000000000001"),
            (Double.greatestFiniteMagnitude, "fb7fefffffffffffff"),
            (Double(bitPattern: 0x7FF8_0000_0000_0001), "fb7ff8000000000001"),  // NaN payload lost by narrowing
            (Double(bitPattern: 0x7FF0_0000_0000_0001), "fb7ff0000000000001"),  // signalling NaN
            (Double(bitPattern: 0x7FFC_0000_0000_0000), "f97f00"),              // quiet NaN, payload fits binary16
            (Double(bitPattern: 0xFFF8_0000_0000_0000), "f9fe00"),              // negative NaN
            (Double(bitPattern: 0x7FF8_0000_2000_0000), "fa7fc00001"),          // payload fits binary32 only
            (0.1, "fb3fb999999999999a"), (-0.5, "f9b800"), (1.0 / 3.0, "fb3fd5555555555555"),
        ]
        for (value, expected) in cases {
            #expect(hex(CBORValue.float(value).encodedBytes) == expected, "\(value)")
        }
        // A Float is widened first, then written in the shortest width.
        #expect(hex(CBORValue.float(Float(1.5)).encodedBytes) == "f93e00")
        #expect(hex(CBORValue.float(Float(0.1)).encodedBytes) == "fa3dcccccd")
    }

    struct Measures: Codable, Equatable {
        var single: Float
        var double: Double
    }

    @Test("Codable floats round-trip exactly, and a Float refuses values beyond its range")
    func codableFloats() throws {
        for value in [Measures(single: 0.1, double: 0.1), Measures(single: -.infinity, double: .greatestFiniteMagnitude),
                      Measures(single: .leastNonzeroMagnitude, double: -0.0)] {
            let decoded = try CBORDecoder().decode(Measures.self, from: try CBOREncoder().encode(value))
            #expect(decoded.single.bitPattern == value.single.bitPattern)
            #expect(decoded.double.bitPattern == value.double.bitPattern)
        }
        let nan = try CBORDecoder().decode(Measures.self, from: try CBOREncoder().encode(Measures(single: .nan, double: .nan)))
        #expect(nan.single.isNaN && nan.double.isNaN)
        let huge = "a2" + "66" + hexText("single") + "fb7fefffffffffffff" + "66" + hexText("double") + "00"
        #expect(throws: StableError.malformedEncoding(
            type: "Measures", reason: "field `single`: 1.7976931348623157e+308 does not fit in Float")) {
            try CBORDecoder().decode(Measures.self, from: try unhex(huge))
        }
        // Integers are accepted for floats when exact.
        let integral = "a2" + "66" + hexText("single") + "20" + "66" + hexText("double") + "1864"
        #expect(try CBORDecoder().decode(Measures.self, from: try unhex(integral)) == Measures(single: -1, double: 100))
    }
}

extension Float {
    var asDouble: Double { Double(self) }
}
