import StableStructures
import StableTestSupport
import Testing

// The expected bytes below are what `ciborium::into_writer` produces for the
// serde-derived Rust structs named in each comment. They were worked out by
// hand from RFC 8949 and serde's data model (a struct is a map with its field
// names as text keys in declaration order; `Option::None` is null; a plain
// `Vec<u8>` is a sequence, hence an array of integers; `serde_bytes` is a byte
// string; integers and lengths use the shortest head), not produced by this
// library.

/// `struct Asset { contents: Vec<u8> }`
struct AssetV1: CBORStorable, Equatable {
    var contents: [UInt8]
}

/// `struct Asset { contents: Vec<u8>, #[serde(default)] created_at: u64 }`
struct AssetV2: CBORStorable, Equatable {
    var contents: [UInt8]
    var createdAt: UInt64

    enum CodingKeys: String, CodingKey {
        case contents
        case createdAt = "created_at"
    }

    init(contents: [UInt8], createdAt: UInt64) {
        self.contents = contents
        self.createdAt = createdAt
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        contents = try container.decode([UInt8].self, forKey: .contents)
        createdAt = try container.decodeIfPresent(UInt64.self, forKey: .createdAt) ?? 0
    }
}

/// `struct Asset { contents: Vec<u8>, #[serde(default)] created_at: u64,
/// uploaded_by: Option<Principal> }`; `candid::Principal` serialises as a
/// byte string of its raw bytes in binary formats.
struct AssetV3: CBORStorable, Equatable {
    var contents: [UInt8]
    var createdAt: UInt64
    var uploadedBy: Principal?

    enum CodingKeys: String, CodingKey {
        case contents
        case createdAt = "created_at"
        case uploadedBy = "uploaded_by"
    }

    init(contents: [UInt8], createdAt: UInt64, uploadedBy: Principal?) {
        self.contents = contents
        self.createdAt = createdAt
        self.uploadedBy = uploadedBy
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        contents = try container.decode([UInt8].self, forKey: .contents)
        createdAt = try container.decodeIfPresent(UInt64.self, forKey: .createdAt) ?? 0
        uploadedBy = try container.decodeIfPresent(Principal.self, forKey: .uploadedBy)
    }
}

/// `struct Asset { #[serde(with = "serde_bytes")] contents: Vec<u8> }`
struct CompactAsset: CBORStorable, Equatable {
    var contents: CBORBytes
}

@Suite("CBOR: interoperability with ciborium + serde")
struct CBORInteropTests {
    static let contents = "68" + hexText("contents")
    static let createdAt = "6a" + hexText("created_at")
    static let uploadedBy = "6b" + hexText("uploaded_by")

    @Test("Asset { contents: vec![0, 255] } is a1 68 \"contents\" 82 00 18 ff")
    func version1Bytes() throws {
        let asset = AssetV1(contents: [0, 255])
        #expect(hex(asset.encodedBytes) == "a1" + Self.contents + "820018ff")
        #expect(try AssetV1.decode(asset.encodedBytes) == asset)
    }

    @Test("adding created_at: 5 appends 6a \"created_at\" 05")
    func version2Bytes() throws {
        let asset = AssetV2(contents: [0, 255], createdAt: 5)
        #expect(hex(asset.encodedBytes) == "a2" + Self.contents + "820018ff" + Self.createdAt + "05")
        #expect(try AssetV2.decode(asset.encodedBytes) == asset)
    }

    @Test("uploaded_by: None is written as null, Some as the owner's byte string")
    func version3Bytes() throws {
        let anonymous = AssetV3(contents: [0, 255], createdAt: 5, uploadedBy: nil)
        #expect(hex(anonymous.encodedBytes)
            == "a3" + Self.contents + "820018ff" + Self.createdAt + "05" + Self.uploadedBy + "f6")
        let owned = AssetV3(contents: [], createdAt: 1_000_000, uploadedBy: .anonymous)
        #expect(hex(owned.encodedBytes)
            == "a3" + Self.contents + "80" + Self.createdAt + "1a000f4240" + Self.uploadedBy + "4104")
        #expect(try AssetV3.decode(owned.encodedBytes) == owned)
        #expect(try AssetV3.decode(anonymous.encodedBytes) == anonymous)
    }

    @Test("serde_bytes contents are a byte string: a1 68 \"contents\" 42 00 ff")
    func serdeBytes() throws {
        let asset = CompactAsset(contents: CBORBytes([0, 255]))
        #expect(hex(asset.encodedBytes) == "a1" + Self.contents + "4200ff")
        #expect(try CompactAsset.decode(asset.encodedBytes) == asset)
    }

    @Test("old records decode with a newer type: missing fields take their defaults")
    func oldBytesNewType() throws {
        let v1 = try unhex("a1" + Self.contents + "820018ff")
        #expect(try AssetV2.decode(v1) == AssetV2(contents: [0, 255], createdAt: 0))
        #expect(try AssetV3.decode(v1) == AssetV3(contents: [0, 255], createdAt: 0, uploadedBy: nil))
        // A field skipped with `skip_serializing_if = "Option::is_none"` is absent.
        let v2 = try unhex("a2" + Self.contents + "820018ff" + Self.createdAt + "05")
        #expect(try AssetV3.decode(v2) == AssetV3(contents: [0, 255], createdAt: 5, uploadedBy: nil))
    }

    @Test("new records decode with an older type: unknown fields are ignored")
    func newBytesOldType() throws {
        let v3 = AssetV3(contents: [7], createdAt: 9, uploadedBy: try Principal(bytes: [1, 2, 3])).encodedBytes
        #expect(try AssetV1.decode(v3) == AssetV1(contents: [7]))
        #expect(try AssetV2.decode(v3) == AssetV2(contents: [7], createdAt: 9))
        // Field order does not matter either (serde accepts any order).
        let reordered = try unhex("a2" + Self.createdAt + "09" + Self.contents + "8107")
        #expect(try AssetV2.decode(reordered) == AssetV2(contents: [7], createdAt: 9))
    }

    @Test("a byte field accepts both the array and the byte-string form")
    func bytesEitherForm() throws {
        let asArray = try unhex("a1" + Self.contents + "820018ff")
        let asBytes = try unhex("a1" + Self.contents + "4200ff")
        #expect(try AssetV1.decode(asBytes) == AssetV1(contents: [0, 255]))
        #expect(try CompactAsset.decode(asArray) == CompactAsset(contents: CBORBytes([0, 255])))
        // Indefinite-length byte strings are joined.
        let chunked = try unhex("a1" + Self.contents + "5f4100" + "41ff" + "ff")
        #expect(try AssetV1.decode(chunked) == AssetV1(contents: [0, 255]))
    }

    @Test("typed errors name the field and the mismatch")
    func fieldErrors() throws {
        let textDate = try unhex("a2" + Self.contents + "80" + Self.createdAt + "6161")
        #expect(throws: StableError.malformedEncoding(
            type: "AssetV2", reason: "field `created_at`: expected an unsigned integer, found a text string")) {
            try AssetV2.decode(textDate)
        }
        let negativeDate = try unhex("a2" + Self.contents + "80" + Self.createdAt + "20")
        #expect(throws: StableError.malformedEncoding(
            type: "AssetV2", reason: "field `created_at`: expected an unsigned integer, found a negative integer")) {
            try AssetV2.decode(negativeDate)
        }
        #expect(throws: StableError.malformedEncoding(type: "AssetV1", reason: "field `contents`: missing")) {
            try AssetV1.decode(try unhex("a0"))
        }
        let badByte = try unhex("a1" + Self.contents + "82011901 00")
        #expect(throws: StableError.malformedEncoding(
            type: "AssetV1", reason: "element `contents[1]`: expected an integer 0…255 (a byte), found 256")) {
            try AssetV1.decode(badByte)
        }
        #expect(throws: StableError.malformedEncoding(
            type: "AssetV1", reason: "the top-level value: expected a map, found an array")) {
            try AssetV1.decode(try unhex("80"))
        }
        #expect(throws: StableError.malformedEncoding(type: "AssetV1", reason: "unexpected end of input at offset 10")) {
            try AssetV1.decode(try unhex("a1" + Self.contents))
        }
    }

    struct Gallery: Codable, Equatable {
        var title: String
        var assets: [AssetV2]
    }

    @Test("nested errors give the whole coding path")
    func nestedPath() throws {
        let good = AssetV2(contents: [1], createdAt: 2)
        var value = try CBOREncoder().encodeValue(Gallery(title: "t", assets: [good, good]))
        guard case var .map(entries) = value, case var .array(assets) = entries[1].value,
              case var .map(fields) = assets[1] else {
            Issue.record("unexpected shape \(value)")
            return
        }
        fields[1].value = .bool(true)
        assets[1] = .map(fields)
        entries[1].value = .array(assets)
        value = .map(entries)
        #expect(throws: StableError.malformedEncoding(
            type: "Gallery", reason: "field `assets[1].created_at`: expected an unsigned integer, found a boolean")) {
            try CBORDecoder().decode(Gallery.self, from: value)
        }
    }

    struct Numbers: Codable, Equatable {
        var small: UInt8
        var signed: Int64
        var wide: UInt128
        var wideSigned: Int128
        var single: Float
        var double: Double
        var flag: Bool
    }

    @Test("integers use the shortest head and major type 1 for negatives; floats their shortest exact width")
    func numbers() throws {
        // Numbers { small: 200, signed: i64::MIN, wide: 1 << 64, wide_signed: -(1 << 64) - 1,
        //           single: 1.5f32, double: 1.1, flag: true }
        let value = Numbers(small: 200, signed: .min, wide: UInt128(1) << 64, wideSigned: -(Int128(1) << 64) - 1,
                            single: 1.5, double: 1.1, flag: true)
        let expected = "a7"
            + "65" + hexText("small") + "18c8"
            + "66" + hexText("signed") + "3b7fffffffffffffff"
            + "64" + hexText("wide") + "c249010000000000000000"
            + "6a" + hexText("wideSigned") + "c349010000000000000000"
            + "66" + hexText("single") + "f93e00"
            + "66" + hexText("double") + "fb3ff199999999999a"
            + "64" + hexText("flag") + "f5"
        let encoded = try CBOREncoder().encode(value)
        #expect(hex(encoded) == expected)
        #expect(try CBORDecoder().decode(Numbers.self, from: encoded) == value)
    }

    @Test("integers out of the Swift type's range are refused with the value")
    func ranges() throws {
        struct Small: Codable { var small: UInt8 }
        #expect(throws: StableError.malformedEncoding(type: "Small", reason: "field `small`: 300 does not fit in UInt8")) {
            try CBORDecoder().decode(Small.self, from: try unhex("a1" + "65" + hexText("small") + "19012c"))
        }
        struct Signed: Codable { var value: Int8 }
        #expect(throws: StableError.malformedEncoding(type: "Signed", reason: "field `value`: -129 does not fit in Int8")) {
            try CBORDecoder().decode(Signed.self, from: try unhex("a1" + "65" + hexText("value") + "3880"))
        }
        #expect(try CBORDecoder().decode(Signed.self, from: try unhex("a1" + "65" + hexText("value") + "387e")).value == -127)
    }

    enum Kind: String, Codable { case image, text }

    enum Shape: Codable, Equatable {
        case rectangle(width: UInt32, height: UInt32)
    }

    @Test("string-valued enums are serde unit variants; labelled cases are serde struct variants")
    func enums() throws {
        // Kind::Image → "image" (with #[serde(rename_all = "lowercase")])
        #expect(hex(try CBOREncoder().encode(Kind.image)) == "65" + hexText("image"))
        // Shape::Rectangle { width: 2, height: 3 } → {"rectangle": {"width": 2, "height": 3}}
        let shape = Shape.rectangle(width: 2, height: 3)
        let expected = "a1" + "69" + hexText("rectangle") + "a2" + "65" + hexText("width") + "02"
            + "66" + hexText("height") + "03"
        #expect(hex(try CBOREncoder().encode(shape)) == expected)
        #expect(try CBORDecoder().decode(Shape.self, from: try unhex(expected)) == shape)
        // The DecodingError that RawRepresentable throws becomes a StableError naming the field.
        struct Labelled: Codable { var kind: Kind }
        #expect(throws: StableError.malformedEncoding(
            type: "Labelled", reason: "field `kind`: Cannot initialize Kind from invalid String value a")) {
            try CBORDecoder().decode(Labelled.self, from: try unhex("a1" + "64" + hexText("kind") + "6161"))
        }
    }

    @Test("dictionaries: text keys for String, integer keys for integers")
    func dictionaries() throws {
        // HashMap<String, u64> {"a": 1}, BTreeMap<u64, String> {1: "a", 500: "b"}
        #expect(hex(try CBOREncoder().encode(["a": UInt64(1)])) == "a1616101")
        #expect(try CBORDecoder().decode([UInt64: String].self, from: try unhex("a2016161" + "1901f46162"))
            == [1: "a", 500: "b"])
        // Entries come in the order a Rust BTreeMap iterates: BTreeMap<u64, String>
        // {1: "a", 500: "b"}, BTreeMap<String, i32> {"a": 1, "aa": 3, "b": 2},
        // BTreeMap<i64, bool> {-300: true, -1: false, 1: true},
        // BTreeMap<Principal, u8> {aaaaa-aa: 0, 2vxsx-fae: 1, [1,2,3]: 2} (length first).
        let numeric = try CBOREncoder().encode([UInt64(500): "b", 1: "a"])
        #expect(hex(numeric) == "a2016161" + "1901f46162")
        #expect(hex(try CBOREncoder().encode(["b": 2, "aa": 3, "a": 1])) == "a3" + "616101" + "62616103" + "616202")
        #expect(hex(try CBOREncoder().encode([Int64(1): true, -1: false, -300: true])) == "a3" + "39012bf5" + "20f4" + "01f5")
        let principals: [Principal: UInt8] = [try Principal(bytes: [1, 2, 3]): 2, .anonymous: 1, .managementCanister: 0]
        #expect(hex(try CBOREncoder().encode(principals)) == "a3" + "4000" + "410401" + "4301020302")
        // Swift's alternating-array form is accepted too.
        #expect(try CBORDecoder().decode([UInt64: String].self, from: try unhex("82016161")) == [1: "a"])
        struct Scores: Codable { var scores: [String: UInt8] }
        #expect(throws: StableError.malformedEncoding(
            type: "Scores", reason: "field `scores.bob`: expected an unsigned integer, found a float")) {
            try CBORDecoder().decode(Scores.self, from: try unhex("a1" + "66" + hexText("scores") + "a2" + "63" + hexText("ann") + "01"
                + "63" + hexText("bob") + "f93c00"))
        }
        var big = [String: Int]()
        for index in 0..<100 { big["k\(index)"] = index - 50 }
        let bytes = try CBOREncoder().encode(big)
        #expect(try CBORDecoder().decode([String: Int].self, from: bytes) == big)
    }

    struct Profile: Codable, Equatable {
        var name: String
        var nickname: String?
    }

    @Test("nilFieldEncoding .omit leaves nil fields out, like skip_serializing_if")
    func omitNil() throws {
        var encoder = CBOREncoder()
        let profile = Profile(name: "a", nickname: nil)
        #expect(hex(try encoder.encode(profile)) == "a2" + "64" + hexText("name") + "6161" + "68" + hexText("nickname") + "f6")
        encoder.nilFieldEncoding = .omit
        let omitted = try encoder.encode(profile)
        #expect(hex(omitted) == "a1" + "64" + hexText("name") + "6161")
        #expect(try CBORDecoder().decode(Profile.self, from: omitted) == profile)
        // `undefined` also reads as nil.
        let undefined = try unhex("a2" + "64" + hexText("name") + "6161" + "68" + hexText("nickname") + "f7")
        #expect(try CBORDecoder().decode(Profile.self, from: undefined) == profile)
    }
}

/// `enum Content { Empty, Text(String), Pair(u8, u8) }` with serde's external
/// tagging: a unit variant is its name, a newtype variant `{"Text": value}`, a
/// tuple variant `{"Pair": [a, b]}`. Swift's synthesized form differs, so the
/// conformance is written by hand — this checks that the coders support it.
enum SerdeContent: Codable, Equatable {
    case empty
    case text(String)
    case pair(UInt8, UInt8)

    struct Variant: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .empty:
            var container = encoder.singleValueContainer()
            try container.encode("Empty")
        case let .text(text):
            var container = encoder.container(keyedBy: Variant.self)
            try container.encode(text, forKey: Variant("Text"))
        case let .pair(a, b):
            var container = encoder.container(keyedBy: Variant.self)
            var items = container.nestedUnkeyedContainer(forKey: Variant("Pair"))
            try items.encode(a)
            try items.encode(b)
        }
    }

    init(from decoder: any Decoder) throws {
        if let name = try? decoder.singleValueContainer().decode(String.self) {
            guard name == "Empty" else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown variant \(name)"))
            }
            self = .empty
            return
        }
        let container = try decoder.container(keyedBy: Variant.self)
        guard let variant = container.allKeys.first, container.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected one variant"))
        }
        switch variant.stringValue {
        case "Text": self = .text(try container.decode(String.self, forKey: variant))
        case "Pair":
            var items = try container.nestedUnkeyedContainer(forKey: variant)
            self = .pair(try items.decode(UInt8.self), try items.decode(UInt8.self))
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown variant \(variant.stringValue)"))
        }
    }
}

@Suite("CBOR: serde enum variants")
struct CBORSerdeEnumTests {
    @Test("unit, newtype and tuple variants as ciborium writes them")
    func variants() throws {
        let cases: [(SerdeContent, String)] = [
            (.empty, "65" + hexText("Empty")),
            (.text("hi"), "a1" + "64" + hexText("Text") + "626869"),
            (.pair(1, 200), "a1" + "64" + hexText("Pair") + "820118c8"),
        ]
        for (value, expected) in cases {
            let bytes = try CBOREncoder().encode(value)
            #expect(hex(bytes) == expected)
            #expect(try CBORDecoder().decode(SerdeContent.self, from: bytes) == value)
        }
        #expect(throws: StableError.malformedEncoding(type: "SerdeContent", reason: "the top-level value: unknown variant Full")) {
            try CBORDecoder().decode(SerdeContent.self, from: try unhex("64" + hexText("Full")))
        }
        let literal: CBORBytes = [0, 255]
        #expect(hex(try CBOREncoder().encode(literal)) == "4200ff")
    }
}
