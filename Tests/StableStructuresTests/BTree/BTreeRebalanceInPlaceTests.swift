@testable import StableStructures
import StableTestSupport
import Testing

/// The in-place rebalance of the remove paths (`rebalanceInPlace`, rotations
/// and merges applied to the node bytes) against the general path
/// (`loadNode` + `rebalanceChild`, whole nodes decoded and re-encoded): on
/// copies of the same image, every child of every internal node that a
/// removal would rebalance must give byte-identical images.
@Suite("BTreeMap in-place rebalancing")
struct BTreeRebalanceInPlaceTests {
    /// The internal nodes of `map` with, for each, its children's entry counts.
    func internalNodes<K, V, M>(_ map: BTreeMap<K, V, M>) throws -> [(address: UInt64, childCounts: [Int])] {
        var result: [(UInt64, [Int])] = []
        var stack = map.root == 0 ? [] : [map.root]
        while let address = stack.popLast() {
            let children = try map.withNode(address) { (view) throws(StableError) -> [UInt64] in
                (0 ..< view.childCount).map { view.child($0) }
            }
            guard !children.isEmpty else { continue }
            result.append((address, try children.map { try map.nodeHeader($0).count }))
            stack.append(contentsOf: children)
        }
        return result
    }

    /// Opens a second map on a copy of `map`'s memory.
    func copy<K, V>(_ map: BTreeMap<K, V, VectorMemory>) throws -> BTreeMap<K, V, VectorMemory> {
        try BTreeMap<K, V, VectorMemory>.load(memory: try VectorMemory(bytes: map.memory.bytes))
    }

    /// Compares the two paths on every child at the minimum (5 entries) of
    /// every internal node of `map`; returns how many rebalances each path
    /// took (in place, general after a fallback) and how many of the in-place
    /// ones had a parent with overflow pages.
    func compareEveryRebalance<K, V>(_ label: String, _ map: BTreeMap<K, V, VectorMemory>) throws -> (inPlace: Int, fallback: Int, linkedParents: Int) {
        var inPlace = 0
        var fallback = 0
        var linkedParents = 0
        for (address, counts) in try internalNodes(map) {
            let linked = try map.nodeHeaderAndLink(address).link != 0
            for (index, count) in counts.enumerated() where count < BTreeLayout.minimumDegree {
                let fast = try copy(map)
                let general = try copy(map)
                var expected: UInt64?
                var expectedError: StableError?
                do throws(StableError) {
                    var node = try general.loadNode(address)
                    expected = try general.rebalanceChild(&node, index)
                } catch { expectedError = error }
                let before = fast.memory.bytes
                var result: UInt64?
                do throws(StableError) {
                    result = try fast.rebalanceInPlace(address, index)
                } catch {
                    #expect(error == expectedError, "\(label): node \(address) child \(index) threw \(error), expected \(String(describing: expectedError))")
                    #expect(fast.memory.bytes == before, "\(label): node \(address) child \(index) wrote before throwing")
                    continue
                }
                guard let result else {
                    // Declined: nothing may have been written.
                    #expect(fast.memory.bytes == before, "\(label): node \(address) child \(index) wrote before declining")
                    fallback += 1
                    continue
                }
                inPlace += 1
                if linked { linkedParents += 1 }
                #expect(expectedError == nil, "\(label): node \(address) child \(index): the general path threw \(String(describing: expectedError))")
                #expect(result == expected, "\(label): node \(address) child \(index) descends into \(result), expected \(String(describing: expected))")
                #expect(fast.root == general.root, "\(label): node \(address) child \(index): root differs")
                let a = fast.memory.bytes, b = general.memory.bytes
                #expect(a == b, "\(label): node \(address) child \(index): \(firstDifference(a, b))")
            }
        }
        return (inPlace, fallback, linkedParents)
    }

    @Test func u64MapsMatchTheGeneralPathAtEveryRebalance() throws {
        var random = SplitMix64(seed: 0x4E_B41A)
        var rebalanced = 0
        var declined = 0
        var linkedParents = 0
        for size in [12, 40, 200, 1_500, 4_000] {
            let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: VectorMemory())
            var keys: [UInt64] = []
            for _ in 0 ..< size {
                let key = random.next() % 100_000
                keys.append(key)
                try map.insert(key, random.next())
            }
            // Random removals leave many nodes at the minimum, at every level.
            for key in keys.shuffled(using: &random).prefix(size / 2) { try map.remove(key) }
            let counts = try compareEveryRebalance("u64 \(size)", map)
            rebalanced += counts.inPlace
            declined += counts.fallback
            linkedParents += counts.linkedParents
        }
        // Only internal children can decline here: a sibling of 10 or 11
        // entries (overflow pages at this page size) or a merge into 11.
        #expect(rebalanced > 100)
        #expect(declined * 20 < rebalanced)
        // Parents of 10 or 11 entries span an overflow page (page size 275):
        // rotations rewrite it across the chain, merges free the page.
        #expect(linkedParents > 10)
    }

    @Test func variableValuesAndOverflowPagesFallBackOrMatch() throws {
        // Fixed-size keys, values of 0…300 bytes: some nodes span overflow
        // pages (the general path then takes over), the rest are spliced.
        var random = SplitMix64(seed: 0xB10B)
        let map = try BTreeMap<UInt32, [UInt8], VectorMemory>(memory: VectorMemory())
        var keys: [UInt32] = []
        for _ in 0 ..< 1_200 {
            let key = UInt32(truncatingIfNeeded: random.next() % 50_000)
            keys.append(key)
            let length = Int(random.next() % 8 == 0 ? random.next() % 300 : random.next() % 40)
            try map.insert(key, (0 ..< length).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        }
        for key in keys.shuffled(using: &random).prefix(600) { try map.remove(key) }
        let counts = try compareEveryRebalance("u32 blobs", map)
        #expect(counts.inPlace > 20)
        #expect(counts.fallback > 0)
    }

    @Test func variableSizeKeysTakeTheGeneralPath() throws {
        let map = try BTreeMap<String, UInt64, VectorMemory>(memory: VectorMemory())
        for i in 0 ..< 200 { try map.insert("key \(i)", UInt64(i)) }
        for i in stride(from: 0, to: 200, by: 3) { try map.remove("key \(i)") }
        let counts = try compareEveryRebalance("strings", map)
        #expect(counts.inPlace == 0)
        #expect(counts.fallback > 0)
    }

    /// The canbench shape: every key removed in random order (rotations and
    /// merges at every level down to an empty tree), against a sorted model.
    @Test func removingEveryKeyAgreesWithTheModel() throws {
        var random = SplitMix64(seed: 0xCA_4BE4C)
        let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: VectorMemory())
        var model: [UInt64: UInt64] = [:]
        for _ in 0 ..< 3_000 {
            let key = random.next()
            model[key] = key ^ 0xFFFF
            try map.insert(key, key ^ 0xFFFF)
        }
        var order = model.keys.shuffled(using: &random)
        // Absent keys interleaved: they rebalance on the way down too.
        order.insert(contentsOf: (0 ..< 300).map { _ in random.next() }, at: 0)
        for (step, key) in order.enumerated() {
            let expected = model.removeValue(forKey: key)
            #expect(try map.remove(key) == expected)
            if step % 250 == 0 {
                try BTreeInvariants.check(map)
                let reopened = try BTreeMap<UInt64, UInt64, VectorMemory>.load(memory: map.memory)
                let entries = try reopened.range(from: .unbounded, to: .unbounded).collect()
                #expect(entries.map(\.key) == model.keys.sorted())
                #expect(entries.allSatisfy { $0.value == model[$0.key] })
            }
        }
        #expect(map.isEmpty)
        #expect(map.root == 0)
        try BTreeInvariants.check(map)
    }

    @Test func poppingBothEndsAgreesWithTheModel() throws {
        var random = SplitMix64(seed: 0x909)
        let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: VectorMemory())
        var model: [UInt64] = []
        for _ in 0 ..< 1_000 {
            let key = random.next() % 1_000_000
            if try map.insert(key, key &* 3) == nil { model.append(key) }
        }
        model.sort()
        while !model.isEmpty {
            if random.next() % 2 == 0 {
                let popped = try map.popFirst()
                let key = model.removeFirst()
                #expect(popped?.key == key && popped?.value == key &* 3)
            } else {
                let popped = try map.popLast()
                let key = model.removeLast()
                #expect(popped?.key == key && popped?.value == key &* 3)
            }
            if model.count % 100 == 0 { try BTreeInvariants.check(map) }
        }
        #expect(try map.popFirst() == nil)
    }

    @Test func aCorruptSiblingIsATypedErrorAndNothingIsWritten() throws {
        let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: VectorMemory())
        for key in 0 ..< UInt64(12) { try map.insert(key, key) }
        // Root [6], leaves [0…5] and [7…11]; after removing 0, removing 3
        // merges the left leaf with the right one, whose magic is broken here.
        let children = try map.withNode(map.root) { (view) throws(StableError) -> [UInt64] in [view.child(0), view.child(1)] }
        try map.remove(0)
        try map.memory.store(UInt8(0x58), at: children[1])
        let before = map.memory.bytes
        #expect(throws: StableError.self) { try map.rebalanceInPlace(map.root, 0) }
        #expect(map.memory.bytes == before)
        do {
            try map.remove(3)
            Issue.record("removing through a corrupt sibling succeeded")
        } catch {
            guard case .corrupted = error else { Issue.record("unexpected error \(error)"); return }
        }
        #expect(map.memory.bytes == before)
    }

    @Test func aCorruptOverflowPageOfTheParentIsATypedError() throws {
        var random = SplitMix64(seed: 0x0F)
        let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: VectorMemory())
        for _ in 0 ..< 3_000 { try map.insert(random.next(), 1) }
        // A parent of 10 or 11 entries spans an overflow page; break its magic.
        let linked = try internalNodes(map).map(\.address).first { try map.nodeHeaderAndLink($0).link != 0 }
        let parent = try #require(linked)
        try map.memory.store(UInt8(0x58), at: try map.nodeHeaderAndLink(parent).link)
        let before = map.memory.bytes
        #expect(throws: StableError.self) { try map.rebalanceInPlace(parent, 0) }
        #expect(map.memory.bytes == before)
        #expect(!map.readBufferInUse)
    }
}
