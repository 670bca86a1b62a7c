import StableStructures
import StableTestSupport
import Synchronization
import Testing

/// Counts `encode(to:)` runs, to check how often a store encodes.
final class EncodeCounter: Sendable {
    let count = Atomic<Int>(0)
    static let key = CodingUserInfoKey(rawValue: "EncodeCounter")!
}

let assetEncodeCounter = EncodeCounter()

/// A record whose encoder carries a counter in its `userInfo`.
struct CountedRecord: CBORStorable, Equatable {
    var name: String

    static var cborEncoder: CBOREncoder {
        var encoder = CBOREncoder()
        encoder.userInfo[EncodeCounter.key] = assetEncodeCounter
        return encoder
    }

    init(name: String) { self.name = name }

    func encode(to encoder: any Encoder) throws {
        (encoder.userInfo[EncodeCounter.key] as? EncodeCounter)?.count.add(1, ordering: .relaxed)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
    }
}

/// A record whose `encode(to:)` fails.
struct Unencodable: CBORStorable {
    struct Refused: Error {}
    init() {}
    init(from decoder: any Decoder) throws {}
    func encode(to encoder: any Encoder) throws { throw Refused() }
}

@Suite("CBOR: CBORStorable in stable structures")
struct CBORStorableTests {
    @Test("records stored by an old schema load with a new one, and back, through a BTreeMap")
    func schemaUpgradeThroughBTreeMap() throws {
        let memory = VectorMemory()
        let old = try BTreeMap<UInt64, AssetV1, VectorMemory>(memory: memory)
        try old.insert(1, AssetV1(contents: [0, 255]))
        try old.insert(2, AssetV1(contents: Array(repeating: 7, count: 300)))

        // The canister upgrades: the same memory, opened with the new record type.
        let upgraded = try BTreeMap<UInt64, AssetV3, VectorMemory>.load(memory: memory)
        #expect(try upgraded.get(1) == AssetV3(contents: [0, 255], createdAt: 0, uploadedBy: nil))
        #expect(try upgraded.get(2)?.contents.count == 300)
        let fresh = AssetV3(contents: [1], createdAt: 5, uploadedBy: .anonymous)
        try upgraded.insert(3, fresh)
        #expect(try upgraded.get(3) == fresh)

        // Raw view: the value bytes are exactly the CBOR ciborium writes.
        let raw = try BTreeMap<UInt64, [UInt8], VectorMemory>.load(memory: memory)
        #expect(try raw.get(1).map { hex($0) } == "a1" + CBORInteropTests.contents + "820018ff")
        #expect(try raw.get(3).map { hex($0) } == "a3" + CBORInteropTests.contents + "8101" + CBORInteropTests.createdAt
            + "05" + CBORInteropTests.uploadedBy + "4104")

        // A downgrade still reads the new record, ignoring the fields it does not know.
        let downgraded = try BTreeMap<UInt64, AssetV1, VectorMemory>.load(memory: memory)
        #expect(try downgraded.get(3) == AssetV1(contents: [1]))
        #expect(downgraded.count == 3)
    }

    @Test("a Cell written with the old schema loads with the new one")
    func schemaUpgradeThroughCell() throws {
        let memory = VectorMemory()
        let old = try Cell<AssetV1, VectorMemory>(memory: memory, defaultValue: AssetV1(contents: []))
        try old.set(AssetV1(contents: [0, 255]))
        let upgraded = try Cell<AssetV3, VectorMemory>.load(memory: memory)
        #expect(upgraded.get() == AssetV3(contents: [0, 255], createdAt: 0, uploadedBy: nil))
        try upgraded.set(AssetV3(contents: [9], createdAt: 1, uploadedBy: .anonymous))
        #expect(try Cell<AssetV1, VectorMemory>.load(memory: memory).get() == AssetV1(contents: [9]))
    }

    @Test("a Log keeps entries of both schema versions readable by either type")
    func schemaUpgradeThroughLog() throws {
        let index = VectorMemory()
        let data = VectorMemory()
        let old = try Log<AssetV1, VectorMemory, VectorMemory>(indexMemory: index, dataMemory: data)
        try old.append(AssetV1(contents: [1]))
        let new = try Log<AssetV3, VectorMemory, VectorMemory>(indexMemory: index, dataMemory: data)
        try new.append(AssetV3(contents: [2], createdAt: 7, uploadedBy: nil))
        #expect(try new.get(0) == AssetV3(contents: [1], createdAt: 0, uploadedBy: nil))
        #expect(try new.get(1) == AssetV3(contents: [2], createdAt: 7, uploadedBy: nil))
        let reread = try Log<AssetV2, VectorMemory, VectorMemory>(indexMemory: index, dataMemory: data)
        #expect(try reread.get(1) == AssetV2(contents: [2], createdAt: 7))
    }

    @Test("a store runs the Codable encoding once")
    func oneEncodePerStore() throws {
        let map = try BTreeMap<UInt64, CountedRecord, VectorMemory>(memory: VectorMemory())
        let before = assetEncodeCounter.count.load(ordering: .relaxed)
        try map.insert(1, CountedRecord(name: "one"))
        #expect(assetEncodeCounter.count.load(ordering: .relaxed) - before == 1)
        #expect(try map.get(1) == CountedRecord(name: "one"))
    }

    @Test("a failing encode(to:) is a typed error when storing, and nothing is written")
    func encodingFailure() throws {
        let map = try BTreeMap<UInt64, Unencodable, VectorMemory>(memory: VectorMemory())
        #expect(throws: StableError.self) { try map.insert(1, Unencodable()) }
        #expect(map.count == 0)
        #expect(throws: StableError.self) { try Unencodable().cborEncoded() }
    }

    @Test("corrupt stored bytes give malformedEncoding naming the type, never a trap")
    func corruptValue() throws {
        let memory = VectorMemory()
        let raw = try BTreeMap<UInt64, [UInt8], VectorMemory>(memory: memory)
        try raw.insert(1, try unhex("a1" + CBORInteropTests.contents + "8200"))  // array of 2 with 1 element
        try raw.insert(2, try unhex("a1" + CBORInteropTests.contents + "6161"))
        let typed = try BTreeMap<UInt64, AssetV1, VectorMemory>.load(memory: memory)
        #expect(throws: StableError.malformedEncoding(type: "AssetV1", reason: "an array declares 2 elements but only 1 bytes remain at offset 10")) {
            try typed.get(1)
        }
        #expect(throws: StableError.malformedEncoding(
            type: "AssetV1", reason: "field `contents`: expected a byte string or an array of bytes, found a text string")) {
            try typed.get(2)
        }
    }

    @Test("CBORValue is itself Storable (the Embedded Swift route)")
    func valueStorable() throws {
        let map = try BTreeMap<UInt64, CBORValue, VectorMemory>(memory: VectorMemory())
        let item = CBORValue.map([CBORMapEntry(.text("contents"), .bytes([0, 255]))])
        try map.insert(9, item)
        #expect(try map.get(9) == item)
        #expect(hex(item.encodedBytes) == "a1" + CBORInteropTests.contents + "4200ff")
    }
}
