@testable import StableStructures
import StableTestSupport
import Testing

@Suite("BTreeMap entry API")
struct BTreeEntryTests {
    /// `update` and `getOrInsert` leave the same bytes as get + insert.
    @Test func entryOperationsMatchGetThenInsert() throws {
        let viaEntry = VectorMemory(), viaGetInsert = VectorMemory()
        let a = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: viaEntry)
        let b = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: viaGetInsert)
        var random = SplitMix64(seed: 420)
        for step in 0 ..< 6_000 {
            let key = random.next() % 700
            switch random.next() % 3 {
            case 0:
                let result = try a.update(key, default: 0) { (value: inout UInt64) throws(StableError) -> UInt64 in
                    value &+= 1
                    return value
                }
                let next = (try b.get(key) ?? 0) &+ 1
                try b.insert(key, next)
                #expect(result == next)
            case 1:
                let value = try a.getOrInsert(key, default: key * 3)
                let expected: UInt64
                if let existing = try b.get(key) { expected = existing } else { try b.insert(key, key * 3); expected = key * 3 }
                #expect(value == expected)
            default:
                #expect(try a.remove(key) == b.remove(key))
            }
            if step % 500 == 0 {
                #expect(viaEntry.bytes == viaGetInsert.bytes, "images differ at step \(step)")
            }
        }
        #expect(viaEntry.bytes == viaGetInsert.bytes)
        try BTreeInvariants.check(a)
    }

    @Test func rangesAndPreviousKey() throws {
        let map = try BTreeMap<UInt32, UInt32, VectorMemory>(memory: VectorMemory())
        for key in stride(from: UInt32(0), to: 1_000, by: 5) { try map.insert(key, key * 2) }
        let all = (0 ..< 200).map { UInt32($0 * 5) }
        #expect(Array(map.range(100 ..< 200)).map(\.key) == all.filter { $0 >= 100 && $0 < 200 })
        #expect(Array(map.range(100 ... 200)).map(\.key) == all.filter { $0 >= 100 && $0 <= 200 })
        #expect(Array(map.range(990...)).map(\.key) == [990, 995])
        #expect(Array(map.range(..<11)).map(\.key) == [0, 5, 10])
        #expect(Array(map.range(...10)).map(\.key) == [0, 5, 10])
        #expect(Array(map.range(from: .excluded(5), to: .excluded(20))).map(\.key) == [10, 15])
        #expect(Array(map.range(from: .excluded(5), to: .included(20)).reversed()).map(\.key) == [20, 15, 10])
        #expect(Array(map.range(from: .excluded(6), to: .excluded(6))).isEmpty)
        #expect(Array(try map.iterFromPreviousKey(12)).first?.key == 10)
        #expect(Array(try map.iterFromPreviousKey(10)).first?.key == 5)
        #expect(Array(try map.iterFromPreviousKey(0)).isEmpty)
        #expect(Array(try map.iterUpperBound(1_000_000)).map(\.key) == [995])
        #expect(Array(map.keys.prefix(3)) == [0, 5, 10])
        #expect(Array(map.values.prefix(3)) == [0, 10, 20])
        #expect(Array(map.reversed()).first?.key == 995)
        #expect(try map.first?.key == 0)
        #expect(try map.last?.value == 1_990)
    }
}
