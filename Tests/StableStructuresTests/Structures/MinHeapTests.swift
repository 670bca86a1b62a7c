import StableStructures
import StableTestSupport
import Testing

@Suite("MinHeap")
struct MinHeapTests {
    typealias Support = StructureTestSupport

    @Test("minheap_u32: golden read (storage order) and byte-exact replay", .golden)
    func goldenU32() throws {
        let image = try Golden.image("minheap_u32")
        let description = try Support.structures("minheap_u32")[0]
        let expected = try (try #require(description["items"] as? [Any])).map { UInt32(try Support.unsigned($0)) }
        let memory = try VectorMemory(bytes: image)
        let heap = try MinHeap<UInt32, VectorMemory>(memory: memory)
        #expect(heap.count == 1_500)
        #expect(Array(heap) == expected)
        #expect(try heap.peek() == expected.min())
        Support.expectSameBytes(memory.bytes, image)

        let replayMemory = VectorMemory()
        var replay: MinHeap<UInt32, VectorMemory>?
        for op in try Support.ops("minheap_u32") {
            switch op[0] as? String {
            case "create": replay = try MinHeap(memory: replayMemory)
            case "push": try #require(replay).push(UInt32(try Support.unsigned(op[2])))
            case "pop": _ = try #require(replay).pop()
            default: Issue.record("unexpected op \(op)")
            }
        }
        Support.expectSameBytes(replayMemory.bytes, image)
    }

    @Test("model: pops come out in sorted order, with duplicates and reloads")
    func model() throws {
        var random = SplitMix64(seed: Support.seed(0x4EA9))
        var heap = try MinHeap<UInt64, VectorMemory>(memory: VectorMemory())
        var model: [UInt64] = []
        for step in 0..<(Support.longRuns ? 50_000 : 4_000) {
            if random.next() % 5 < 3 {
                let value = random.next() % 200
                try heap.push(value)
                model.append(value)
            } else {
                model.sort()
                let expected: UInt64? = model.isEmpty ? nil : model.removeFirst()
                #expect(try heap.pop() == expected)
            }
            if step % 211 == 0 { heap = try MinHeap(memory: try Support.copy(heap.memory)) }
            #expect(heap.count == UInt64(model.count))
            #expect(try heap.peek() == model.min())
        }
        var drained: [UInt64] = []
        while let value = try heap.pop() { drained.append(value) }
        #expect(drained == model.sorted())
        #expect(heap.isEmpty)
    }

    @Test("sift: ties pick the right child and only moved items are written")
    func tieBreaking() throws {
        let memory = VectorMemory()
        let heap = try MinHeap<Pair<UInt64, UInt64>, VectorMemory>(memory: memory)
        // Heap [1, 5, 5, 9]: popping moves 9 to the root, whose children tie.
        for value in [UInt64(1), 5, 5] { try heap.push(Pair<UInt64, UInt64>(value, 0)) }
        try heap.push(Pair<UInt64, UInt64>(9, 0))
        #expect(try heap.pop() == Pair<UInt64, UInt64>(1, 0))
        // The right child moves up, so 9 lands in slot 2 ([5, 5, 9]); picking the
        // left child would give [5, 9, 5].
        #expect(try heap.elements() == [Pair<UInt64, UInt64>(5, 0), Pair<UInt64, UInt64>(5, 0), Pair<UInt64, UInt64>(9, 0)])
        try heap.clear()
        #expect(heap.isEmpty)
        #expect(try heap.pop() == nil)
        #expect(try heap.peek() == nil)
    }

    @Test("refuses a Vec's memory and unbounded elements, memory untouched")
    func refusals() throws {
        let memory = VectorMemory()
        let vec = try StableVec<UInt64, VectorMemory>(memory: memory)
        try vec.push(3)
        let image = memory.bytes
        #expect(throws: StableError.badMagic(expected: "MinHeap", found: Array("SVC".utf8))) {
            try MinHeap<UInt64, VectorMemory>(memory: memory)
        }
        #expect(throws: StableError.self) { try MinHeap<[UInt8], VectorMemory>(memory: memory) }
        Support.expectSameBytes(memory.bytes, image)
    }

    @Test("flipped bytes in the golden image give typed errors or data, never a trap", .golden)
    func corruption() throws {
        let image = try Golden.image("minheap_u32")
        var random = SplitMix64(seed: Support.seed(0xBAD3))
        for _ in 0..<30 {
            var damaged = image
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let index = Int(random.next() % (random.next() % 2 == 0 ? 24 : 6_064))
                damaged[index] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            }
            let memory = try VectorMemory(bytes: damaged)
            if let heap = try? MinHeap<UInt32, VectorMemory>(memory: memory) {
                for _ in 0..<20 { _ = try? heap.pop() }
                try? heap.push(7)
                _ = Array(heap)
            } else {
                Support.expectSameBytes(memory.bytes, damaged)
            }
        }
    }
}
