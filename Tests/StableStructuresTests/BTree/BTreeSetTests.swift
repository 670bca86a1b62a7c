@testable import StableStructures
import StableTestSupport
import Testing

@Suite("BTreeSet")
struct BTreeSetTests {
    @Test(.enabled(if: Golden.isAvailable, "../shared/golden is absent"))
    func goldenStringSet() throws {
        let name = "btreeset_string"
        let manifest = try Golden.manifest(name)
        let ops = try #require(manifest["ops"] as? [[Any]])
        let memory = VectorMemory()
        var set: BTreeSet<String, VectorMemory>?
        for op in ops {
            switch op[0] as? String {
            case "create": set = try BTreeSet(memory: memory)
            case "insert": try #require(set).insert(try String(golden: op[2]))
            case "remove": try #require(set).remove(try String(golden: op[2]))
            default: Issue.record("unexpected op \(op)")
            }
        }
        let image = try Golden.image(name)
        #expect(memory.bytes == image, "\(firstDifference(memory.bytes, image))")

        let opened = try BTreeSet<String, VectorMemory>(memory: try VectorMemory(bytes: image))
        let structure = try #require((manifest["structures"] as? [[String: Any]])?.first)
        let keys = try #require(structure["keys"] as? [Any]).map { try String(golden: $0) }
        #expect(opened.count == keys.count)
        #expect(try opened.elements.collect() == keys)
        #expect(try opened.reversed().collect() == keys.reversed())
        for key in keys.prefix(100) { #expect(try opened.contains(key)) }
        #expect(opened.memory.bytes == image)
    }

    @Test func setAlgebraMatchesSwiftSets() throws {
        var random = SplitMix64(seed: 42)
        let a = try BTreeSet<UInt32, VectorMemory>(memory: VectorMemory())
        let b = try BTreeSet<UInt32, VectorMemory>(memory: VectorMemory())
        var modelA = Set<UInt32>(), modelB = Set<UInt32>()
        for _ in 0 ..< 600 {
            let x = UInt32(random.next() % 500)
            #expect(try a.insert(x) == modelA.insert(x).inserted)
            let y = UInt32(random.next() % 500)
            #expect(try b.insert(y) == modelB.insert(y).inserted)
        }
        #expect(Array(a.union(b)) == modelA.union(modelB).sorted())
        #expect(Array(a.intersection(b)) == modelA.intersection(modelB).sorted())
        #expect(Array(a.difference(b)) == modelA.subtracting(modelB).sorted())
        #expect(Array(a.symmetricDifference(b)) == modelA.symmetricDifference(modelB).sorted())
        #expect(try a.isSubset(of: b) == modelA.isSubset(of: modelB))
        #expect(try a.isDisjoint(with: b) == modelA.isDisjoint(with: modelB))

        let small = try BTreeSet<UInt32, VectorMemory>(memory: VectorMemory())
        for x in modelA.sorted().prefix(50) { try small.insert(x) }
        #expect(try small.isSubset(of: a))
        #expect(try a.isSuperset(of: small))
        #expect(try !a.isSubset(of: small))
        let other = try BTreeSet<UInt32, VectorMemory>(memory: VectorMemory())
        try other.insert(1_000)
        #expect(try other.isDisjoint(with: a))
        #expect(Array(other.intersection(a)).isEmpty)

        #expect(try a.first == modelA.min())
        #expect(try a.last == modelA.max())
        #expect(Array(a.range(100 ..< 200)) == modelA.filter { $0 >= 100 && $0 < 200 }.sorted())
        #expect(try a.popFirst() == modelA.min())
        #expect(try a.popLast() == modelA.max())
        #expect(a.count == modelA.count - 2)
        try a.clear()
        #expect(a.isEmpty)
        #expect(Array(a).isEmpty)
    }
}
