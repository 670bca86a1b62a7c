import StableStructures
import StableTestSupport
import Testing

/// The Rust `Asset` (see `AssetV3`) with Swift-style names and no `CodingKeys`.
struct SnakeAsset: CBORStorable, Equatable {
    var contents: [UInt8]
    var createdAt: UInt64?
    var uploadedBy: Principal?

    static var cborEncoder: CBOREncoder {
        var encoder = CBOREncoder()
        encoder.keyStrategy = .snakeCase
        return encoder
    }

    static var cborDecoder: CBORDecoder {
        var decoder = CBORDecoder()
        decoder.keyStrategy = .snakeCase
        return decoder
    }
}

@Suite("CBOR: key strategy")
struct CBORKeyStrategyTests {
    @Test("snakeCase maps camelCase properties to the Rust field names, both ways")
    func snakeAsset() throws {
        let asset = SnakeAsset(contents: [0, 255], createdAt: 5, uploadedBy: nil)
        let rust = AssetV3(contents: [0, 255], createdAt: 5, uploadedBy: nil)
        #expect(asset.encodedBytes == rust.encodedBytes)
        #expect(try SnakeAsset.decode(rust.encodedBytes) == asset)
        #expect(try SnakeAsset.decode(AssetV1(contents: [1]).encodedBytes) == SnakeAsset(contents: [1], createdAt: nil, uploadedBy: nil))
    }

    struct Names: Codable, Equatable {
        var id: Int
        var myURLValue: Int
        var sha256Hash: Int
        var already_snake: Int
        var ABC: Int
    }

    @Test("conversion rules: acronyms, digits, existing underscores")
    func rules() throws {
        var encoder = CBOREncoder()
        encoder.keyStrategy = .snakeCase
        let value = try encoder.encodeValue(Names(id: 1, myURLValue: 2, sha256Hash: 3, already_snake: 4, ABC: 5))
        guard case let .map(entries) = value else {
            Issue.record("not a map")
            return
        }
        #expect(entries.map(\.key) == ["id", "my_url_value", "sha256_hash", "already_snake", "abc"].map { CBORValue.text($0) })
        var decoder = CBORDecoder()
        decoder.keyStrategy = .snakeCase
        #expect(try decoder.decode(Names.self, from: value) == Names(id: 1, myURLValue: 2, sha256Hash: 3, already_snake: 4, ABC: 5))
        // Dictionary keys are data, not field names: never converted.
        #expect(hex(try encoder.encode(["someKey": 1])) == "a1" + "67" + hexText("someKey") + "01")
        #expect(try decoder.decode([String: Int].self, from: try unhex("a1" + "67" + hexText("someKey") + "01")) == ["someKey": 1])
    }

    enum Event: Codable, Equatable {
        case assetUploaded(assetId: UInt64)
    }

    @Test("enum cases found through allKeys are converted back to camelCase")
    func enumCases() throws {
        var encoder = CBOREncoder()
        encoder.keyStrategy = .snakeCase
        var decoder = CBORDecoder()
        decoder.keyStrategy = .snakeCase
        let bytes = try encoder.encode(Event.assetUploaded(assetId: 3))
        // Event::AssetUploaded { asset_id: 3 } with #[serde(rename_all = "snake_case")]
        #expect(hex(bytes) == "a1" + "6e" + hexText("asset_uploaded") + "a1" + "68" + hexText("asset_id") + "03")
        #expect(try decoder.decode(Event.self, from: bytes) == .assetUploaded(assetId: 3))
    }
}
