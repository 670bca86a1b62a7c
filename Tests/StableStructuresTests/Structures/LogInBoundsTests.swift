import StableStructures
import StableTestSupport
import Testing

/// A memory that records its accesses: checked ones (`read`, `write`) and
/// those its caller declared in bounds (`readInBounds`, `writeInBounds`).
/// An in-bounds access outside the memory is a broken promise: it is counted
/// in `violations` (and then throws, as the checked access would).
final class InBoundsRecordingMemory: Memory {
    let inner = VectorMemory()
    /// The most pages the memory grows to.
    let maxPages: UInt64
    var checkedReads = 0, checkedWrites = 0, inBoundsReads = 0, inBoundsWrites = 0, violations = 0

    init(maxPages: UInt64 = VectorMemory.maxPages) { self.maxPages = maxPages }

    var size: UInt64 { inner.size }

    func grow(_ pages: UInt64) -> Int64 {
        let (new, overflow) = inner.size.addingReportingOverflow(pages)
        if overflow || new > maxPages { return -1 }
        return inner.grow(pages)
    }

    func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        checkedReads += 1
        try inner.read(offset, into: buffer)
    }

    func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        checkedWrites += 1
        try inner.write(offset, bytes)
    }

    func readInBounds(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        inBoundsReads += 1
        check(offset, buffer.count)
        try inner.read(offset, into: buffer)
    }

    func writeInBounds(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        inBoundsWrites += 1
        check(offset, bytes.count)
        try inner.write(offset, bytes)
    }

    private func check(_ offset: UInt64, _ count: Int) {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(count))
        if overflow || end > inner.byteCount { violations += 1 }
    }
}

/// `Log` through `Memory.readInBounds` / `writeInBounds`: the accesses it has
/// proven inside its memories skip the memories' checks (on the canister, a
/// window of the stable memory). These tests check that it only declares
/// accesses that are really inside, on plain memories and on small windows,
/// that it writes the same images as the in-place path, and that what a
/// caller or a corrupt image can cause is still a typed error.
@Suite("Log in-bounds accesses")
struct LogInBoundsTests {
    typealias Support = StructureTestSupport
    typealias BlobLog = Log<[UInt8], VectorMemory, VectorMemory>
    typealias Window = RestrictedMemory<InBoundsRecordingMemory>
    typealias WindowLog = Log<[UInt8], Window, Window>
    typealias RecordedLog = Log<[UInt8], InBoundsRecordingMemory, InBoundsRecordingMemory>

    /// Index pages 0 ..< `indexPages`, data pages `indexPages` ..< `indexPages + dataPages`
    /// of one recording memory (the benchmark's layout, smaller).
    static func windows(indexPages: UInt64 = 2, dataPages: UInt64 = 40) throws -> (InBoundsRecordingMemory, Window, Window) {
        let base = InBoundsRecordingMemory()
        return (base, try RestrictedMemory(base, pages: 0..<indexPages),
                try RestrictedMemory(base, pages: indexPages..<(indexPages + dataPages)))
    }

    /// Entries of mixed sizes: empty, 100 bytes (the benchmark's), up to 5 KB, a few over a page.
    static func entry(_ random: inout SplitMix64, step: Int) -> [UInt8] {
        let size: Int
        switch random.next() % 8 {
        case 0: size = 0
        case 1: size = 65_536 + Int(random.next() % 10_000)
        case 2, 3: size = 100
        default: size = Int(random.next() % 5_000)
        }
        return random.bytes(size) + (size > 0 ? [UInt8(truncatingIfNeeded: step)] : [])
    }

    /// The index and data bytes of a window log, as two plain images.
    static func images(_ log: WindowLog) -> ([UInt8], [UInt8]) {
        let bytes = log.indexMemory.underlying.inner.bytes
        let indexEnd = Int(log.indexMemory.pages.upperBound * wasmPageSize)
        let dataStart = Int(log.dataMemory.pages.lowerBound * wasmPageSize)
        return (Array(bytes[..<Swift.min(indexEnd, bytes.count)]), Array(bytes[Swift.min(dataStart, bytes.count)...]))
    }

    @Test("a model of appends and gets on a window log and a plain one: same entries, same images as the in-place path, nothing declared in bounds that is not")
    func model() throws {
        var random = SplitMix64(seed: Support.seed(0x1B0D))
        let (base, index, data) = try Self.windows(dataPages: Support.longRuns ? 1_000 : 200)
        var windowLog = try WindowLog(indexMemory: index, dataMemory: data)
        var recordedLog = try RecordedLog(indexMemory: InBoundsRecordingMemory(), dataMemory: InBoundsRecordingMemory())
        let reference = try BlobLog(indexMemory: VectorMemory(), dataMemory: VectorMemory())
        var model: [[UInt8]] = []
        for step in 0..<(Support.longRuns ? 3_000 : 400) {
            let entry = Self.entry(&random, step: step)
            #expect(try windowLog.append(entry) == UInt64(model.count))
            #expect(try recordedLog.append(entry) == UInt64(model.count))
            #expect(try reference.append(entry) == UInt64(model.count))
            model.append(entry)
            let probe = UInt64(random.next() % UInt64(model.count + 1))
            let expected = probe < model.count ? model[Int(probe)] : nil
            #expect(try windowLog.get(probe) == expected)
            #expect(try recordedLog.get(probe) == expected)
            if step % 97 == 0 {
                windowLog = try WindowLog(indexMemory: index, dataMemory: data)
                recordedLog = try RecordedLog(indexMemory: recordedLog.indexMemory, dataMemory: recordedLog.dataMemory)
            }
        }
        for (position, entry) in model.enumerated() {
            #expect(try windowLog.get(UInt64(position)) == entry)
            #expect(try recordedLog.get(UInt64(position)) == entry)
        }
        #expect(try windowLog.entries() == model)
        // Byte-identical with the in-place path (which the golden images pin to the crate's).
        // (The index window is whole from the start: the data window's first
        // page makes the underlying memory cover it.)
        let (indexImage, dataImage) = Self.images(windowLog)
        let referenceIndex = reference.indexMemory.bytes
        Support.expectSameBytes(Array(indexImage.prefix(referenceIndex.count)), referenceIndex)
        #expect(indexImage.dropFirst(referenceIndex.count).allSatisfy { $0 == 0 })
        Support.expectSameBytes(dataImage, reference.dataMemory.bytes)
        Support.expectSameBytes(recordedLog.indexMemory.inner.bytes, reference.indexMemory.bytes)
        Support.expectSameBytes(recordedLog.dataMemory.inner.bytes, reference.dataMemory.bytes)
        // The window passes the log's in-bounds accesses on as in-bounds ones,
        // and the log declares every append's writes and every get's reads.
        for memory in [base, recordedLog.indexMemory, recordedLog.dataMemory] { #expect(memory.violations == 0) }
        #expect(base.inBoundsWrites == 3 * model.count)
        #expect(base.inBoundsReads >= model.count)
        #expect(recordedLog.indexMemory.inBoundsWrites == 2 * model.count)
        #expect(recordedLog.dataMemory.inBoundsWrites == model.count)
        #expect(recordedLog.indexMemory.checkedReads + recordedLog.dataMemory.checkedReads < 20 * 8)  // headers on reload only
    }

    @Test("an index end offset past the data memory, or before its start: .corrupted, with no access declared in bounds outside")
    func corruptIndex() throws {
        for damage in [UInt64(5), 40 * 65_536, 1 << 40, .max] {
            let (base, index, data) = try Self.windows(dataPages: 2)
            let log = try WindowLog(indexMemory: index, dataMemory: data)
            for size in [10, 20, 30] { try log.append([UInt8](repeating: 7, count: size)) }
            try index.store(damage, at: 48)  // entry 1's end offset
            let reloaded: WindowLog
            do {
                reloaded = try WindowLog(indexMemory: index, dataMemory: data)
            } catch {
                Issue.record("entry 1 is not the last: the log loads (\(error))")
                continue
            }
            for probe in [1, 2] as [UInt64] {
                if probe == 2 && damage == 5 { continue }  // 5 ..< 60 is a valid range
                do {
                    _ = try reloaded.get(probe)
                    Issue.record("entry \(probe) with end offset \(damage): expected .corrupted")
                } catch {
                    guard case .corrupted = error else { Issue.record("unexpected \(error)"); continue }
                }
            }
            #expect(try reloaded.get(0) == [UInt8](repeating: 7, count: 10))
            #expect(base.violations == 0)
        }
        // The last entry's end past the data memory: refused on load.
        let (_, index, data) = try Self.windows(dataPages: 2)
        let log = try WindowLog(indexMemory: index, dataMemory: data)
        try log.append([1, 2, 3])
        try index.store(UInt64(2 * 65_536), at: 40)
        #expect(throws: StableError.self) { try WindowLog(indexMemory: index, dataMemory: data) }
    }

    @Test("a data window too small to grow: .growFailed, nothing written, the count unchanged")
    func dataWindowFull() throws {
        let (base, index, data) = try Self.windows(dataPages: 2)
        let log = try WindowLog(indexMemory: index, dataMemory: data)
        #expect(try log.append([UInt8](repeating: 1, count: 100_000)) == 0)
        let before = base.inner.bytes
        #expect(throws: StableError.growFailed(pages: 1)) { try log.append([UInt8](repeating: 2, count: 40_000)) }
        #expect(log.count == 1)
        Support.expectSameBytes(base.inner.bytes, before)
        #expect(try log.append([UInt8](repeating: 3, count: 31_000)) == 1)  // still fits
        #expect(throws: StableError.growFailed(pages: 1)) { try log.append([UInt8](repeating: 4, count: 41)) }
        let reloaded = try WindowLog(indexMemory: index, dataMemory: data)
        #expect(try reloaded.entries() == [[UInt8](repeating: 1, count: 100_000), [UInt8](repeating: 3, count: 31_000)])
        #expect(base.violations == 0)
    }

    @Test("an index window too small to grow: .growFailed after the data is written (the crate's order), the count unchanged")
    func indexWindowFull() throws {
        let (base, index, data) = try Self.windows(indexPages: 1, dataPages: 4)
        let log = try WindowLog(indexMemory: index, dataMemory: data)
        let capacity = (65_536 - 40) / 8  // end offsets in one index page
        for step in 0..<capacity { #expect(try log.append([UInt8(truncatingIfNeeded: step)]) == UInt64(step)) }
        #expect(throws: StableError.growFailed(pages: 1)) { try log.append([0xAA, 0xBB]) }
        #expect(log.count == UInt64(capacity))
        // The crate writes the data before it grows the index: the bytes are there, past the log's end.
        #expect(try data.load(UInt16.self, at: 32 + UInt64(capacity)) == 0xBBAA)
        let reloaded = try WindowLog(indexMemory: index, dataMemory: data)
        #expect(reloaded.count == UInt64(capacity))
        #expect(try reloaded.last == [UInt8(truncatingIfNeeded: capacity - 1)])
        #expect(throws: StableError.growFailed(pages: 1)) { try reloaded.append([1]) }
        #expect(base.violations == 0)
    }

    @Test("memories other code grows: the log's known sizes stay below the real ones, appends neither fail nor over-grow")
    func grownElsewhere() throws {
        let base = InBoundsRecordingMemory()
        let index = try RestrictedMemory(base, pages: 0..<1)
        let data = try RestrictedMemory(base, pages: 1..<RestrictedMemory<InBoundsRecordingMemory>.maxPageEnd)
        let log = try WindowLog(indexMemory: index, dataMemory: data)
        let reference = try BlobLog(indexMemory: VectorMemory(), dataMemory: VectorMemory())
        var random = SplitMix64(seed: Support.seed(0x6E0))
        for step in 0..<300 {
            if step % 50 == 25 {
                // Someone else grows the stable memory (and so the data window) by a page.
                #expect(base.grow(1) != -1)
                #expect(reference.dataMemory.grow(1) != -1)
            }
            let entry = random.bytes(Int(random.next() % 3_000))
            #expect(try log.append(entry) == UInt64(step))
            #expect(try reference.append(entry) == UInt64(step))
            #expect(try log.get(UInt64(step)) == entry)
        }
        #expect(data.size == reference.dataMemory.size)
        Support.expectSameBytes(Self.images(log).1, reference.dataMemory.bytes)
        #expect(base.violations == 0)
    }
}
