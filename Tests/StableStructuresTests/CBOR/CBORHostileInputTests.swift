import StableStructures
import StableTestSupport
import Testing

/// Hostile bytes: every case must end in a typed error (or a value), never a
/// trap, a hang or an allocation beyond the input's size.
@Suite("CBOR: hostile input")
struct CBORHostileInputTests {
    /// Decodes and, on success, checks that the item survives a round trip.
    static func probe(_ bytes: [UInt8]) throws {
        do throws(StableError) {
            let value = try CBORValue.decode(bytes)
            #expect(try CBORValue.decode(value.encodedBytes) == value)
        } catch {
            guard case .malformedEncoding(type: "CBOR", _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
        // The Codable layer on the same bytes: any outcome but a trap.
        _ = try? CBORDecoder().decode(AssetV3.self, from: bytes)
        _ = try? CBORDecoder().decode([String: [Int8]].self, from: bytes)
    }

    static let invalid: [(String, String)] = [
        ("f818", "simple value 24 in a two-byte head"), ("f81f", "simple value 31 in a two-byte head"),
        ("1c", "reserved additional information 28"), ("3d", "reserved additional information 29"),
        ("fe", "reserved additional information 30"), ("1f", "indefinite length is not allowed for major type 0"),
        ("3f", "indefinite length is not allowed for major type 1"), ("df00", "indefinite length is not allowed for major type 6"),
        ("ff", "unexpected break"), ("5f01ff", "an indefinite-length string holds a chunk"),
        ("5f5f4100ffff", "an indefinite-length string holds a chunk"), ("7f4100ff", "an indefinite-length string holds a chunk"),
        ("62c328", "not valid UTF-8"), ("63eda080", "not valid UTF-8"), ("62c080", "not valid UTF-8"),
        ("64f4908080", "not valid UTF-8"), ("7f61c3ff", "not valid UTF-8"), ("0000", "1 trailing bytes"),
        ("bf00ff", "ends after a key"), ("9f", "unexpected end of input"), ("a1", "a map declares 1 elements"),
        ("18", "unexpected end of input"), ("1b0000", "need 8 more bytes"), ("f9", "need 2 more bytes"),
        ("", "unexpected end of input"),
    ]

    @Test("ill-formed items are refused with a reason")
    func illFormed() throws {
        for (text, reason) in Self.invalid {
            let bytes = try unhex(text)
            do throws(StableError) {
                let value = try CBORValue.decode(bytes)
                Issue.record("\(text) decoded to \(value)")
            } catch {
                guard case let .malformedEncoding("CBOR", message) = error else {
                    Issue.record("\(text): unexpected error \(error)")
                    continue
                }
                #expect(message.contains(reason), "\(text): \(message)")
            }
        }
    }

    @Test("huge declared lengths fail before allocating")
    func hugeLengths() throws {
        for text in ["5bffffffffffffffff", "7bffffffffffffffff", "9bffffffffffffffff", "bbffffffffffffffff",
                     "5a7fffffff00", "9a7fffffff00", "bb7fffffffffffffff0000", "7b8000000000000000",
                     "5f5bffffffffffffffffff", "9b0000000000000002" + "00"] {
            #expect(throws: StableError.self, "\(text)") { try CBORValue.decode(try unhex(text)) }
        }
    }

    @Test("every truncation of a valid encoding is refused")
    func truncations() throws {
        let asset = AssetV3(contents: Array(0...40), createdAt: 1 << 40, uploadedBy: .anonymous)
        let complete = asset.encodedBytes + []
        let nested = try unhex("bf61610161629f0203ffff")
        for bytes in [complete, nested] {
            for cut in 0..<bytes.count {
                #expect(throws: StableError.self) { try CBORValue.decode(Array(bytes[0..<cut])) }
            }
        }
        for cut in 0..<complete.count {
            #expect(throws: StableError.self) { try AssetV3.decode(Array(complete[0..<cut])) }
        }
    }

    @Test("nesting is limited (512 levels by default) without exhausting the stack")
    func depth() throws {
        let limit = CBORValue.defaultMaxDepth
        let deepest = [UInt8](repeating: 0x81, count: limit) + [0x00]
        #expect(throws: Never.self) { try CBORValue.decode(deepest) }
        #expect(throws: StableError.self) { try CBORValue.decode([0x81] + deepest) }
        for opener: [UInt8] in [[0x81], [0x9F], [0xA1, 0x00], [0xD8, 0x20], [0xBF, 0x00]] {
            var bytes = [UInt8]()
            for _ in 0..<100_000 { bytes += opener }
            do throws(StableError) {
                _ = try CBORValue.decode(bytes)
                Issue.record("100000 levels decoded")
            } catch {
                guard case let .malformedEncoding(_, reason) = error else { throw error }
                #expect(reason.contains("nesting deeper than 512 levels"), "\(reason)")
            }
        }
        #expect(throws: StableError.self) { try CBORValue.decode([UInt8](repeating: 0x81, count: 9) + [0], maxDepth: 8) }
        var decoder = CBORDecoder()
        decoder.maxDepth = 2
        #expect(throws: StableError.self) { try decoder.decode([[[UInt8]]].self, from: try unhex("8181810000")) }
        #expect(try decoder.decode([[UInt8]].self, from: try unhex("818100")) == [[0]])
    }

    @Test("seeded random bytes never trap")
    func randomBytes() throws {
        var random = SplitMix64(seed: TestSeed.seed("cbor-random"))
        let runs = TestSeed.long ? 200_000 : 4_000
        // Bias towards interesting heads: half the bytes are small arguments or headers.
        let heads: [UInt8] = [0x18, 0x19, 0x1a, 0x1b, 0x5f, 0x7f, 0x9f, 0xbf, 0xff, 0x81, 0xa1, 0x41, 0x61, 0xc2, 0xf9, 0xfb]
        for _ in 0..<runs {
            let count = Int(random.next() % 24)
            var bytes = random.bytes(count)
            for index in bytes.indices where random.next() % 2 == 0 {
                bytes[index] = heads[Int(random.next() % UInt64(heads.count))]
            }
            try Self.probe(bytes)
        }
    }

    @Test("seeded mutations of valid records never trap")
    func mutations() throws {
        var random = SplitMix64(seed: TestSeed.seed("cbor-mutations"))
        let base = AssetV3(contents: [1, 2, 3, 200], createdAt: 77, uploadedBy: .anonymous).encodedBytes
        let runs = TestSeed.long ? 100_000 : 3_000
        for _ in 0..<runs {
            var bytes = base
            for _ in 0...(random.next() % 3) {
                let index = Int(random.next() % UInt64(bytes.count))
                bytes[index] = UInt8(truncatingIfNeeded: random.next())
            }
            if random.next() % 4 == 0 { bytes.removeLast(Int(random.next() % UInt64(bytes.count))) }
            try Self.probe(bytes)
        }
    }
}
