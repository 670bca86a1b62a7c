import Testing
@testable import Candid

/// Every Candid type: values encode and decode back, print and parse back.
@Suite("Candid round trips")
struct RoundTripTests {
    static let environment: CandidTypeEnvironment = {
        try! CandidText.parseDefinitions("""
            type List = opt record { head : int; tail : List };
            type Tree = variant { leaf : nat8; node : record { Tree; Tree } };
            type Callback = func (text) -> (nat) query;
            type Api = service { get : (nat) -> (opt text); ping : () -> () oneway };
            """)
    }()

    static let principal = CandidPrincipal(bytes: [0xca, 0xff, 0xee])

    /// (type, value) pairs covering every type and its edge values.
    static let samples: [(CandidType, CandidValue)] = {
        var twoTo80 = CandidNat(1)
        for _ in 0..<80 { twoTo80.multiplyAdd(2, 0) }
        let list = CandidValue.opt(.record([
            CandidFieldValue(.name("head"), .int(-1)),
            CandidFieldValue(.name("tail"), .opt(.record([CandidFieldValue(.name("head"), .int(2)), CandidFieldValue(.name("tail"), .opt(nil))]))),
        ]))
        let leaf = { (byte: UInt8) in CandidValue.variant(CandidFieldValue(.name("leaf"), .nat8(byte))) }
        return [
            (.null, .null), (.bool, .bool(false)), (.bool, .bool(true)),
            (.nat, .nat(0)), (.nat, .nat(UInt64.max)), (.nat, .nat(twoTo80)),
            (.int, .int(0)), (.int, .int(Int64.min)), (.int, .int(CandidInt(isNegative: true, magnitude: twoTo80))),
            (.nat8, .nat8(255)), (.nat16, .nat16(65535)), (.nat32, .nat32(.max)), (.nat64, .nat64(.max)),
            (.int8, .int8(-128)), (.int16, .int16(.min)), (.int32, .int32(.min)), (.int64, .int64(.min)),
            (.float32, .float32(-0.5)), (.float32, .float32(.infinity)), (.float64, .float64(1e300)), (.float64, .float64(-0.0)),
            (.text, .text("")), (.text, .text("héllo ☃ \"quoted\"\n")),
            (.reserved, .reserved),
            (.principal, .principal(CandidPrincipal(bytes: []))), (.principal, .principal(CandidPrincipal(bytes: Array(0..<29)))),
            (.opt(.nat), .opt(nil)), (.opt(.nat), .opt(.nat(7))), (.opt(.opt(.bool)), .opt(.opt(nil))),
            (.vec(.text), .vec([])), (.vec(.int16), .vec([.int16(1), .int16(-1)])), (.blob, .blob([0, 1, 0xff])),
            (.vec(.vec(.null)), .vec([.vec([.null, .null]), .vec([])])),
            (.record([]), .record([])),
            (.tuple([.text, .nat32]), .tuple([.text("a"), .nat32(1)])),
            (.record([CandidFieldType(.name("name"), .text), CandidFieldType(.id(7), .opt(.text))]),
             .makeRecord([CandidFieldValue(.name("name"), .text("ada")), CandidFieldValue(.id(7), .opt(.text("x")))])),
            (.variant([CandidFieldType(.name("a"), .null), CandidFieldType(.name("b"), .nat)]), .variant(CandidFieldValue(.name("b"), .nat(3)))),
            (.named("List"), .opt(nil)), (.named("List"), list),
            (.named("Tree"), .variant(CandidFieldValue(.name("node"), .tuple([leaf(1), leaf(2)])))),
            (.named("Callback"), .function(principal, "get")),
            (.function(CandidFunctionType(arguments: [], results: [])), .function(principal, "odd name")),
            (.named("Api"), .service(principal)),
        ]
    }()

    @Test func binary() throws {
        for (type, value) in Self.samples {
            let bytes = try CandidEncoder.encode(value, as: type, in: Self.environment)
            #expect(try CandidDecoder.decode(bytes, as: [type], in: Self.environment) == [value], "\(CandidTextPrinter.text(value))")
            // Untyped decoding gives the same value up to names: re-encoding it at the wire types gives a message that decodes back.
            let message = try CandidDecoder.decodeMessage(bytes)
            let again = try CandidEncoder.encode(message.values, as: message.types, in: message.environment)
            #expect(try CandidDecoder.decode(again, as: [type], in: Self.environment) == [value])
        }
    }

    @Test func text() throws {
        for (type, value) in Self.samples {
            let printed = CandidTextPrinter.arguments([value])
            #expect(try CandidText.parseArguments(printed, as: [type], in: Self.environment) == [value], "\(printed)")
        }
    }

    /// A Swift dictionary as `vec record { text; nat64 }`: the model is the dictionary itself.
    @Test func dictionaryModel() throws {
        var random = Random(state: 17)
        for _ in 0..<50 {
            var model: [String: UInt64] = [:]
            for _ in 0..<random.below(20) { model["k\(random.below(1000))"] = random.next() }
            let type = CandidType.vec(.tuple([.text, .nat64]))
            let value = CandidValue.vec(model.sorted { $0.key < $1.key }.map { .tuple([.text($0.key), .nat64($0.value)]) })
            let decoded = try CandidDecoder.decode(try CandidEncoder.encode(value, as: type), as: [type])
            guard case .vec(let entries) = decoded[0] else { Issue.record("not a vec"); return }
            var rebuilt: [String: UInt64] = [:]
            for entry in entries {
                guard case .record(let fields) = entry, case .text(let key) = fields[0].value, case .nat64(let number) = fields[1].value else {
                    Issue.record("bad entry")
                    return
                }
                rebuilt[key] = number
            }
            #expect(rebuilt == model)
        }
    }

    /// Random `nat`/`int` values against Swift's own integers: LEB128 both ways and decimal text.
    @Test func numbersAgainstSwiftIntegers() throws {
        var random = Random(state: 99)
        for _ in 0..<500 {
            let unsigned = random.next() >> UInt64(random.below(64))
            let signed = Int64(bitPattern: random.next()) >> Int64(random.below(64))
            let natBytes = try CandidEncoder.encode(.nat(unsigned), as: .nat)
            var reader = ByteReader(Array(natBytes.dropFirst(7)))
            #expect(try reader.leb128() == unsigned)
            let intBytes = try CandidEncoder.encode(.int(signed), as: .int)
            reader = ByteReader(Array(intBytes.dropFirst(7)))
            #expect(try reader.sleb128() == signed)
            #expect(CandidNat(unsigned).description == String(unsigned))
            #expect(CandidInt(signed).description == String(signed))
            #expect(CandidInt(signed).int64 == signed)
            #expect(try CandidText.parseArguments("(\(signed))", as: [.int]) == [.int(signed)])
        }
    }

    @Test func principals() {
        #expect(CandidPrincipal(bytes: []).description == "aaaaa-aa")
        #expect(CandidPrincipal(bytes: [0xca, 0xff, 0xee]).description == "w7x7r-cok77-xa")
        #expect(CandidPrincipal(bytes: [0xef, 0xcd, 0xab, 0, 0, 0, 0, 0, 1]).description == "2chl6-4hpzw-vqaaa-aaaaa-c")
        #expect(CandidPrincipal(text: "w7x7r-cok77-xa")?.bytes == [0xca, 0xff, 0xee])
        #expect(CandidPrincipal(text: "w7x7r-cok77-xb") == nil)
        #expect(CandidPrincipal(text: "w7x7rcok77xa") == nil)
        #expect(CandidPrincipal(text: "") == nil)
    }
}
