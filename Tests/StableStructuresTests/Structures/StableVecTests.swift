import StableStructures
import StableTestSupport
import Testing

@Suite("StableVec")
struct StableVecTests {
    typealias Support = StructureTestSupport

    /// Replays the vec ops of a golden scenario with `decode` turning JSON into elements.
    func replay<E: Storable>(_ name: String, _ type: E.Type, _ decode: (Any) throws -> E) throws -> VectorMemory {
        let memory = VectorMemory()
        var vec: StableVec<E, VectorMemory>?
        for op in try Support.ops(name) {
            switch op[0] as? String {
            case "create": vec = try StableVec(memory: memory)
            case "push": try #require(vec).push(try decode(op[2]))
            case "set": try #require(vec).set(try Support.unsigned(op[2]), try decode(op[3]))
            case "pop": _ = try #require(vec).pop()
            default: Issue.record("unexpected op \(op)")
            }
        }
        return memory
    }

    typealias PairU64 = Pair<UInt64, UInt64>

    static func pair(_ json: Any) throws -> PairU64 { try PairU64(golden: json) }

    static func blob20(_ json: Any) throws -> Blob<20> { try Blob<20>(Support.blob(json)) }

    @Test("vec_tuple_u64_u64: golden read and byte-exact replay", .golden)
    func goldenPairs() throws {
        let image = try Golden.image("vec_tuple_u64_u64")
        let description = try Support.structures("vec_tuple_u64_u64")[0]
        let expected = try (try #require(description["items"] as? [Any])).map(Self.pair)
        let memory = try VectorMemory(bytes: image)
        let vec = try StableVec<PairU64, VectorMemory>(memory: memory)
        #expect(vec.count == UInt64(try Support.unsigned(try #require(description["len"]))))
        #expect(try vec.elements() == expected)
        #expect(Array(vec) == expected)
        #expect(Array(vec.reversed()) == expected.reversed())
        Support.expectSameBytes(memory.bytes, image)
        Support.expectSameBytes(try replay("vec_tuple_u64_u64", PairU64.self, Self.pair).bytes, image)
    }

    @Test("vec_bounded_blob20: golden read and byte-exact replay", .golden)
    func goldenBlob20() throws {
        let image = try Golden.image("vec_bounded_blob20")
        let description = try Support.structures("vec_bounded_blob20")[0]
        let expected = try (try #require(description["items"] as? [Any])).map(Self.blob20)
        let memory = try VectorMemory(bytes: image)
        let vec = try StableVec<Blob<20>, VectorMemory>(memory: memory)
        #expect(try vec.elements() == expected)
        Support.expectSameBytes(memory.bytes, image)
        Support.expectSameBytes(try replay("vec_bounded_blob20", Blob<20>.self, Self.blob20).bytes, image)
    }

    @Test("slot layout: little-endian length prefix sized by the max size, length written last")
    func slotLayout() throws {
        typealias Blob300 = Blob<300>
        let memory = VectorMemory()
        let vec = try StableVec<Blob300, VectorMemory>(memory: memory)
        try vec.push(try Blob300([1, 2, 3]))
        #expect(try memory.readBytes(0, count: 17) == [0x53, 0x56, 0x43, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0x2C, 1, 0, 0, 0])
        #expect(try memory.readBytes(64, count: 5) == [3, 0, 1, 2, 3])
        try vec.push(try Blob300([]))
        #expect(try memory.readBytes(64 + 302, count: 2) == [0, 0])
        // Slot 216 ends at 64 + 217 × 302 = 65 598: growth covers only the written bytes.
        for _ in 2..<216 { try vec.push(try Blob300([7])) }
        #expect(memory.size == 1)
        let full = try Blob300([UInt8](repeating: 9, count: 300))
        try vec.push(full)
        #expect(memory.size == 2)
        #expect(try vec.get(216) == full)
        #expect(try vec.pop() == full)
        #expect(vec.count == 216)
        #expect(try vec.get(216) == nil)
    }

    @Test("set out of range, bound violations and unbounded types throw before any write")
    func errors() throws {
        let memory = VectorMemory()
        let vec = try StableVec<Blob<20>, VectorMemory>(memory: memory)
        try vec.push(try Blob<20>([1]))
        let before = memory.bytes
        #expect(throws: StableError.indexOutOfRange(index: 1, count: 1)) { try vec.set(1, try Blob<20>([2])) }
        #expect(throws: StableError.boundViolated(type: "blob<20>", maxSize: 20, fixedSize: false, actualSize: 21)) {
            try vec.push(try Blob<20>([UInt8](repeating: 0, count: 21)))
        }
        #expect(throws: StableError.self) { try vec.set(0, try Blob<20>([UInt8](repeating: 0, count: 21))) }
        Support.expectSameBytes(memory.bytes, before)
        #expect(vec.count == 1)

        let empty = VectorMemory()
        #expect(throws: StableError.self) { try StableVec<[UInt8], VectorMemory>(memory: empty) }
        #expect(empty.size == 0)
    }

    @Test("wrong magic, version or element type leave the memory byte-identical")
    func refusals() throws {
        let memory = VectorMemory()
        let vec = try StableVec<UInt64, VectorMemory>(memory: memory)
        for value in 0..<10 as Range<UInt64> { try vec.push(value) }
        let image = memory.bytes

        #expect(throws: StableError.badMagic(expected: "MinHeap", found: Array("SVC".utf8))) {
            try MinHeap<UInt64, VectorMemory>(memory: memory)
        }
        #expect(throws: StableError.self) { try StableVec<UInt32, VectorMemory>(memory: memory) }
        #expect(throws: StableError.self) { try StableVec<PairU64, VectorMemory>(memory: memory) }
        do {
            _ = try StableVec<Blob<20>, VectorMemory>(memory: memory)
            Issue.record("expected incompatibleElementType")
        } catch {
            guard case .incompatibleElementType = error else { Issue.record("unexpected \(error)"); return }
        }
        Support.expectSameBytes(memory.bytes, image)

        let versioned = try VectorMemory(bytes: image)
        try versioned.store(UInt8(3), at: 3)
        #expect(throws: StableError.unsupportedVersion(structure: "Vec", version: 3)) {
            try StableVec<UInt64, VectorMemory>(memory: versioned)
        }
        let tooLong = try VectorMemory(bytes: image)
        try tooLong.store(UInt64(9_000), at: 4)
        #expect(throws: StableError.self) { try StableVec<UInt64, VectorMemory>(memory: tooLong) }
        try tooLong.store(UInt64.max, at: 4)
        #expect(throws: StableError.self) { try StableVec<UInt64, VectorMemory>(memory: tooLong) }
        #expect(throws: StableError.self) { try StableVec<UInt64, VectorMemory>.load(memory: VectorMemory()) }
    }

    @Test("model: random push/pop/set/clear against an array, with reloads")
    func model() throws {
        var random = SplitMix64(seed: Support.seed(0x5EC))
        var vec = try StableVec<Blob<20>, VectorMemory>(memory: VectorMemory())
        var model: [Blob<20>] = []
        for step in 0..<(Support.longRuns ? 50_000 : 3_000) {
            switch random.next() % 10 {
            case 0...4:
                let value = try Blob<20>(random.bytes(Int(random.next() % 21)))
                try vec.push(value)
                model.append(value)
            case 5, 6:
                #expect(try vec.pop() == model.popLast())
            case 7, 8:
                guard !model.isEmpty else { continue }
                let index = Int(random.next() % UInt64(model.count))
                let value = try Blob<20>(random.bytes(Int(random.next() % 21)))
                try vec.set(UInt64(index), value)
                model[index] = value
            default:
                if random.next() % 20 == 0 {
                    try vec.clear()
                    model.removeAll()
                } else {
                    vec = try StableVec(memory: try Support.copy(vec.memory))
                }
            }
            #expect(vec.count == UInt64(model.count))
            if step % 97 == 0 {
                #expect(try vec.elements() == model)
                #expect(Array(vec.reversed()) == model.reversed())
            }
            let probe = random.next() % UInt64(model.count + 2)
            #expect(try vec.get(probe) == (probe < model.count ? model[Int(probe)] : nil))
        }
    }

    @Test("the in-place path on a VectorMemory writes and grows exactly as the Memory protocol path")
    func inPlaceMatchesProtocolPath() throws {
        // Slots of 302 bytes (2-byte prefix) cross page boundaries at irregular places.
        typealias Blob300 = Blob<300>
        typealias Window = RestrictedMemory<VectorMemory>
        var random = SplitMix64(seed: Support.seed(0x1F1A))
        let fast = VectorMemory()
        let slowBase = VectorMemory()
        let slow = try Window(slowBase, pages: 0..<Window.maxPageEnd)
        let fastVec = try StableVec<Blob300, VectorMemory>(memory: fast)
        let slowVec = try StableVec<Blob300, Window>(memory: slow)
        let fastHeap = try MinHeap<UInt64, VectorMemory>(memory: VectorMemory())
        for step in 0..<700 {
            let value = try Blob300(random.bytes(Int(random.next() % 301)))
            if step % 7 == 3, fastVec.count > 0 {
                let index = random.next() % fastVec.count
                try fastVec.set(index, value)
                try slowVec.set(index, value)
            } else {
                try fastVec.push(value)
                try slowVec.push(value)
            }
            #expect(fast.size == slow.size)
            try fastHeap.push(random.next() % 1_000)
        }
        Support.expectSameBytes(fast.bytes, slowBase.bytes)
        var sorted: [UInt64] = []
        while let next = try fastHeap.pop() { sorted.append(next) }
        #expect(sorted == sorted.sorted() && sorted.count == 700)
    }

    @Test("flipped bytes in golden images give typed errors or data, never a trap", .golden)
    func corruption() throws {
        let image = try Golden.image("vec_bounded_blob20")
        var random = SplitMix64(seed: Support.seed(0xBAD2))
        for _ in 0..<40 {
            var damaged = image
            for _ in 0..<(1 + Int(random.next() % 4)) {
                // Mostly the header and the first slots, where damage matters most.
                let index = Int(random.next() % (random.next() % 2 == 0 ? 24 : 7_000))
                damaged[index] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            }
            let memory = try VectorMemory(bytes: damaged)
            if let vec = try? StableVec<Blob<20>, VectorMemory>(memory: memory) {
                _ = try? vec.elements()
                var iterator = vec.makeIterator()
                while iterator.next() != nil {}
                _ = try? vec.pop()
                try? vec.push(try Blob<20>([1, 2]))
            } else {
                Support.expectSameBytes(memory.bytes, damaged)
            }
        }
    }

    @Test("a failed grow throws .growFailed and leaves the length unchanged")
    func growFailure() throws {
        let window = try RestrictedMemory(VectorMemory(), pages: 0..<1)
        let vec = try StableVec<UInt64, RestrictedMemory<VectorMemory>>(memory: window)
        let fit = (65_536 - 64) / 8
        for value in 0..<UInt64(fit) { try vec.push(value) }
        #expect(throws: StableError.self) { try vec.push(99) }
        #expect(vec.count == UInt64(fit))
        #expect(try StableVec<UInt64, RestrictedMemory<VectorMemory>>.load(memory: window).count == UInt64(fit))
        #expect(try vec.pop() == UInt64(fit - 1))
    }
}
