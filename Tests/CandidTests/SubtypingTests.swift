import Testing
@testable import Candid

/// Decoding against an expected type: Candid's subtyping and coercions, as a
/// canister's stored values meet an evolved type.
@Suite("Candid decoding with subtyping")
struct SubtypingTests {
    static let environment = try! CandidText.parseDefinitions("""
        type UserV1 = record { name : text; age : nat8 };
        type UserV2 = record { name : text; age : nat8; email : opt text; tags : opt vec text };
        type NameOnly = record { name : text };
        type Strict = record { name : text; email : text };
        type StatusV1 = variant { Active; Suspended : text };
        type StatusV2 = variant { Active; Suspended : text; Deleted };
        type StatusShort = variant { Active };
        """)

    func encode(_ text: String, _ type: String) throws -> [UInt8] {
        let values = try CandidText.parseArguments(text, as: [.named(type)], in: Self.environment)
        return try CandidEncoder.encode(values, as: [.named(type)], in: Self.environment)
    }

    func decode(_ bytes: [UInt8], _ type: CandidType) throws -> CandidValue {
        try CandidDecoder.decode(bytes, as: [type], in: Self.environment)[0]
    }

    @Test func addedOptFieldsReadAsNull() throws {
        let old = try encode("(record { name = \"ada\"; age = 36 })", "UserV1")
        let expected = try CandidText.parseValue(
            "record { name = \"ada\"; age = 36; email = null; tags = null }", as: .named("UserV2"), in: Self.environment)
        #expect(try decode(old, .named("UserV2")) == expected)
    }

    @Test func extraFieldsAreIgnored() throws {
        let new = try encode("(record { name = \"ada\"; age = 36; email = opt \"a@b\"; tags = opt vec { \"x\" } })", "UserV2")
        #expect(try decode(new, .named("NameOnly")) == .record([CandidFieldValue(.name("name"), .text("ada"))]))
    }

    @Test func missingRequiredFieldFails() throws {
        let old = try encode("(record { name = \"ada\"; age = 36 })", "UserV1")
        #expect { try decode(old, .named("Strict")) } throws: { ($0 as? CandidError)?.kind == .typeMismatch }
    }

    @Test func variantsWiden() throws {
        let suspended = try encode("(variant { Suspended = \"spam\" })", "StatusV1")
        #expect(try decode(suspended, .named("StatusV2")) == .variant(CandidFieldValue(.name("Suspended"), .text("spam"))))
        // A tag the expected type lacks fails, unless under opt.
        #expect(throws: CandidError.self) { try decode(suspended, .named("StatusShort")) }
        #expect(try decode(suspended, .opt(.named("StatusShort"))) == .opt(nil))
        let active = try encode("(variant { Active })", "StatusV1")
        #expect(try decode(active, .named("StatusShort")) == .variant(CandidFieldValue(.name("Active"), .null)))
    }

    @Test func optCoercions() throws {
        let nat = try CandidEncoder.encode(.nat(5), as: .nat)
        #expect(try decode(nat, .int) == .int(5))
        #expect(try decode(nat, .opt(.nat)) == .opt(.nat(5)))
        #expect(try decode(nat, .opt(.text)) == .opt(nil))
        #expect(try decode(nat, .reserved) == .reserved)
        #expect(throws: CandidError.self) { try decode(nat, .nat8) }
        let optText = try CandidEncoder.encode(.opt(.text("x")), as: .opt(.text))
        #expect(try decode(optText, .opt(.nat)) == .opt(nil))
        let null = try CandidEncoder.encode(.null, as: .null)
        #expect(try decode(null, .opt(.nat)) == .opt(nil))
        // A message with fewer arguments: trailing opt arguments are null.
        #expect(try CandidDecoder.decode(nat, as: [.nat, .opt(.text)]) == [.nat(5), .opt(nil)])
        #expect(throws: CandidError.self) { try CandidDecoder.decode(nat, as: [.nat, .text]) }
    }

    @Test func referencesNeedStaticSubtypes() throws {
        let principal = CandidPrincipal(bytes: [1])
        let narrow = CandidType.function(CandidFunctionType(arguments: [.text], results: [.nat]))
        let bytes = try CandidEncoder.encode(.function(principal, "m"), as: narrow)
        // Results widen (nat <: int), arguments narrow (extra opt argument allowed).
        let wider = CandidType.function(CandidFunctionType(arguments: [.text, .opt(.nat)], results: [.int]))
        #expect(try decode(bytes, wider) == .function(principal, "m"))
        let incompatible = CandidType.function(CandidFunctionType(arguments: [.nat], results: [.nat]))
        #expect(throws: CandidError.self) { try decode(bytes, incompatible) }
        #expect(try decode(bytes, .opt(incompatible)) == .opt(nil))
    }
}

/// The README's example, as written there.
@Suite("Candid README example")
struct ReadmeExampleTests {
    @Test func example() throws {
        let source = """
            type User = record { name : text; age : nat };
            type UserV2 = record { name : text; age : nat; email : opt text };
            service : { get : (text) -> (opt User) query }
            """
        let did = try CandidText.parseDidFile(source)
        let env = did.environment
        let user = try CandidText.parseArguments("(record { name = \"ada\"; age = 36 })", as: [.named("User")], in: env)
        let bytes = try CandidEncoder.encode(user, as: [.named("User")], in: env)
        let back = try CandidDecoder.decode(bytes, as: [.named("UserV2")], in: env)
        let any = try CandidDecoder.decodeMessage(bytes)
        #expect(CandidTextPrinter.arguments(back) == "(record { age = 36 : nat; name = \"ada\"; email = null })")
        #expect(CandidTextPrinter.arguments(any.values) == "(record { 4846783 = 36 : nat; 1224700491 = \"ada\" })")
        #expect(bytes == didl("01 6c 02 bfe9a702 7d cbe4fdc704 71 01 00 24 03 616461"))
    }
}

/// Regressions found by the fuzzer.
@Suite("Candid fuzz findings")
struct FuzzFindingTests {
    /// An empty `vec text` read as `blob` is a blob, as any `vec nat8` value.
    @Test func emptyVectorReadAsBlob() throws {
        let bytes = try CandidEncoder.encode(.vec([]), as: .vec(.text))
        #expect(try CandidDecoder.decode(bytes, as: [.blob]) == [.blob([])])
    }

    /// A number too large for a field id in a tuple record is a value.
    @Test func largePositionalNumber() throws {
        let type = CandidType.tuple([.nat64, .nat32])
        #expect(try CandidText.parseValue("record { 18446744073709551615 : nat64; 0 : nat32 }", as: type)
            == .tuple([.nat64(.max), .nat32(0)]))
    }
}

extension FuzzFindingTests {
    /// A value of a variant type without tags is malformed (decoded, skipped, or under opt).
    @Test func variantWithoutTags() {
        #expect(throws: CandidError.self) { try CandidDecoder.decode(didl("01 6b 00 01 00 00")) }
        #expect(throws: CandidError.self) { try CandidDecoder.decode(didl("01 6b 00 01 00 00"), as: []) }
        #expect(throws: CandidError.self) { try CandidDecoder.decode(didl("01 6b 00 01 00 00"), as: [.opt(.nat)]) }
    }
}
