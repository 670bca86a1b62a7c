import StableStructures
import StableTestSupport
import Testing

@Suite("Cell")
struct CellTests {
    typealias Support = StructureTestSupport

    @Test("cell_u64: golden image reads back and replays byte for byte", .golden)
    func goldenU64() throws {
        let image = try Golden.image("cell_u64")
        let expected = try Support.unsigned(try #require(try Support.structures("cell_u64")[0]["value"]))
        let memory = try VectorMemory(bytes: image)
        let loaded = try Cell<UInt64, VectorMemory>(memory: memory, defaultValue: 0)
        #expect(loaded.get() == expected)
        Support.expectSameBytes(memory.bytes, image)

        var cell: Cell<UInt64, VectorMemory>?
        let replay = VectorMemory()
        for op in try Support.ops("cell_u64") {
            switch op[0] as? String {
            case "create": cell = try Cell(memory: replay, defaultValue: try Support.unsigned(op[2]))
            case "set": _ = try #require(cell).set(try Support.unsigned(op[2]))
            default: Issue.record("unexpected op \(op)")
            }
        }
        Support.expectSameBytes(replay.bytes, image)
    }

    @Test("cell_string: stale tail after a shrinking set, golden replay", .golden)
    func goldenString() throws {
        let image = try Golden.image("cell_string")
        let expected = try #require(try Support.structures("cell_string")[0]["value"] as? String)
        let memory = try VectorMemory(bytes: image)
        let loaded = try Cell<String, VectorMemory>(memory: memory, defaultValue: "")
        #expect(goldenEqual(loaded.get(), expected))
        Support.expectSameBytes(memory.bytes, image)

        var cell: Cell<String, VectorMemory>?
        let replay = VectorMemory()
        for op in try Support.ops("cell_string") {
            let text = try String(golden: op[2])
            switch op[0] as? String {
            case "create": cell = try Cell(memory: replay, defaultValue: text)
            case "set": _ = try #require(cell).set(text)
            default: Issue.record("unexpected op \(op)")
            }
        }
        Support.expectSameBytes(replay.bytes, image)
    }

    @Test("set returns the old value; grows exactly by the crate's rule")
    func growRule() throws {
        let memory = VectorMemory()
        let cell = try Cell<[UInt8], VectorMemory>(memory: memory, defaultValue: [1, 2, 3])
        #expect(memory.size == 1)
        #expect(try memory.readBytes(0, count: 11) == [0x53, 0x43, 0x4C, 1, 3, 0, 0, 0, 1, 2, 3])
        // 65 528 bytes + 8 header bytes fit in one page exactly.
        let full = [UInt8](repeating: 7, count: 65_528)
        #expect(try cell.set(full) == [1, 2, 3])
        #expect(memory.size == 1)
        let over = [UInt8](repeating: 9, count: 65_529 + 65_536)
        #expect(try cell.set(over) == full)
        #expect(memory.size == 3)
        #expect(try cell.set([5]) == over)
        #expect(memory.size == 3)
        #expect(try memory.readBytes(4, count: 6) == [1, 0, 0, 0, 5, 9], "stale tail stays")
        let reloaded = try Cell<[UInt8], VectorMemory>.load(memory: memory)
        #expect(reloaded.get() == [5])
    }

    @Test("foreign memory, bad version and a length past the end are refused without a write")
    func errors() throws {
        let vecMemory = VectorMemory()
        _ = try StableVec<UInt64, VectorMemory>(memory: vecMemory)
        let before = vecMemory.bytes
        #expect(throws: StableError.badMagic(expected: "Cell", found: Array("SVC".utf8))) {
            try Cell<UInt64, VectorMemory>(memory: vecMemory, defaultValue: 1)
        }
        Support.expectSameBytes(vecMemory.bytes, before)

        let memory = VectorMemory()
        _ = try Cell<UInt64, VectorMemory>(memory: memory, defaultValue: 1)
        try memory.store(UInt8(2), at: 3)
        let versioned = memory.bytes
        #expect(throws: StableError.unsupportedVersion(structure: "Cell", version: 2)) {
            try Cell<UInt64, VectorMemory>(memory: memory, defaultValue: 1)
        }
        Support.expectSameBytes(memory.bytes, versioned)

        try memory.store(UInt8(1), at: 3)
        try memory.store(UInt32(65_529), at: 4)
        #expect(throws: StableError.self) { try Cell<UInt64, VectorMemory>(memory: memory, defaultValue: 1) }
        do {
            _ = try Cell<[UInt8], VectorMemory>.load(memory: memory)
            Issue.record("expected .corrupted")
        } catch {
            guard case .corrupted = error else { Issue.record("unexpected \(error)"); return }
        }
        try memory.store(UInt32(3), at: 4)
        #expect(throws: StableError.self) { try Cell<UInt64, VectorMemory>(memory: memory, defaultValue: 1) }
        #expect(throws: StableError.self) { try Cell<UInt64, VectorMemory>.load(memory: VectorMemory()) }
    }

    @Test("the in-place path (VectorMemory) and the protocol path write identical images")
    func pathsAgree() throws {
        var random = SplitMix64(seed: Support.seed(0xCE12))
        let fast = VectorMemory()
        let slow = try RestrictedMemory(VectorMemory(), pages: 0..<RestrictedMemory<VectorMemory>.maxPageEnd)
        let fastCell = try Cell<[UInt8], VectorMemory>(memory: fast, defaultValue: [1, 2])
        let slowCell = try Cell<[UInt8], RestrictedMemory<VectorMemory>>(memory: slow, defaultValue: [1, 2])
        Support.expectSameBytes(fast.bytes, slow.underlying.bytes)
        for _ in 0..<40 {
            // Empty, small, exactly filling a page with the header, and growing values.
            let size = [0, 1, 65_528, 65_529, Int(random.next() % 300), Int(random.next() % 140_000)][Int(random.next() % 6)]
            let value = random.bytes(size)
            #expect(try fastCell.set(value) == slowCell.set(value))
            Support.expectSameBytes(fast.bytes, slow.underlying.bytes)
        }
    }

    @Test("model: the last value set survives reloads")
    func model() throws {
        var random = SplitMix64(seed: Support.seed(0xCE11))
        var cell = try Cell<[UInt8], VectorMemory>(memory: VectorMemory(), defaultValue: [])
        var model: [UInt8] = []
        for step in 0..<(Support.longRuns ? 5_000 : 300) {
            let size = Int(random.next() % (random.next() % 8 == 0 ? 200_000 : 300))
            let value = random.bytes(size)
            let old = try cell.set(value)
            #expect(old.count == model.count && old == model, "set must return the previous value (step \(step))")
            model = value
            if step % 17 == 0 {
                cell = try Cell(memory: try Support.copy(cell.memory), defaultValue: [9])
            }
            let current = cell.get()
            #expect(current.count == model.count && current == model, "get must return the last value (step \(step))")
        }
    }

    @Test("flipped bytes in a golden image give a typed error or a value, never a trap", .golden)
    func corruption() throws {
        let image = try Golden.image("cell_string")
        var random = SplitMix64(seed: Support.seed(0xBAD1))
        for _ in 0..<60 {
            var damaged = image
            for _ in 0..<(1 + Int(random.next() % 3)) {
                let index = Int(random.next() % 12)
                damaged[index] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            }
            let memory = try VectorMemory(bytes: damaged)
            _ = try? Cell<String, VectorMemory>(memory: memory, defaultValue: "")
            Support.expectSameBytes(memory.bytes, damaged)
        }
    }

    @Test("a failed grow throws .growFailed and keeps the old value")
    func growFailure() throws {
        let window = try RestrictedMemory(VectorMemory(), pages: 0..<1)
        let cell = try Cell<[UInt8], RestrictedMemory<VectorMemory>>(memory: window, defaultValue: [1])
        #expect(throws: StableError.self) { try cell.set([UInt8](repeating: 2, count: 70_000)) }
        #expect(cell.get() == [1])
        #expect(try Cell<[UInt8], RestrictedMemory<VectorMemory>>.load(memory: window).get() == [1])
    }
}
