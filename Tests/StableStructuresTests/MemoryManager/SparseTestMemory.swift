import StableStructures

/// A memory for tests that can be huge cheaply: pages are materialised only
/// when written (unwritten pages read as zeros), and growth can be capped.
struct SparseTestMemory: Memory {
    final class Storage {
        var pages: [UInt64: [UInt8]] = [:]
        var size: UInt64 = 0
        var maxPages: UInt64
        var growCalls = 0
        init(maxPages: UInt64) { self.maxPages = maxPages }
    }

    let storage: Storage

    init(maxPages: UInt64 = .max) { storage = Storage(maxPages: maxPages) }

    var size: UInt64 { storage.size }

    func grow(_ pages: UInt64) -> Int64 {
        storage.growCalls += 1
        let old = storage.size
        let (new, overflow) = old.addingReportingOverflow(pages)
        if overflow || new > storage.maxPages { return -1 }
        storage.size = new
        return Int64(old)
    }

    func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        try check(offset, buffer.count)
        for index in 0 ..< buffer.count {
            let address = offset + UInt64(index)
            buffer[index] = storage.pages[address / wasmPageSize]?[Int(address % wasmPageSize)] ?? 0
        }
    }

    func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        try check(offset, bytes.count)
        for index in 0 ..< bytes.count {
            let address = offset + UInt64(index)
            let page = address / wasmPageSize
            if storage.pages[page] == nil { storage.pages[page] = [UInt8](repeating: 0, count: Int(wasmPageSize)) }
            storage.pages[page]![Int(address % wasmPageSize)] = bytes[index]
        }
    }

    private func check(_ offset: UInt64, _ count: Int) throws(StableError) {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(count))
        if overflow || end > storage.size * wasmPageSize {
            throw .outOfBounds(offset: offset, count: UInt64(count), memorySize: storage.size * wasmPageSize)
        }
    }
}

/// A `VectorMemory` whose growth is capped at `maxPages`.
struct GrowthLimitedMemory: Memory {
    let inner = VectorMemory()
    let maxPages: UInt64

    var size: UInt64 { inner.size }

    func grow(_ pages: UInt64) -> Int64 {
        let (new, overflow) = inner.size.addingReportingOverflow(pages)
        if overflow || new > maxPages { return -1 }
        return inner.grow(pages)
    }

    func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        try inner.read(offset, into: buffer)
    }

    func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        try inner.write(offset, bytes)
    }
}
