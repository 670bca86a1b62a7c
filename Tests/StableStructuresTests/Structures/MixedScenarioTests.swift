import StableStructures
import StableTestSupport
import Testing

/// Golden scenarios where the small structures share one memory with others:
/// `restricted_memory` (page windows of one memory) and `mm_mixed` (all six
/// structures on a MemoryManager with one-page buckets, whose interleaving
/// depends on exactly when each structure grows its memory).
@Suite("Mixed scenarios")
struct MixedScenarioTests {
    typealias Support = StructureTestSupport

    @Test("restricted_memory: Cell, BTreeMap and Vec in page windows, read and byte-exact replay", .golden)
    func restrictedMemory() throws {
        let image = try Golden.image("restricted_memory")
        let structures = try Support.structures("restricted_memory")
        func windows(_ base: VectorMemory) throws -> (RestrictedMemory<VectorMemory>, RestrictedMemory<VectorMemory>, RestrictedMemory<VectorMemory>) {
            (try RestrictedMemory(base, pages: 0..<1), try RestrictedMemory(base, pages: 1..<24), try RestrictedMemory(base, pages: 24..<40))
        }

        let memory = try VectorMemory(bytes: image)
        let (cellMemory, mapMemory, vecMemory) = try windows(memory)
        let cell = try Cell<UInt64, RestrictedMemory<VectorMemory>>(memory: cellMemory, defaultValue: 0)
        #expect(cell.get() == (try UInt64(golden: try #require(structures[0]["value"]))))
        let map = try BTreeMap<UInt64, UInt64, RestrictedMemory<VectorMemory>>(memory: mapMemory)
        #expect(map.count == 300)
        let vec = try StableVec<UInt32, RestrictedMemory<VectorMemory>>(memory: vecMemory)
        let items = try (try #require(structures[2]["items"] as? [Any])).map { try UInt32(golden: $0) }
        #expect(try vec.elements() == items)
        Support.expectSameBytes(memory.bytes, image)

        let replay = VectorMemory()
        let (cellWindow, mapWindow, vecWindow) = try windows(replay)
        var replayCell: Cell<UInt64, RestrictedMemory<VectorMemory>>?
        var replayMap: BTreeMap<UInt64, UInt64, RestrictedMemory<VectorMemory>>?
        var replayVec: StableVec<UInt32, RestrictedMemory<VectorMemory>>?
        for op in try Support.ops("restricted_memory") {
            let name = try #require(op[0] as? String), index = try #require(op[1] as? Int)
            switch (name, index) {
            case ("create", 0): replayCell = try Cell(memory: cellWindow, defaultValue: try UInt64(golden: op[2]))
            case ("create", 1): replayMap = try BTreeMap(memory: mapWindow)
            case ("create", 2): replayVec = try StableVec(memory: vecWindow)
            case ("set", 0): _ = try #require(replayCell).set(try UInt64(golden: op[2]))
            case ("insert", 1): _ = try #require(replayMap).insert(try UInt64(golden: op[2]), try UInt64(golden: op[3]))
            case ("push", 2): try #require(replayVec).push(try UInt32(golden: op[2]))
            default: Issue.record("unexpected op \(op)")
            }
        }
        Support.expectSameBytes(replay.bytes, image)
    }

    @Test("mm_mixed: all six structures on one MemoryManager, read and byte-exact replay", .golden)
    func memoryManagerMixed() throws {
        typealias VM = VirtualMemory<VectorMemory>
        let image = try Golden.image("mm_mixed")
        let structures = try Support.structures("mm_mixed")

        let memory = try VectorMemory(bytes: image)
        let manager = try MemoryManager(memory, bucketSize: 1)
        func id(_ value: UInt8) throws -> VM { manager.memory(try MemoryId(value)) }
        let vec = try StableVec<UInt64, VM>(memory: try id(2))
        #expect(try vec.elements() == (try (try #require(structures[2]["items"] as? [Any])).map { try UInt64(golden: $0) }))
        let log = try Log<String, VM, VM>(indexMemory: try id(3), dataMemory: try id(4))
        let logItems = try (try #require(structures[3]["items"] as? [Any])).map { try String(golden: $0) }
        let logEntries = try log.entries()
        #expect(logEntries.count == logItems.count && zip(logEntries, logItems).allSatisfy { goldenEqual($0, $1) })
        let cell = try Cell<String, VM>(memory: try id(5), defaultValue: "")
        #expect(goldenEqual(cell.get(), try String(golden: try #require(structures[4]["value"]))))
        let heap = try MinHeap<UInt64, VM>(memory: try id(6))
        #expect(Array(heap) == (try (try #require(structures[5]["items"] as? [Any])).map { try UInt64(golden: $0) }))
        let map = try BTreeMap<UInt64, String, VM>(memory: try id(0))
        #expect(map.count == 717)
        let set = try BTreeSet<UInt64, VM>(memory: try id(1))
        #expect(set.count == 1_198)
        Support.expectSameBytes(memory.bytes, image)

        let replay = VectorMemory()
        let replayManager = try MemoryManager(replay, bucketSize: 1)
        func replayId(_ value: UInt8) throws -> VM { replayManager.memory(try MemoryId(value)) }
        var replayMap: BTreeMap<UInt64, String, VM>?
        var replaySet: BTreeSet<UInt64, VM>?
        var replayVec: StableVec<UInt64, VM>?
        var replayLog: Log<String, VM, VM>?
        var replayCell: Cell<String, VM>?
        var replayHeap: MinHeap<UInt64, VM>?
        for op in try Support.ops("mm_mixed") {
            let name = try #require(op[0] as? String), index = try #require(op[1] as? Int)
            switch (name, index) {
            case ("create", 0): replayMap = try BTreeMap(memory: try replayId(0))
            case ("create", 1): replaySet = try BTreeSet(memory: try replayId(1))
            case ("create", 2): replayVec = try StableVec(memory: try replayId(2))
            case ("create", 3): replayLog = try Log(indexMemory: try replayId(3), dataMemory: try replayId(4))
            case ("create", 4): replayCell = try Cell(memory: try replayId(5), defaultValue: op.count > 2 ? try String(golden: op[2]) : "")
            case ("create", 5): replayHeap = try MinHeap(memory: try replayId(6))
            case ("insert", 0): _ = try #require(replayMap).insert(try UInt64(golden: op[2]), try String(golden: op[3]))
            case ("remove", 0): _ = try #require(replayMap).remove(try UInt64(golden: op[2]))
            case ("insert", 1): _ = try #require(replaySet).insert(try UInt64(golden: op[2]))
            case ("push", 2): try #require(replayVec).push(try UInt64(golden: op[2]))
            case ("append", 3): _ = try #require(replayLog).append(try String(golden: op[2]))
            case ("set", 4): _ = try #require(replayCell).set(try String(golden: op[2]))
            case ("push", 5): try #require(replayHeap).push(try UInt64(golden: op[2]))
            case ("pop", 5): _ = try #require(replayHeap).pop()
            default: Issue.record("unexpected op \(op)")
            }
        }
        Support.expectSameBytes(replay.bytes, image)
    }

    @Test("mm_reclaim: Vec and Cell beside a reclaimed map (v0.7.1 reuse), read and byte-exact replay", .golden)
    func memoryManagerReclaim() throws {
        typealias VM = VirtualMemory<VectorMemory>
        let image = try Golden.image("mm_reclaim")
        let structures = try Support.structures("mm_reclaim")

        let memory = try VectorMemory(bytes: image)
        let manager = try MemoryManager(memory, bucketSize: 1)
        let vec = try StableVec<UInt64, VM>(memory: manager.memory(try MemoryId(1)))
        #expect(try vec.elements() == (try (try #require(structures[1]["items"] as? [Any])).map { try UInt64(golden: $0) }))
        let cell = try Cell<[UInt8], VM>(memory: manager.memory(try MemoryId(3)), defaultValue: [])
        #expect(cell.get() == (try [UInt8](golden: try #require(structures[3]["value"]))))
        Support.expectSameBytes(memory.bytes, image)

        let replay = VectorMemory()
        let replayManager = try MemoryManager(replay, bucketSize: 1)
        func replayId(_ value: UInt8) throws -> VM { replayManager.memory(try MemoryId(value)) }
        var firstMap: BTreeMap<UInt64, UInt64, VM>?
        var replayVec: StableVec<UInt64, VM>?
        var secondMap: BTreeMap<UInt64, String, VM>?
        var replayCell: Cell<[UInt8], VM>?
        for op in try Support.ops("mm_reclaim") {
            let name = try #require(op[0] as? String), index = try #require(op[1] as? Int)
            switch (name, index) {
            case ("create", 0): firstMap = try BTreeMap(memory: try replayId(0))
            case ("create", 1): replayVec = try StableVec(memory: try replayId(1))
            case ("create", 2): secondMap = try BTreeMap(memory: try replayId(2))
            case ("create", 3): replayCell = try Cell(memory: try replayId(3), defaultValue: op.count > 2 ? try [UInt8](golden: op[2]) : [])
            case ("insert", 0): _ = try #require(firstMap).insert(try UInt64(golden: op[2]), try UInt64(golden: op[3]))
            case ("push", 1): try #require(replayVec).push(try UInt64(golden: op[2]))
            case ("insert", 2): _ = try #require(secondMap).insert(try UInt64(golden: op[2]), try String(golden: op[3]))
            case ("set", 3): _ = try #require(replayCell).set(try [UInt8](golden: op[2]))
            case ("reclaim_memory", _):
                firstMap = nil
                _ = try replayManager.reclaimMemory(try MemoryId(UInt8(index)))
            default: Issue.record("unexpected op \(op)")
            }
        }
        Support.expectSameBytes(replay.bytes, image)
    }
}
