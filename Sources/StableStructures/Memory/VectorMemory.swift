#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An in-heap memory: a growable byte buffer shared by reference.
///
/// Copies of a `VectorMemory` refer to the same bytes, like the Rust crate's
/// `VectorMemory` (an `Rc<RefCell<Vec<u8>>>`). This is the default memory off
/// the Internet Computer and the fastest one: ``withBytes(at:count:_:)`` hands
/// out a pointer into the storage without copying.
///
/// - Complexity: `read` and `write` are O(n) in the bytes copied; `grow` is
///   amortised O(n) in the pages added (capacity doubles).
public struct VectorMemory: Memory {
    // Accesses never overlap (no method calls out while touching these), so the
    // runtime exclusivity checks, most of the cost of a small load, are skipped.
    @usableFromInline
    final class Storage {
        @exclusivity(unchecked) @usableFromInline var base: UnsafeMutableRawPointer?
        @exclusivity(unchecked) @usableFromInline var count: Int = 0
        @exclusivity(unchecked) @usableFromInline var capacity: Int = 0

        @usableFromInline init() {}

        deinit { releaseStorage(base) }
    }

    /// The largest size in pages, as in the Rust crate: `Int64.max / 64 KiB`.
    public static let maxPages: UInt64 = UInt64(Int64.max) / wasmPageSize

    @usableFromInline let storage: Storage

    /// Creates an empty memory (zero pages).
    public init() { storage = Storage() }

    /// Creates a memory holding a copy of `bytes`, whose count must be a whole
    /// number of pages.
    ///
    /// - Throws: ``StableError/invalidArgument(_:)`` if `bytes.count` is not a
    ///   multiple of 64 KiB.
    public init(bytes: [UInt8]) throws(StableError) {
        guard bytes.count % Int(wasmPageSize) == 0 else {
            throw .invalidArgument("an image of \(bytes.count) bytes is not a whole number of 64 KiB pages")
        }
        storage = Storage()
        if grow(UInt64(bytes.count) / wasmPageSize) == -1 { throw .growFailed(pages: UInt64(bytes.count) / wasmPageSize) }
        try write(0, bytes: bytes)
    }

    /// The memory's bytes, copied into an array.
    public var bytes: [UInt8] {
        guard let base = storage.base else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: base, count: storage.count))
    }

    @inlinable
    public var size: UInt64 { UInt64(storage.count) / wasmPageSize }

    public func grow(_ pages: UInt64) -> Int64 {
        let old = size
        let (new, overflow) = old.addingReportingOverflow(pages)
        if overflow || new > VectorMemory.maxPages { return -1 }
        if pages == 0 { return Int64(old) }
        let newCount = new * wasmPageSize
        guard newCount <= UInt64(Int.max) else { return -1 }
        let needed = Int(newCount)
        if needed > storage.capacity {
            let capacity = Swift.max(needed, storage.capacity &* 2)
            guard let fresh = reallocate(storage.base, oldCount: storage.count, newCapacity: capacity) else { return -1 }
            storage.base = fresh
            storage.capacity = capacity
        }
        storage.base!.advanced(by: storage.count).initializeMemory(as: UInt8.self, repeating: 0, count: needed - storage.count)
        storage.count = needed
        return Int64(old)
    }

    @inlinable
    public func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        try checkBounds(offset, buffer.count, limit: UInt64(storage.count))
        guard buffer.count > 0, let base = storage.base else { return }
        buffer.baseAddress!.copyMemory(from: base + Int(offset), byteCount: buffer.count)
    }

    @inlinable
    public func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        try checkBounds(offset, bytes.count, limit: UInt64(storage.count))
        guard bytes.count > 0, let base = storage.base else { return }
        (base + Int(offset)).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
    }

    @inlinable
    public func withBytes<Result>(
        at offset: UInt64, count: Int,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> Result
    ) throws(StableError) -> Result {
        try checkBounds(offset, count, limit: UInt64(storage.count))
        guard let base = storage.base else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(start: base + Int(offset), count: count))
    }

    @inlinable
    public func load<T: FixedWidthInteger>(_: T.Type, at offset: UInt64) throws(StableError) -> T {
        try checkBounds(offset, MemoryLayout<T>.size, limit: UInt64(storage.count))
        return T(littleEndian: storage.base!.loadUnaligned(fromByteOffset: Int(offset), as: T.self))
    }

    @inlinable
    public func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        try checkBounds(offset, MemoryLayout<T>.size, limit: UInt64(storage.count))
        storage.base!.storeBytes(of: value.littleEndian, toByteOffset: Int(offset), as: T.self)
    }
}

#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
/// Grows a block with `realloc`, which extends large blocks in place (or by
/// remapping pages) instead of copying them; `nil` when out of memory.
func reallocate(_ base: UnsafeMutableRawPointer?, oldCount: Int, newCapacity: Int) -> UnsafeMutableRawPointer? {
    realloc(base, newCapacity)
}

/// Frees a block from ``reallocate(_:oldCount:newCapacity:)``.
@usableFromInline
func releaseStorage(_ base: UnsafeMutableRawPointer?) {
    free(base)
}
#else
/// Grows a block by allocating a new one and copying (no C library here).
func reallocate(_ base: UnsafeMutableRawPointer?, oldCount: Int, newCapacity: Int) -> UnsafeMutableRawPointer? {
    let fresh = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
    if let base {
        fresh.copyMemory(from: base, byteCount: oldCount)
        base.deallocate()
    }
    return fresh
}

/// Frees a block from ``reallocate(_:oldCount:newCapacity:)``.
@usableFromInline
func releaseStorage(_ base: UnsafeMutableRawPointer?) {
    base?.deallocate()
}
#endif
