import StableStructures
import StableTestSupport
import Testing

/// `StoredStructure` names what each structure writes at offset 0, checked
/// against the ASCII magics of the byte layout and against golden images
/// written by the Rust crate.
@Suite("StoredStructure")
struct StoredStructureTests {
    @Test("each structure's header is identified by its magic")
    func identifiesEachStructure() throws {
        func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
        let manager = try MemoryManager(VectorMemory(), bucketSize: 1)
        func memory(_ id: UInt8) throws -> VirtualMemory<VectorMemory> { manager.memory(try MemoryId(id)) }
        _ = try BTreeMap<UInt64, UInt64, VirtualMemory<VectorMemory>>(memory: try memory(0))
        _ = try BTreeSet<UInt64, VirtualMemory<VectorMemory>>(memory: try memory(1))
        _ = try StableVec<UInt64, VirtualMemory<VectorMemory>>(memory: try memory(2))
        _ = try MinHeap<UInt64, VirtualMemory<VectorMemory>>(memory: try memory(3))
        _ = try Cell<UInt64, VirtualMemory<VectorMemory>>(memory: try memory(4), defaultValue: 7)
        _ = try Log<UInt64, VirtualMemory<VectorMemory>, VirtualMemory<VectorMemory>>(
            indexMemory: try memory(5), dataMemory: try memory(6))
        let expected: [(UInt8, StoredStructure, String)] = [
            (0, .btreeMap, "BTR"), (1, .btreeMap, "BTR"), (2, .vec, "SVC"), (3, .minHeap, "SMH"),
            (4, .cell, "SCL"), (5, .logIndex, "GLI"), (6, .logData, "GLD"),
        ]
        for (id, kind, magic) in expected {
            let virtual = try memory(id)
            #expect(StoredStructure.identify(virtual) == kind, "memory \(id)")
            #expect(try virtual.readBytes(0, count: 3) == ascii(magic))
            #expect(kind.magic == ascii(magic))
            #expect(StoredStructure(magic: ascii(magic)) == kind)
        }
        #expect(StoredStructure.identify(manager.underlyingMemory) == .memoryManager)
        #expect(StoredStructure.memoryManager.magic == ascii("MGR"))
        #expect(StoredStructure.identify(try memory(7)) == nil)  // empty
        #expect(StoredStructure(magic: ascii("XYZ")) == nil)
        #expect(StoredStructure(magic: [0x42, 0x54]) == nil)
        let names = StoredStructure.allCases.map(\.name)
        #expect(names == ["MemoryManager", "BTreeMap", "Vec", "MinHeap", "Cell", "Log index", "Log data"])
    }

    @Test("the structures of a golden image written by the crate are identified")
    func goldenImage() throws {
        guard Golden.isAvailable else { return }
        let memory = try VectorMemory(bytes: try Golden.image("mm_mixed"))
        #expect(StoredStructure.identify(memory) == .memoryManager)
        let manager = try MemoryManager(memory)
        var found: [StoredStructure?] = []
        for raw in UInt8(0) ... 7 { found.append(StoredStructure.identify(manager.memory(try MemoryId(raw)))) }
        // The manifest's layout: map, set, vec, log (index, data), cell, heap; memory 7 is empty.
        #expect(found == [.btreeMap, .btreeMap, .vec, .logIndex, .logData, .cell, .minHeap, nil])
    }
}
