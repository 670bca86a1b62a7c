import StableStructures
import StableTestSupport
import Testing

@Suite("Log")
struct LogTests {
    typealias Support = StructureTestSupport
    typealias BlobLog = Log<[UInt8], VectorMemory, VectorMemory>

    /// Splits `log_blob.bin` into its index and data memories.
    static func split(_ image: [UInt8], indexPages: Int) throws -> (VectorMemory, VectorMemory) {
        let cut = indexPages * 65_536
        return (try VectorMemory(bytes: Array(image[..<cut])), try VectorMemory(bytes: Array(image[cut...])))
    }

    @Test("log_blob: golden read and byte-exact replay (index ++ data)", .golden)
    func goldenBlob() throws {
        let image = try Golden.image("log_blob")
        let manifest = try Golden.manifest("log_blob")
        let base = try #require(manifest["base_memory"] as? [String: Any])
        let indexPages = Int(try Support.unsigned(try #require(base["index_pages"])))
        let description = try Support.structures("log_blob")[0]
        let expected = try (try #require(description["items"] as? [Any])).map { try Support.blob($0) }
        let (index, data) = try Self.split(image, indexPages: indexPages)
        let log = try BlobLog(indexMemory: index, dataMemory: data)
        #expect(log.count == UInt64(expected.count))
        #expect(try log.entries() == expected)
        #expect(Array(log) == expected)
        #expect(Array(log.reversed()) == expected.reversed())
        #expect(try log.first == expected.first)
        #expect(try log.last == expected.last)
        #expect(log.indexBytesUsed == 40 + 8 * UInt64(expected.count))
        #expect(log.dataBytesUsed == 32 + UInt64(expected.reduce(0) { $0 + $1.count }))
        Support.expectSameBytes(index.bytes + data.bytes, image)

        let replayIndex = VectorMemory(), replayData = VectorMemory()
        var replay: BlobLog?
        for op in try Support.ops("log_blob") {
            switch op[0] as? String {
            case "create": replay = try BlobLog(indexMemory: replayIndex, dataMemory: replayData)
            case "append": _ = try #require(replay).append(try Support.blob(op[2]))
            default: Issue.record("unexpected op \(op)")
            }
        }
        Support.expectSameBytes(replayIndex.bytes + replayData.bytes, image)
    }

    @Test("model: appends, reads into a reused buffer, reloads")
    func model() throws {
        var random = SplitMix64(seed: Support.seed(0x106))
        var log = try BlobLog(indexMemory: VectorMemory(), dataMemory: VectorMemory())
        var model: [[UInt8]] = []
        var buffer: [UInt8] = []
        for step in 0..<(Support.longRuns ? 20_000 : 2_000) {
            let size = random.next() % 4 == 0 ? 0 : Int(random.next() % (random.next() % 50 == 0 ? 70_000 : 300))
            let entry = random.bytes(size)
            #expect(try log.append(entry) == UInt64(model.count))
            model.append(entry)
            if step % 101 == 0 {
                log = try BlobLog(indexMemory: try Support.copy(log.indexMemory), dataMemory: try Support.copy(log.dataMemory))
            }
            let probe = Int(random.next() % UInt64(model.count + 1))
            #expect(try log.get(UInt64(probe)) == (probe < model.count ? model[probe] : nil))
            let found = try log.read(UInt64(probe), into: &buffer)
            #expect(found == (probe < model.count))
            if found { #expect(buffer == model[probe]) }
        }
        #expect(log.count == UInt64(model.count))
        #expect(try log.entries() == model)
        #expect(log.dataBytesUsed == 32 + UInt64(model.reduce(0) { $0 + $1.count }))
        try log.clear()
        #expect(log.isEmpty)
        #expect(try log.first == nil && log.last == nil)
    }

    @Test("foreign or damaged headers are refused with no write")
    func refusals() throws {
        let index = VectorMemory(), data = VectorMemory()
        let log = try BlobLog(indexMemory: index, dataMemory: data)
        try log.append([1, 2, 3])
        let indexImage = index.bytes, dataImage = data.bytes

        // A data memory holding a Vec.
        let foreign = VectorMemory()
        _ = try StableVec<UInt64, VectorMemory>(memory: foreign)
        let foreignImage = foreign.bytes
        #expect(throws: StableError.badMagic(expected: "Log data", found: Array("SVC".utf8))) {
            try BlobLog(indexMemory: try Support.copy(index), dataMemory: foreign)
        }
        Support.expectSameBytes(foreign.bytes, foreignImage)
        // An index memory holding a Vec beside empty data: not overwritten.
        let empty = VectorMemory()
        #expect(throws: StableError.self) { try BlobLog(indexMemory: foreign, dataMemory: empty) }
        #expect(empty.size == 0)
        Support.expectSameBytes(foreign.bytes, foreignImage)
        // Valid data, index with a foreign magic or missing.
        #expect(throws: StableError.self) { try BlobLog(indexMemory: foreign, dataMemory: try Support.copy(data)) }
        #expect(throws: StableError.self) { try BlobLog(indexMemory: VectorMemory(), dataMemory: try Support.copy(data)) }
        // Versions.
        let badVersion = try Support.copy(data)
        try badVersion.store(UInt8(2), at: 3)
        #expect(throws: StableError.unsupportedVersion(structure: "Log data", version: 2)) {
            try BlobLog(indexMemory: try Support.copy(index), dataMemory: badVersion)
        }
        // A count beyond the index memory, an end offset beyond the data memory.
        let longIndex = try Support.copy(index)
        try longIndex.store(UInt64(1) << 40, at: 32)
        #expect(throws: StableError.self) { try BlobLog(indexMemory: longIndex, dataMemory: try Support.copy(data)) }
        let farIndex = try Support.copy(index)
        try farIndex.store(UInt64(1) << 50, at: 40)
        #expect(throws: StableError.self) { try BlobLog(indexMemory: farIndex, dataMemory: try Support.copy(data)) }
        Support.expectSameBytes(index.bytes, indexImage)
        Support.expectSameBytes(data.bytes, dataImage)
    }

    @Test("a non-monotonic index gives .corrupted on access, never a trap")
    func corruptIndex() throws {
        let index = VectorMemory(), data = VectorMemory()
        let log = try BlobLog(indexMemory: index, dataMemory: data)
        for size in [10, 20, 30] { try log.append([UInt8](repeating: 1, count: size)) }
        try index.store(UInt64(5), at: 48)  // entry 1 now ends (5) before it starts (10)
        let reloaded = try BlobLog(indexMemory: index, dataMemory: data)
        #expect(try reloaded.get(0)?.count == 10)
        do {
            _ = try reloaded.get(1)
            Issue.record("expected .corrupted")
        } catch {
            guard case .corrupted = error else { Issue.record("unexpected \(error)"); return }
        }
        var iterator = reloaded.makeIterator()
        #expect(iterator.next() != nil)
        #expect(iterator.next() == nil)
        #expect(iterator.error != nil)
    }

    @Test("flipped bytes in the golden image give typed errors or data, never a trap", .golden)
    func corruption() throws {
        let image = try Golden.image("log_blob")
        var random = SplitMix64(seed: Support.seed(0xBAD4))
        for _ in 0..<25 {
            var damaged = image
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let index = Int(random.next() % (random.next() % 2 == 0 ? 48 : 16_080))
                damaged[index] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            }
            let (index, data) = try Self.split(damaged, indexPages: 1)
            if let log = try? BlobLog(indexMemory: index, dataMemory: data) {
                _ = Array(log)
                var buffer: [UInt8] = []
                for probe in 0..<50 as Range<UInt64> { _ = try? log.read(probe, into: &buffer) }
                _ = try? log.append([1, 2, 3])
            } else {
                Support.expectSameBytes(index.bytes + data.bytes, damaged)
            }
        }
    }

    @Test("a failed grow throws .growFailed and leaves the count unchanged")
    func growFailure() throws {
        let base = VectorMemory()
        let index = try RestrictedMemory(base, pages: 0..<1), data = try RestrictedMemory(base, pages: 1..<2)
        let log = try Log<[UInt8], RestrictedMemory<VectorMemory>, RestrictedMemory<VectorMemory>>(indexMemory: index, dataMemory: data)
        #expect(try log.append([UInt8](repeating: 1, count: 60_000)) == 0)
        #expect(throws: StableError.self) { try log.append([UInt8](repeating: 2, count: 6_000)) }
        #expect(log.count == 1)
        #expect(try log.append([3]) == 1)
        let reloaded = try Log<[UInt8], RestrictedMemory<VectorMemory>, RestrictedMemory<VectorMemory>>(indexMemory: index, dataMemory: data)
        #expect(try reloaded.last == [3])
        #expect(reloaded.dataBytesUsed == 32 + 60_001)
    }
}
