@_spi(Testing) import StableStructures
import StableTestSupport
import Testing

@Suite("Raw B-tree reading")
struct RawBTreeTests {
    @Test("entries read with the right key layout are the map's entries in order")
    func readsEntries() throws {
        let memory = VectorMemory()
        let map = try BTreeMap<UInt64, [UInt8], VectorMemory>(memory: memory)
        var model: [UInt64: [UInt8]] = [:]
        var random = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let key = random.next() % 10_000
            let value = [UInt8](repeating: UInt8(truncatingIfNeeded: key), count: Int(key % 40))
            _ = try map.insert(key, value)
            model[key] = value
        }
        let tree = try RawBTree(memory)
        #expect(tree.version == 2)
        #expect(tree.length == UInt64(model.count))
        let entries = try tree.entries(keyLayout: .fixed(8), limit: 10_000)
        let expected = model.keys.sorted().map { key in
            RawBTreeEntry(key: withUnsafeBytes(of: key.bigEndian) { Array($0) }, value: model[key]!)
        }
        #expect(entries == expected)
        #expect(try tree.entries(keyLayout: .fixed(8), limit: 10) == Array(expected.prefix(10)))
    }

    @Test("a wrong key layout throws or yields keys out of order")
    func wrongLayout() throws {
        let memory = VectorMemory()
        let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: memory)
        for key: UInt64 in 0..<300 { _ = try map.insert(key * 1_000_003, key) }
        let tree = try RawBTree(memory)
        for layout: BTreeKeyLayout in [.fixed(4), .fixed(16), .lengthPrefixed] {
            if let entries = try? tree.entries(keyLayout: layout, limit: 1000) {
                let keys = entries.map(\.key)
                let ordered = zip(keys, keys.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) }
                #expect(!ordered || entries.count != 300, "layout \(layout) read the tree as valid")
            }
        }
    }

    @Test("a v1 tree's header gives its sizes and its entries need no layout")
    func readsV1() throws {
        let memory = VectorMemory()
        let map = try BTreeMap<UInt32, UInt64, VectorMemory>.newV1(memory: memory)
        for key: UInt32 in 0..<100 { _ = try map.insert(key, UInt64(key) * 2) }
        let tree = try RawBTree(memory)
        #expect(tree.version == 1 && tree.maxKeySize == 4 && tree.maxValueSize == 8)
        let entries = try tree.entries(keyLayout: .lengthPrefixed, limit: 1000)
        #expect(entries.map(\.key) == (0..<100).map { (key: UInt32) in withUnsafeBytes(of: key.bigEndian) { Array($0) } })
    }
}
