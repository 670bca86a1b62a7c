import Testing
@testable import Candid

/// Malformed and hostile messages are refused with a ``CandidError``: never a
/// crash, a hang or a huge allocation.
@Suite("Candid hostile messages")
struct HostileMessageTests {
    static let environment = RoundTripTests.environment

    @Test func everyTruncationFails() throws {
        for (type, value) in RoundTripTests.samples {
            let bytes = try CandidEncoder.encode(value, as: type, in: Self.environment)
            for length in 0..<bytes.count {
                #expect(throws: CandidError.self) {
                    try CandidDecoder.decode(Array(bytes[..<length]), as: [type], in: Self.environment)
                }
            }
            #expect(throws: CandidError.self) { try CandidDecoder.decode(bytes + [0], as: [type], in: Self.environment) }
        }
    }

    @Test func hugeLengthsAreRefusedEarly() {
        let billion = "8094ebdc03"
        for message in [
            didl("\(billion) 00"),                              // type table length
            didl("00 \(billion)"),                              // argument count
            didl("00 01 71 \(billion) 41"),                     // text length
            didl("01 6d 7e 01 00 \(billion) 00"),               // vec bool length
            didl("01 6d 7f 01 00 \(billion)"),                  // vec null: zero-sized elements
            didl("01 6d 70 01 00 \(billion)"),                  // vec reserved, skipped
            didl("01 6c \(billion) 00 7f"),                     // record field count
            didl("00 01 68 01 \(billion) 00"),                // principal length
        ] {
            #expect(throws: CandidError.self) { try CandidDecoder.decode(message) }
            #expect(throws: CandidError.self) { try CandidDecoder.decode(message, as: [.vec(.opt(.nat))]) }
        }
    }

    @Test func deepNestingIsRefused() {
        // 5000 nested opt types: a type table chain T(i) = opt T(i+1).
        var table = [UInt8]()
        let depth = 5000
        for index in 0..<depth - 1 {
            table += [0x6e]
            writeSLEB(Int64(index + 1), to: &table)
        }
        table += [0x6e, 0x7f]
        var message = Array("DIDL".utf8)
        writeLEB(UInt64(depth), to: &message)
        message += table + [1, 0] + Array(repeating: 1, count: depth)
        #expect { try CandidDecoder.decode(message) } throws: { ($0 as? CandidError)?.kind == .limitExceeded }
        // Deep text values too.
        let text = "(" + String(repeating: "opt ", count: 5000) + "null)"  // deeper than the 1024 levels text may nest
        #expect(throws: CandidError.self) { try CandidText.parseArguments(text) }
    }

    @Test func cyclicTypeTablesTerminate() {
        // T0 = record { 0 : T0 }: no finite value exists.
        #expect(throws: CandidError.self) { try CandidDecoder.decode(didl("01 6c 01 00 00 01 00")) }
        // T0 = vec T0 with a billion elements.
        #expect(throws: CandidError.self) { try CandidDecoder.decode(didl("01 6d 00 01 00 8094ebdc03")) }
        // T0 = opt T0 decoded at a recursive expected type, and skipped as an extra argument.
        #expect(throws: CandidError.self) {
            try CandidDecoder.decode(didl("01 6e 00 01 00") + Array(repeating: 1, count: 10_000), as: [.named("List")], in: Self.environment)
        }
        #expect(throws: CandidError.self) { try CandidDecoder.decode(didl("01 6e 00 01 00") + Array(repeating: 1, count: 10_000), as: []) }
    }

    /// Random byte mutations of valid messages: each decodes or fails with a CandidError.
    @Test func mutationsNeverCrash() throws {
        var random = Random(state: 2024)
        var failures = 0
        for _ in 0..<2000 {
            let (type, value) = RoundTripTests.samples[random.below(RoundTripTests.samples.count)]
            var bytes = try CandidEncoder.encode(value, as: type, in: Self.environment)
            for _ in 0...random.below(3) {
                let position = random.below(bytes.count)
                switch random.below(3) {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
                default: bytes.remove(at: position)
                }
                if bytes.isEmpty { bytes = [0] }
            }
            do { _ = try CandidDecoder.decode(bytes) } catch { failures += 1 }
            do { _ = try CandidDecoder.decode(bytes, as: [type], in: Self.environment) } catch { failures += 1 }
        }
        #expect(failures > 0)
    }
}

/// Legitimate deep values: a recursive list of 250 elements (two nesting levels each) decodes.
@Suite("Candid deep values")
struct DeepValueTests {
    @Test func longRecursiveList() throws {
        var list = CandidValue.opt(nil)
        for index in 0..<250 {
            list = .opt(.record([CandidFieldValue(.name("head"), .int(Int64(index))), CandidFieldValue(.name("tail"), list)]))
        }
        let environment = RoundTripTests.environment
        let bytes = try CandidEncoder.encode(list, as: .named("List"), in: environment)
        #expect(try CandidDecoder.decode(bytes, as: [.named("List")], in: environment) == [list])
        #expect(try CandidDecoder.decode(bytes).count == 1)
        let text = CandidTextPrinter.arguments([list])
        #expect(try CandidText.parseArguments(text, as: [.named("List")], in: environment) == [list])
    }
}
