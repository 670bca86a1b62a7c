import StableStructures
import StableTestSupport
import Testing

@Suite("CBOR: Codable round trips")
struct CBORCodableRoundTripTests {
    struct Tag: Codable, Hashable {
        var name: String
        var weight: Int16
    }

    struct Album: Codable, Equatable {
        var title: String
        var cover: AssetV3?
        var pages: [[AssetV2]?]
        var tags: Set<Tag>
        var index: [String: [UInt32]]
        var byOwner: [Principal: [UInt64]]
        var ratings: [Int8: Double?]
        var blob: CBORBytes
        var huge: UInt128
        var tiny: Int128
        var flags: [Bool]
        var nested: [String: [String: Tag]]
    }

    static func album(_ random: inout SplitMix64) throws -> Album {
        func asset() -> AssetV2 {
            AssetV2(contents: random.bytes(Int(random.next() % 6)), createdAt: random.next() >> (random.next() % 64))
        }
        return Album(
            title: "álbum \(random.next() % 1000) 水",
            cover: random.next() % 2 == 0 ? nil : AssetV3(contents: [1, 2], createdAt: 3, uploadedBy: .anonymous),
            pages: (0..<Int(random.next() % 4)).map { _ in random.next() % 3 == 0 ? nil : (0..<2).map { _ in asset() } },
            tags: Set((0..<Int(random.next() % 4)).map { Tag(name: "t\($0)", weight: Int16(truncatingIfNeeded: random.next())) }),
            index: ["a": [1, 2, UInt32.max], "": []],
            byOwner: [.anonymous: [1], try Principal(bytes: [1, 2, 3]): [], .managementCanister: [UInt64.max]],
            ratings: [-128: 0.5, 0: nil, 127: -.infinity],
            blob: CBORBytes(random.bytes(Int(random.next() % 40))),
            huge: UInt128(random.next()) << 64 | UInt128(random.next()),
            tiny: -(Int128(random.next()) << 63) - 1,
            flags: [true, false],
            nested: ["x": ["y": Tag(name: "z", weight: -1)]])
    }

    @Test("nested structs, optionals, arrays, sets and dictionaries survive encode → decode")
    func nested() throws {
        var random = SplitMix64(seed: TestSeed.seed("cbor-roundtrip"))
        for _ in 0..<200 {
            let album = try Self.album(&random)
            let bytes = try CBOREncoder().encode(album)
            #expect(try CBORDecoder().decode(Album.self, from: bytes) == album)
            // Deterministic: encoding again (sets and dictionaries included) gives the same bytes.
            #expect(try CBOREncoder().encode(album) == bytes)
            var omitting = CBOREncoder()
            omitting.nilFieldEncoding = .omit
            #expect(try CBORDecoder().decode(Album.self, from: try omitting.encode(album)) == album)
        }
    }

    @Test("top-level values of every shape")
    func topLevel() throws {
        func roundTrip<T: Codable & Equatable>(_ value: T, _ expectedHex: String) throws {
            let bytes = try CBOREncoder().encode(value)
            #expect(hex(bytes) == expectedHex, "\(value)")
            #expect(try CBORDecoder().decode(T.self, from: bytes) == value)
        }
        try roundTrip(UInt8(24), "1818")
        try roundTrip(Int.min, "3b7fffffffffffffff")
        try roundTrip(UInt64.max, "1bffffffffffffffff")
        try roundTrip("IETF", "6449455446")
        try roundTrip(Optional<Int>.none, "f6")
        try roundTrip(Optional<Int>.some(1), "01")
        try roundTrip([UInt8](), "80")
        try roundTrip([[UInt8]]([[1], []]), "82810180")
        try roundTrip([Int?]([nil, 1]), "82f601")
        try roundTrip(CBORBytes([]), "40")
        try roundTrip(UInt128(UInt64.max), "1bffffffffffffffff")
        try roundTrip(UInt128.max, "c250" + String(repeating: "ff", count: 16))
        try roundTrip(Int128.min, "c350" + "7f" + String(repeating: "ff", count: 15))
        try roundTrip(Int128(-1) - Int128(UInt64.max), "3bffffffffffffffff")
        try roundTrip([String: Bool](), "a0")
    }

    class Base: Codable {
        var id: UInt64
        init(id: UInt64) { self.id = id }
    }

    final class Derived: Base, @unchecked Sendable {
        var label: String
        init(id: UInt64, label: String) {
            self.label = label
            super.init(id: id)
        }
        enum CodingKeys: String, CodingKey { case label }
        required init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            label = try container.decode(String.self, forKey: .label)
            try super.init(from: container.superDecoder())
        }
        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(label, forKey: .label)
            try super.encode(to: container.superEncoder())
        }
    }

    @Test("superEncoder and superDecoder nest the superclass under \"super\"")
    func superclass() throws {
        let bytes = try CBOREncoder().encode(Derived(id: 7, label: "x"))
        #expect(hex(bytes) == "a2" + "65" + hexText("label") + "6178" + "65" + hexText("super") + "a1" + "62" + hexText("id") + "07")
        let decoded = try CBORDecoder().decode(Derived.self, from: bytes)
        #expect(decoded.id == 7 && decoded.label == "x")
    }

    @Test("tags are looked through; bignums feed integers")
    func tags() throws {
        struct Stamp: Codable, Equatable { var at: UInt64 }
        // {"at": 1(1363896240)} — an epoch-time tag around an integer.
        #expect(try CBORDecoder().decode(Stamp.self, from: try unhex("a1" + "62" + hexText("at") + "c11a514b67b0"))
            == Stamp(at: 1_363_896_240))
        #expect(try CBORDecoder().decode(UInt64.self, from: try unhex("c2420100")) == 256)
        #expect(try CBORDecoder().decode(Int64.self, from: try unhex("c3420100")) == -257)
        #expect(throws: StableError.malformedEncoding(type: "UInt64", reason: "the top-level value: a bignum does not fit in UInt64")) {
            try CBORDecoder().decode(UInt64.self, from: try unhex("c249010000000000000000"))
        }
    }
}

/// A recursive record, for the deepest nesting the decoder accepts.
struct CBORNestedNode: Codable, Equatable {
    var children: [CBORNestedNode]

    static func chain(_ depth: Int) -> CBORNestedNode {
        var node = CBORNestedNode(children: [])
        for _ in 0..<depth { node = CBORNestedNode(children: [node]) }
        return node
    }
}

@Suite("CBOR: deep Codable records")
struct CBORDeepRecordTests {
    @Test("a record nested up to the depth limit round-trips; one level more is refused")
    func deepest() throws {
        // Each level is a map holding an array: two CBOR levels per node.
        let deep = CBORNestedNode.chain(255)  // 256 maps + 255 arrays = 511 levels
        let bytes = try CBOREncoder().encode(deep)
        #expect(try CBORDecoder().decode(CBORNestedNode.self, from: bytes) == deep)
        let tooDeep = try CBOREncoder().encode(CBORNestedNode.chain(257))
        #expect(throws: StableError.self) { try CBORDecoder().decode(CBORNestedNode.self, from: tooDeep) }
    }
}
