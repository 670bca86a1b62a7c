import StableStructures
import StableTestSupport
import Testing

/// Hand-made corrupt images: each must give a typed error or correct data,
/// never a trap, a hang or unbounded memory.
@Suite("Hostile BTreeMap images")
struct HostileBTreeMapTests {
    typealias U64Map = BTreeMap<UInt64, UInt64, VectorMemory>
    typealias BlobMap = BTreeMap<[UInt8], [UInt8], VectorMemory>

    // MARK: Truncation

    @Test func truncatedToWholePages() throws {
        let image = try Hostile.u64Image(count: 5_000)
        #expect(image.bytes.count >= 3 * 65_536)
        for pages in 1 ..< image.bytes.count / 65_536 {
            let cut = HostileImage(Array(image.bytes.prefix(pages * 65_536)))
            let outcome = try Hostile.openU64(cut)
            // The allocator's tail chunk is at the very end, so opening already
            // fails (the free-list head is past the end of the memory).
            #expect(Hostile.isCorrupted(outcome.openError), "\(pages) pages")
            // What was returned before the error is the true prefix.
            #expect(outcome.entries.map(\.key) == Array(0 ..< UInt64(outcome.entries.count)))
            #expect(outcome.entries.allSatisfy { $0.value == $0.key * 10 })
        }
    }

    @Test func truncatedBelowLiveNodesWithAValidHead() throws {
        // The same truncation with the free-list head moved into what is left:
        // it opens (the root's page is kept), and iteration either stops with
        // an error at the first lost node or, if none was lost, is complete.
        var image = try Hostile.u64Image(count: 5_000)
        let pages = image.root / 65_536 + 1
        try #require(pages * 65_536 < image.bytes.count)
        image.bytes = Array(image.bytes.prefix(pages * 65_536))
        image.write(UInt64(HostileImage.firstChunk), at: HostileImage.allocatorHeadOffset)
        let outcome = try Hostile.openU64(image)
        #expect(outcome.openError == nil)
        if outcome.iterationError == nil {
            #expect(outcome.entries.count == 5_000)
        } else {
            #expect(Hostile.isCorrupted(outcome.iterationError))
        }
        #expect(outcome.entries.map(\.key) == Array(0 ..< UInt64(outcome.entries.count)))
    }

    @Test func tornWrites() throws {
        // Everything from byte `cut` on is zero, as after a torn write.
        let image = try Hostile.u64Image(count: 300)
        for cut in [0, 3, 27, 52, 60, 99, 100, 116, 200, 1_000, image.root + 20, image.bytes.count / 2] {
            var torn = image
            for i in cut ..< torn.bytes.count { torn.bytes[i] = 0 }
            let outcome = try Hostile.openU64(torn)
            if cut < 3 {
                guard case .badMagic = outcome.openError else {
                    Issue.record("cut \(cut): \(String(describing: outcome.openError))"); continue
                }
            } else if cut < 84 {
                // The allocator header (52 ..< 100) is incomplete.
                #expect(outcome.openError != nil, "cut \(cut)")
            }
            // Zeroed key or value bytes read back as zeros (data); zeroed
            // headers or addresses are errors. Never more than was stored.
            #expect(outcome.entries.count <= 300, "cut \(cut)")
        }
    }

    @Test func headerOnly() throws {
        let image = try Hostile.u64Image(count: 10)
        let outcome = try Hostile.openU64(HostileImage(Array(image.bytes.prefix(28))))
        #expect(Hostile.isCorrupted(outcome.openError), "no allocator magic: \(String(describing: outcome.openError))")
    }

    // MARK: Addresses

    @Test func childPointingToItsOwnNode() throws {
        var image = try Hostile.u64Image(count: 40)
        let root = image.root
        #expect(image.bytes[root + 4] == 1, "the root is internal")
        image.write(UInt64(root), at: root + HostileImage.childrenOffset)
        let outcome = try Hostile.openU64(image)
        #expect(outcome.openError == nil)
        #expect(Hostile.isCorrupted(outcome.iterationError))
        let map = try U64Map(memory: image.memory())
        #expect(throws: StableError.self) { try map.get(0) }
        #expect(throws: StableError.self) { try map.insert(0, 1) }
        #expect(throws: StableError.self) { try map.remove(1) }
        #expect(throws: StableError.self) { try map.popFirst() }
        #expect(throws: StableError.self) { try map.first }
        // Keys under the other children are still found.
        #expect(try map.get(39) == 390)
    }

    @Test func twoNodeCycle() throws {
        // The root's first child points back at the root: root → child → root …
        var image = try Hostile.u64Image(count: 200)
        let root = image.root
        let child = Int(image.read(UInt64.self, at: root + HostileImage.childrenOffset))
        #expect(image.bytes[child + 4] == 1, "three levels: the child is internal")
        image.write(UInt64(root), at: child + HostileImage.childrenOffset)
        let outcome = try Hostile.openU64(image)
        #expect(Hostile.isCorrupted(outcome.iterationError))
        let map = try U64Map(memory: image.memory())
        #expect(throws: StableError.self) { try map.get(0) }
        #expect(throws: StableError.self) { try map.remove(0) }
    }

    @Test(arguments: [UInt64(1) << 40, UInt64.max, UInt64.max - 15, 0])
    func childPastTheEnd(address: UInt64) throws {
        var image = try Hostile.u64Image(count: 40)
        image.write(address, at: image.root + HostileImage.childrenOffset)
        let outcome = try Hostile.openU64(image)
        #expect(Hostile.isCorrupted(outcome.iterationError))
        #expect(outcome.entries.isEmpty)
    }

    @Test func childOnTheGridJustPastTheEnd() throws {
        var image = try Hostile.u64Image(count: 40)
        let chunk = image.chunkSize
        var address = HostileImage.firstChunk + HostileImage.chunkHeaderSize
        while address < 65_536 { address += chunk }
        image.write(UInt64(address), at: image.root + HostileImage.childrenOffset)
        let outcome = try Hostile.openU64(image)
        #expect(Hostile.isCorrupted(outcome.iterationError))
    }

    @Test(arguments: [1, -1, 8, 16])
    func rootOffTheChunkGrid(shift: Int) throws {
        var image = try Hostile.u64Image(count: 40)
        image.write(UInt64(image.root + shift), at: HostileImage.rootOffset)
        let outcome = try Hostile.openU64(image)
        #expect(Hostile.isCorrupted(outcome.openError), "root moved by \(shift)")
    }

    @Test func rootPastTheEnd() throws {
        var image = try Hostile.u64Image(count: 40)
        image.write(UInt64.max - 7, at: HostileImage.rootOffset)
        #expect(Hostile.isCorrupted(try Hostile.openU64(image).openError))
    }

    // MARK: Node contents

    @Test(arguments: [UInt16(0), 12, 0xFF, 0xFFFF])
    func entryCountOutOfRange(count: UInt16) throws {
        var image = try Hostile.u64Image(count: 5)
        image.write(count, at: image.root + HostileImage.nodeCountOffset)
        let outcome = try Hostile.openU64(image)
        #expect(Hostile.isCorrupted(outcome.iterationError))
        let map = try U64Map(memory: image.memory())
        #expect(throws: StableError.self) { try map.get(3) }
        #expect(throws: StableError.self) { try map.insert(9, 9) }
    }

    @Test func lengthFieldsPastTheEnd() throws {
        let memory = VectorMemory()
        let map = try BlobMap(memory: memory)
        _ = try map.insert([1, 2], [3, 4, 5])
        _ = try map.insert([7], [8])
        let clean = try HostileImage(of: memory)
        let root = clean.root
        // A leaf: keys start at stream offset 15, each with a u32 length.
        for (offset, length) in [(15, UInt32.max), (15, 0xFFFF_FFF0), (15 + 4 + 2, 5_000), (15 + 4 + 2 + 4 + 1, UInt32.max)] {
            var image = clean
            image.write(length, at: root + offset)
            let reopened = try BlobMap(memory: image.memory())
            #expect(throws: StableError.self, "length \(length) at \(offset)") { try reopened.entries.collect() }
            #expect(throws: StableError.self) { try reopened.insert([0], [0]) }
            FuzzHarness.exerciseBlobMap(FuzzHarness.cappedMemory(image.bytes))
        }
    }

    @Test func overflowChainThatLoops() throws {
        let memory = VectorMemory()
        let map = try BlobMap(memory: memory)
        _ = try map.insert([1], [UInt8](repeating: 0xAB, count: 5_000))
        var image = try HostileImage(of: memory)
        let first = Int(image.read(UInt64.self, at: image.root + HostileImage.overflowOffset))
        #expect(first != 0, "the value spills into overflow pages")
        #expect(Array(image.bytes[first ..< first + 3]) == Array("NOF".utf8))
        // The first overflow page's next field points at itself.
        image.write(UInt64(first), at: first + 3)
        let looped = try BlobMap(memory: image.memory())
        #expect(throws: StableError.self) { try looped.get([1]) }
        #expect(throws: StableError.self) { try looped.entries.collect() }
        #expect(throws: StableError.self) { try looped.insert([2], [2]) }
        FuzzHarness.exerciseBlobMap(FuzzHarness.cappedMemory(image.bytes))
    }

    @Test func overflowPageWithoutMagic() throws {
        let memory = VectorMemory()
        let map = try BlobMap(memory: memory)
        _ = try map.insert([1], [UInt8](repeating: 0xAB, count: 3_000))
        var image = try HostileImage(of: memory)
        let first = Int(image.read(UInt64.self, at: image.root + HostileImage.overflowOffset))
        image.bytes[first] = 0
        let broken = try BlobMap(memory: image.memory())
        #expect(throws: StableError.self) { try broken.get([1]) }
    }

    @Test func hugeLengthInTheHeader() throws {
        // The entry count is data, not a loop bound: iteration follows the nodes.
        var image = try Hostile.u64Image(count: 30)
        image.write(UInt64.max, at: HostileImage.lengthOffset)
        let outcome = try Hostile.openU64(image)
        #expect(outcome.iterationError == nil)
        #expect(outcome.entries.map(\.key) == Array(0 ..< 30))
    }

    @Test func hugeAllocationSize() throws {
        // An empty tree whose allocator claims 4 GiB chunks: the first insert
        // asks the memory to grow by 4 GiB (as the crate would). The memory
        // decides: a capped one refuses, and the insert throws growFailed
        // with the image untouched.
        var image = try Hostile.u64Image(count: 0)
        image.write(UInt64(UInt32.max), at: HostileImage.allocatorSizeOffset)
        let memory = FuzzHarness.cappedMemory(image.bytes)
        let map = try BTreeMap<UInt64, UInt64, RestrictedMemory<VectorMemory>>(memory: memory)
        let before = try memory.readBytes(0, count: 65_536)
        #expect {
            try map.insert(100, 1)
        } throws: { error in
            if case .growFailed = error as? StableError { return true }
            return false
        }
        #expect(try memory.readBytes(0, count: 65_536) == before)
        #expect(memory.size == 1)
        // A non-empty tree with such chunks has no valid root address.
        var nonEmpty = try Hostile.u64Image(count: 3)
        nonEmpty.write(UInt64(UInt32.max), at: HostileImage.allocatorSizeOffset)
        #expect(Hostile.isCorrupted(try Hostile.openU64(nonEmpty).openError))
    }

    // MARK: Allocator

    /// A map with free chunks: 60 inserts, then 50 removes.
    static func imageWithFreeChunks() throws -> HostileImage {
        let memory = VectorMemory()
        let map = try U64Map(memory: memory)
        for i in UInt64(0) ..< 60 { _ = try map.insert(i, i * 10) }
        for i in UInt64(0) ..< 50 { _ = try map.remove(i) }
        return try HostileImage(of: memory)
    }

    @Test func freeListThatLoopsOnItself() throws {
        var image = try Self.imageWithFreeChunks()
        let head = Int(image.read(UInt64.self, at: HostileImage.allocatorHeadOffset))
        #expect(image.read(UInt64.self, at: head + 8) != 0, "the head is a freed chunk, not the tail")
        image.write(UInt64(head), at: head + 8)
        let map = try U64Map(memory: image.memory())
        var failure: StableError?
        for i in UInt64(1_000) ..< 1_300 where failure == nil {
            do throws(StableError) { _ = try map.insert(i, i) } catch { failure = error }
        }
        #expect(Hostile.isCorrupted(failure), "reusing the looping chunk twice is detected")
        _ = try Hostile.openU64(image)
    }

    @Test func freeListIntoALiveNode() throws {
        var image = try Self.imageWithFreeChunks()
        let head = Int(image.read(UInt64.self, at: HostileImage.allocatorHeadOffset))
        image.write(UInt64(image.root - HostileImage.chunkHeaderSize), at: head + 8)
        let map = try U64Map(memory: image.memory())
        var failure: StableError?
        for i in UInt64(1_000) ..< 1_300 where failure == nil {
            do throws(StableError) { _ = try map.insert(i, i) } catch { failure = error }
        }
        #expect(Hostile.isCorrupted(failure), "the live root is never handed out")
    }

    @Test(arguments: [UInt64(0), 101, UInt64.max, 1 << 40])
    func freeListHeadOffTheGrid(head: UInt64) throws {
        var image = try Self.imageWithFreeChunks()
        image.write(head, at: HostileImage.allocatorHeadOffset)
        #expect(Hostile.isCorrupted(try Hostile.openU64(image).openError))
    }
}
