import Testing
@testable import Candid

/// Encodings equal to the bytes the Rust crate's `Encode!` produces: field
/// hashes, LEB128 and table layouts computed independently (by hand or from
/// the conformance suite's canonical messages).
@Suite("Candid encoding: Encode!-compatible bytes")
struct EncodingTests {
    @Test func primitives() throws {
        #expect(try CandidEncoder.encode(.text("hello"), as: .text) == didl("00 01 71 05 68656c6c6f"))
        #expect(try CandidEncoder.encode(.nat8(42), as: .nat8) == didl("00 01 7b 2a"))
        #expect(try CandidEncoder.encode(.nat(300), as: .nat) == didl("00 01 7d ac02"))
        #expect(try CandidEncoder.encode(.int(-1), as: .int) == didl("00 01 7c 7f"))
        #expect(try CandidEncoder.encode(.int(-128), as: .int) == didl("00 01 7c 807f"))
        #expect(try CandidEncoder.encode(.int(127), as: .int) == didl("00 01 7c ff00"))
        #expect(try CandidEncoder.encode(.int16(-2), as: .int16) == didl("00 01 76 feff"))
        #expect(try CandidEncoder.encode(.float64(0.5), as: .float64) == didl("00 01 72 000000000000e03f"))
        #expect(try CandidEncoder.encode(.bool(true), as: .bool) == didl("00 01 7e 01"))
        #expect(try CandidEncoder.encode(.null, as: .null) == didl("00 01 7f"))
        #expect(try CandidEncoder.encode(.reserved, as: .reserved) == didl("00 01 70"))
        #expect(try CandidEncoder.encode(.principal(CandidPrincipal(bytes: [0xca, 0xff, 0xee])), as: .principal)
            == didl("00 01 68 01 03 caffee"))
        #expect(try CandidEncoder.encode([], as: []) == didl("00 00"))
    }

    @Test func bigNumbers() throws {
        var twoTo100 = CandidNat(1)
        for _ in 0..<100 { twoTo100.multiplyAdd(2, 0) }
        #expect(try CandidEncoder.encode(.nat(twoTo100), as: .nat) == didl("00 01 7d 808080808080808080808080808004"))
        #expect(try CandidEncoder.encode(.int(CandidInt(isNegative: true, magnitude: twoTo100)), as: .int)
            == didl("00 01 7c 80808080808080808080808080807c"))
        let big = CandidNat(decimal: "12345678901234567890123")!
        #expect(try CandidEncoder.encode(.nat(big), as: .nat) == didl("00 01 7d cb89898ae7ce93dbc2ba0a"))
        #expect(try CandidEncoder.encode(.int(CandidInt(isNegative: true, magnitude: big)), as: .int)
            == didl("00 01 7c b5f6f6f598b1eca4bdc575"))
        #expect(try CandidDecoder.decode(didl("00 01 7c b5f6f6f598b1eca4bdc575"), as: [.int])
            == [.int(CandidInt(isNegative: true, magnitude: big))])
        #expect(big.description == "12345678901234567890123")
    }

    /// `struct User { name: String, age: u8 }`: fields in hash order (age 4846783, name 1224700491).
    @Test func record() throws {
        let user = CandidType.record([CandidFieldType(.name("name"), .text), CandidFieldType(.name("age"), .nat8)])
        let value = CandidValue.makeRecord([CandidFieldValue(.name("name"), .text("ada")), CandidFieldValue(.name("age"), .nat8(36))])
        #expect(try CandidEncoder.encode(value, as: user)
            == didl("01 6c 02 bfe9a702 7b cbe4fdc704 71 01 00 24 03 616461"))
    }

    /// `enum Status { Active, Suspended(String) }`, value `Suspended("spam")`.
    @Test func variant() throws {
        let status = CandidType.variant([CandidFieldType(.name("Suspended"), .text), CandidFieldType(.name("Active"), .null)])
        #expect(try CandidEncoder.encode(.variant(CandidFieldValue(.name("Suspended"), .text("spam"))), as: status)
            == didl("01 6b 02 e6ebead604 7f bbfda8f706 71 01 00 01 04 7370616d"))
    }

    /// Structurally equal types share one table entry (`struct Pair { a: Option<u64>, b: Option<u64> }`).
    @Test func deduplication() throws {
        let pair = CandidType.record([CandidFieldType(.name("a"), .opt(.nat64)), CandidFieldType(.name("b"), .opt(.nat64))])
        let value = CandidValue.makeRecord([CandidFieldValue(.name("a"), .opt(.nat64(1))), CandidFieldValue(.name("b"), .opt(nil))])
        #expect(try CandidEncoder.encode(value, as: pair)
            == didl("02 6c 02 61 01 62 01 6e 78 01 00 01 0100000000000000 00"))
        #expect(try CandidEncoder.encode(.blob([1, 2]), as: .blob) == didl("01 6d 7b 01 00 02 0102"))
    }

    /// Canonical messages of the conformance suite (construct.test.did), including
    /// recursive and mutually recursive types: our encoder writes the same bytes.
    @Test func suiteMessages() throws {
        let environment = try CandidText.parseDefinitions("""
            type List = opt record { head : int; tail : List };
            type VariantList = variant { nil; cons: record { head : int; tail : VariantList } };
            type A1 = record { foo : int32; bar : bool };
            type A2 = record { foo : int32; bar : bool; bat: VariantList; baz: A1; bbb: List; bib: variant { foo; bar }; bab: A1 };
            """)
        let cases: [(String, CandidType, String)] = [
            ("(null)", .named("List"), "02 6e 01 6c 02 a0d2aca804 7c 90eddae704 00 01 00 00"),
            ("(opt record { head = 1; tail = opt record { head = 2; tail = opt record { head = 3; tail = opt record { head = 4; tail = null }}}})",
             .named("List"), "02 6e 01 6c 02 a0d2aca804 7c 90eddae704 00 01 00 01 01 01 02 01 03 01 04 00"),
            ("(variant { cons = record { head = 1; tail = variant { cons = record { head = 2; tail = variant { nil } } } } })",
             .named("VariantList"), "02 6b 02 d1a7cf02 7f f1f3928e04 01 6c 02 a0d2aca804 7c 90eddae704 00 01 00 01 01 01 02 00"),
            ("(record { foo = 42; bar = true; bat = variant { nil }; baz = record { foo = 10; bar = false }; bbb = opt record { head = 20; tail = null }; bib = variant { bar }; bab = record { foo = 11; bar = true}})",
             .named("A2"),
             "07 6c 07 c3e3aa02 01 d3e3aa02 7e d5e3aa02 02 dbe3aa02 01 a2e5aa02 04 bbf1aa02 06 868eb702 75 6c 02 d3e3aa02 7e 868eb702 75 6b 02 d1a7cf02 7f f1f3928e04 03 6c 02 a0d2aca804 7c 90eddae704 02 6e 05 6c 02 a0d2aca804 7c 90eddae704 04 6b 02 d3e3aa02 7f 868eb702 7f 01 00 01 0b000000 01 00 00 0a000000 01 14 00 00 2a000000"),
        ]
        for (text, type, expected) in cases {
            let values = try CandidText.parseArguments(text, as: [type], in: environment)
            #expect(try CandidEncoder.encode(values, as: [type], in: environment) == didl(expected), "\(text)")
            #expect(try CandidDecoder.decode(didl(expected), as: [type], in: environment) == values)
        }
    }

    @Test func valuesThatDoNotFitTheirTypeAreRefused() {
        #expect(throws: CandidError.self) { try CandidEncoder.encode(.text("x"), as: .nat) }
        #expect(throws: CandidError.self) { try CandidEncoder.encode(.int(-1), as: .nat) }
        #expect(throws: CandidError.self) {
            try CandidEncoder.encode(.record([CandidFieldValue(.name("x"), .nat(1))]), as: .record([]))
        }
        #expect(throws: CandidError.self) {
            try CandidEncoder.encode(.variant(CandidFieldValue(.name("x"), .null)), as: .variant([CandidFieldType(.name("y"), .null)]))
        }
        #expect(throws: CandidError.self) { try CandidEncoder.encode(.nat(1), as: .named("Missing")) }
        #expect(throws: CandidError.self) { try CandidEncoder.encode([.nat(1)], as: []) }
    }
}
