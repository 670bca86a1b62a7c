import StableStructures
import StableTestSupport
import Testing

/// The examples of RFC 8949 Appendix A (Table 6), typed in from the RFC.
///
/// Each vector is decoded and compared with the expected item; vectors in
/// preferred serialisation are also encoded and compared byte for byte.
@Suite("CBOR: RFC 8949 Appendix A")
struct CBORVectorTests {
    struct Vector: CustomTestStringConvertible, Sendable {
        let hex: String
        let value: CBORValue
        /// Whether the encoding is the preferred one (so the encoder must produce it).
        let preferred: Bool
        var testDescription: String { hex }
    }

    static func v(_ hex: String, _ value: CBORValue, preferred: Bool = true) -> Vector {
        Vector(hex: hex, value: value, preferred: preferred)
    }

    static func text(_ s: String) -> CBORValue { .text(s) }
    static func u(_ n: UInt64) -> CBORValue { .unsigned(n) }
    static func ints(_ range: ClosedRange<UInt64>) -> [CBORValue] { range.map { .unsigned($0) } }

    static let integers: [Vector] = [
        v("00", u(0)), v("01", u(1)), v("0a", u(10)), v("17", u(23)), v("1818", u(24)),
        v("1819", u(25)), v("1864", u(100)), v("1903e8", u(1000)), v("1a000f4240", u(1_000_000)),
        v("1b000000e8d4a51000", u(1_000_000_000_000)),
        v("1bffffffffffffffff", u(18_446_744_073_709_551_615)),
        // 18446744073709551616 and its negative counterpart are bignums (tags 2 and 3).
        v("c249010000000000000000", .tagged(2, .bytes([1, 0, 0, 0, 0, 0, 0, 0, 0]))),
        v("3bffffffffffffffff", .negative(18_446_744_073_709_551_615)),  // -18446744073709551616
        v("c349010000000000000000", .tagged(3, .bytes([1, 0, 0, 0, 0, 0, 0, 0, 0]))),
        v("20", .integer(-1)), v("29", .integer(-10)), v("3863", .integer(-100)), v("3903e7", .integer(-1000)),
    ]

    static let floats: [Vector] = [
        v("f90000", .float(0.0)), v("f98000", .float(-0.0)), v("f93c00", .float(1.0)),
        v("fb3ff199999999999a", .float(1.1)), v("f93e00", .float(1.5)), v("f97bff", .float(65504.0)),
        v("fa47c35000", .float(100_000.0)), v("fa7f7fffff", .float(3.4028234663852886e+38)),
        v("fb7e37e43c8800759c", .float(1.0e+300)), v("f90001", .float(5.960464477539063e-8)),
        v("f90400", .float(0.00006103515625)), v("f9c400", .float(-4.0)),
        v("fbc010666666666666", .float(-4.1)), v("f97c00", .float(Double.infinity)),
        v("f97e00", .float(Double.nan)), v("f9fc00", .float(-Double.infinity)),
        // The same values in wider, non-preferred forms: decode only.
        v("fa7f800000", .float32(0x7F80_0000), preferred: false),
        v("fa7fc00000", .float32(0x7FC0_0000), preferred: false),
        v("faff800000", .float32(0xFF80_0000), preferred: false),
        v("fb7ff0000000000000", .float64(0x7FF0_0000_0000_0000), preferred: false),
        v("fb7ff8000000000000", .float64(0x7FF8_0000_0000_0000), preferred: false),
        v("fbfff0000000000000", .float64(0xFFF0_0000_0000_0000), preferred: false),
    ]

    static let simpleAndTagged: [Vector] = [
        v("f4", .bool(false)), v("f5", .bool(true)), v("f6", .null), v("f7", .undefined),
        v("f0", .simple(CBORSimpleValue(16)!)), v("f8ff", .simple(CBORSimpleValue(255)!)),
        v("c074323031332d30332d32315432303a30343a30305a", .tagged(0, text("2013-03-21T20:04:00Z"))),
        v("c11a514b67b0", .tagged(1, u(1_363_896_240))),
        v("c1fb41d452d9ec200000", .tagged(1, .float(1_363_896_240.5))),
        v("d74401020304", .tagged(23, .bytes([1, 2, 3, 4]))),
        v("d818456449455446", .tagged(24, .bytes([0x64, 0x49, 0x45, 0x54, 0x46]))),
        v("d82076687474703a2f2f7777772e6578616d706c652e636f6d", .tagged(32, text("http://www.example.com"))),
    ]

    static let strings: [Vector] = [
        v("40", .bytes([])), v("4401020304", .bytes([1, 2, 3, 4])),
        v("60", text("")), v("6161", text("a")), v("6449455446", text("IETF")),
        v("62225c", text("\"\\")), v("62c3bc", text("\u{00FC}")), v("63e6b0b4", text("\u{6C34}")),
        v("64f0908591", text("\u{10151}")),
    ]

    static let containers: [Vector] = [
        v("80", .array([])), v("83010203", .array(ints(1...3))),
        v("8301820203820405", .array([u(1), .array([u(2), u(3)]), .array([u(4), u(5)])])),
        v("98190102030405060708090a0b0c0d0e0f101112131415161718181819", .array(ints(1...25))),
        v("a0", .map([])),
        v("a201020304", .map([CBORMapEntry(u(1), u(2)), CBORMapEntry(u(3), u(4))])),
        v("a26161016162820203", .map([CBORMapEntry(text("a"), u(1)), CBORMapEntry(text("b"), .array([u(2), u(3)]))])),
        v("826161a161626163", .array([text("a"), .map([CBORMapEntry(text("b"), text("c"))])])),
        v("a56161614161626142616361436164614461656145", .map(
            ["a", "b", "c", "d", "e"].map { CBORMapEntry(text($0), text($0.uppercased())) })),
    ]

    static let indefinite: [Vector] = [
        v("5f42010243030405ff", .bytes([1, 2, 3, 4, 5]), preferred: false),
        v("7f657374726561646d696e67ff", text("streaming"), preferred: false),
        v("9fff", .array([]), preferred: false),
        v("9f018202039f0405ffff", .array([u(1), .array([u(2), u(3)]), .array([u(4), u(5)])]), preferred: false),
        v("9f01820203820405ff", .array([u(1), .array([u(2), u(3)]), .array([u(4), u(5)])]), preferred: false),
        v("83018202039f0405ff", .array([u(1), .array([u(2), u(3)]), .array([u(4), u(5)])]), preferred: false),
        v("83019f0203ff820405", .array([u(1), .array([u(2), u(3)]), .array([u(4), u(5)])]), preferred: false),
        v("9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff", .array(ints(1...25)), preferred: false),
        v("bf61610161629f0203ffff",
          .map([CBORMapEntry(text("a"), u(1)), CBORMapEntry(text("b"), .array([u(2), u(3)]))]), preferred: false),
        v("826161bf61626163ff", .array([text("a"), .map([CBORMapEntry(text("b"), text("c"))])]), preferred: false),
        v("bf6346756ef563416d7421ff",
          .map([CBORMapEntry(text("Fun"), .bool(true)), CBORMapEntry(text("Amt"), .integer(-2))]), preferred: false),
    ]

    static let all = integers + floats + simpleAndTagged + strings + containers + indefinite

    @Test("every vector decodes to its item", arguments: all)
    func decodes(_ vector: Vector) throws {
        let encoded = try unhex(vector.hex)
        #expect(try CBORValue.decode(encoded) == vector.value)
    }

    @Test("vectors in preferred form encode to the RFC's bytes", arguments: all.filter(\.preferred))
    func encodes(_ vector: Vector) throws {
        #expect(hex(vector.value.encodedBytes) == vector.hex)
        #expect(vector.value.encodedSize == vector.hex.utf8.count / 2)
    }

    @Test("decoding then encoding a non-preferred vector gives the preferred form of the same item")
    func normalises() throws {
        // Indefinite lengths become definite; wide floats keep their width.
        let value = try CBORValue.decode(try unhex("9f018202039f0405ffff"))
        #expect(hex(value.encodedBytes) == "8301820203820405")
        let wide = try CBORValue.decode(try unhex("fb7ff8000000000000"))
        #expect(hex(wide.encodedBytes) == "fb7ff8000000000000")
        #expect(hex(CBORValue.float(try #require(wide.doubleValue)).encodedBytes) == "f97e00")
    }
}
