/// A memory's bytes without their types: what tools that inspect images of
/// unknown structures (discovery, extracting and patching a virtual memory)
/// read and write. The structures' own loaders are the typed way in.
///
/// ```swift
/// let bytes = try RawContents.bytes(of: manager.memory(MemoryId(5)))
/// let sample = try RawContents.logEntries(index: indexMemory, data: dataMemory, limit: 100)
/// ```
public enum RawContents {
    /// Every byte of `memory` (its size in pages × 64 KiB).
    public static func bytes<M: Memory>(of memory: M) throws(StableError) -> [UInt8] {
        try memory.readBytes(0, count: Int(memory.size * wasmPageSize))
    }

    /// Whether page `page` (64 KiB) holds the same bytes in `memory` and in
    /// `other`; both must have that page.
    ///
    /// - Complexity: O(64 KiB), two reads into reused stack buffers.
    public static func samePage<A: Memory, B: Memory>(_ page: UInt64, of memory: A, and other: B) throws(StableError) -> Bool {
        let count = Int(wasmPageSize)
        let offset = page * wasmPageSize
        return try withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) { (mine) throws(StableError) -> Bool in
            try memory.read(offset, into: mine)
            return try withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) { (theirs) throws(StableError) -> Bool in
                try other.read(offset, into: theirs)
                return mine.elementsEqual(theirs)
            }
        }
    }

    /// The first `count` bytes of `memory` (fewer when it is smaller).
    public static func prefix<M: Memory>(of memory: M, count: Int) -> [UInt8] {
        let available = Int(min(UInt64(count), memory.size * wasmPageSize))
        return (try? memory.readBytes(0, count: available)) ?? []
    }

    /// Replaces `memory`'s contents with `bytes`: grows it to hold them and
    /// zeroes every byte past their end.
    ///
    /// - Returns: the size in pages before and after.
    /// - Throws: ``StableError/growFailed(pages:)`` when the memory cannot grow,
    ///   and what its writes throw (the caller rolls back).
    public static func replace<M: Memory>(_ memory: M, with bytes: [UInt8]) throws(StableError) -> (before: UInt64, after: UInt64) {
        let before = memory.size
        let needed = (UInt64(bytes.count) + wasmPageSize - 1) / wasmPageSize
        if needed > before && memory.grow(needed - before) < 0 { throw .growFailed(pages: needed - before) }
        try memory.write(0, bytes: bytes)
        let total = memory.size * wasmPageSize
        let zeros = [UInt8](repeating: 0, count: Int(wasmPageSize))
        var offset = UInt64(bytes.count)
        while offset < total {
            let length = Int(min(wasmPageSize, total - offset))
            try memory.write(offset, bytes: length == zeros.count ? zeros : Array(zeros[0..<length]))
            offset += UInt64(length)
        }
        return (before, memory.size)
    }

    /// The encoded value of the ``Cell`` in `memory`.
    public static func cellValue<M: Memory>(_ memory: M) throws(StableError) -> [UInt8] {
        let length = try memory.load(UInt32.self, at: 4)
        return try memory.readBytes(8, count: Int(length))
    }

    /// The header of the ``StableVec`` or ``MinHeap`` in `memory`.
    public struct ArrayHeader: Equatable, Sendable {
        /// The number of elements.
        public var count: UInt64
        /// The element type's maximum encoded size.
        public var maxSize: Int
        /// Whether every element has exactly ``maxSize`` bytes.
        public var isFixedSize: Bool
    }

    /// Reads a vec's or heap's header.
    public static func arrayHeader<M: Memory>(_ memory: M) throws(StableError) -> ArrayHeader {
        let count = try memory.load(UInt64.self, at: 4)
        let maxSize = try memory.load(UInt32.self, at: 12)
        let flag = try memory.readBytes(16, count: 1)[0]
        return ArrayHeader(count: count, maxSize: Int(maxSize), isFixedSize: flag != 0)
    }

    /// The encodings of the first `limit` elements of a vec or heap.
    public static func arrayElements<M: Memory>(_ memory: M, limit: Int) throws(StableError) -> [[UInt8]] {
        let header = try arrayHeader(memory)
        let width = header.isFixedSize ? 0 : (header.maxSize <= 0xFF ? 1 : header.maxSize <= 0xFFFF ? 2 : 4)
        let slot = UInt64(header.maxSize + width)
        var elements: [[UInt8]] = []
        for index in 0..<min(header.count, UInt64(max(0, limit))) {
            let offset = 64 + index * slot
            var length = header.maxSize
            if !header.isFixedSize {
                length = 0
                for (shift, byte) in try memory.readBytes(offset, count: width).enumerated() { length |= Int(byte) << (8 * shift) }
            }
            guard length <= header.maxSize else {
                throw .corrupted(structure: "Vec", reason: "element \(index) is longer than its slot")
            }
            elements.append(try memory.readBytes(offset + UInt64(width), count: length))
        }
        return elements
    }

    /// The encoding of element `index` of a vec or heap; `nil` past its end.
    public static func arrayElement<M: Memory>(_ memory: M, at index: UInt64) throws(StableError) -> [UInt8]? {
        let header = try arrayHeader(memory)
        guard index < header.count else { return nil }
        let width = header.isFixedSize ? 0 : (header.maxSize <= 0xFF ? 1 : header.maxSize <= 0xFFFF ? 2 : 4)
        let (product, overflow) = index.multipliedReportingOverflow(by: UInt64(header.maxSize + width))
        guard !overflow, product <= UInt64.max - 64 - UInt64(width) else {
            throw .corrupted(structure: "Vec", reason: "element \(index) lies past the end of the address space")
        }
        let offset = 64 + product
        var length = header.maxSize
        if !header.isFixedSize {
            length = 0
            for (shift, byte) in try memory.readBytes(offset, count: width).enumerated() { length |= Int(byte) << (8 * shift) }
        }
        guard length <= header.maxSize else {
            throw .corrupted(structure: "Vec", reason: "element \(index) is longer than its slot")
        }
        return try memory.readBytes(offset + UInt64(width), count: length)
    }

    /// The number of entries of the ``Log`` whose index is in `index`.
    public static func logCount<M: Memory>(index: M) throws(StableError) -> UInt64 {
        try index.load(UInt64.self, at: 32)
    }

    /// The first `limit` entries of a log (index and data memories).
    public static func logEntries<I: Memory, D: Memory>(index: I, data: D, limit: Int) throws(StableError) -> [[UInt8]] {
        let count = try logCount(index: index)
        var entries: [[UInt8]] = []
        var start: UInt64 = 0
        for entry in 0..<min(count, UInt64(max(0, limit))) {
            let end = try index.load(UInt64.self, at: 40 + 8 * entry)
            guard end >= start, end - start <= 1 << 26 else {
                throw .corrupted(structure: "Log", reason: "entry \(entry) has impossible offsets")
            }
            entries.append(try data.readBytes(32 + start, count: Int(end - start)))
            start = end
        }
        return entries
    }
}
