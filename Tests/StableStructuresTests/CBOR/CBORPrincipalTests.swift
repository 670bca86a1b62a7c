import Foundation
import StableStructures
import StableTestSupport
import Testing

@Suite("CBOR: Principal as candid's serde implementation writes it")
struct CBORPrincipalTests {
    @Test("a principal is a byte string of its raw bytes in CBOR")
    func binaryForm() throws {
        // ciborium::into_writer(&Principal::anonymous()) → 41 04
        #expect(hex(try CBOREncoder().encode(Principal.anonymous)) == "4104")
        #expect(hex(try CBOREncoder().encode(Principal.managementCanister)) == "40")
        let principal = try Principal(bytes: Array(1...29))
        let encoded = try CBOREncoder().encode(principal)
        #expect(hex(encoded) == "581d" + hex(Array<UInt8>(1...29)))
        #expect(try CBORDecoder().decode(Principal.self, from: encoded) == principal)
    }

    @Test("decoding also accepts an array of bytes and the textual form; too long is refused")
    func lenientForms() throws {
        #expect(try CBORDecoder().decode(Principal.self, from: try unhex("8104")) == .anonymous)
        #expect(try CBORDecoder().decode(Principal.self, from: .text("2vxsx-fae")) == .anonymous)
        struct Owner: Codable { var owner: Principal }
        let tooLong = "a1" + "65" + hexText("owner") + "581e" + String(repeating: "00", count: 30)
        #expect(throws: StableError.malformedEncoding(
            type: "Owner", reason: "field `owner`: a principal has at most 29 bytes, found 30")) {
            try CBORDecoder().decode(Owner.self, from: try unhex(tooLong))
        }
    }

    @Test("human-readable encoders get the textual form")
    func textForm() throws {
        let json = try JSONEncoder().encode([Principal.anonymous])
        #expect(String(decoding: json, as: UTF8.self) == "[\"2vxsx-fae\"]")
        #expect(try JSONDecoder().decode([Principal].self, from: json) == [.anonymous])
    }
}
