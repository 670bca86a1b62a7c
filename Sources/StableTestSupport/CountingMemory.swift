import StableStructures

/// A memory that passes every access through to `base` and counts the bytes
/// read and written, to measure how much of an image an operation touches
/// (opening a large map, looking up one key) independently of caches.
///
/// Copies share the base and the counters (reference semantics, like every
/// memory).
public struct CountingMemory<Base: Memory>: Memory {
    /// The counters, shared by copies.
    public final class Counters {
        /// Bytes read through `read`, `withBytes` and `load`.
        public var bytesRead: UInt64 = 0
        /// Read calls of any kind.
        public var reads: UInt64 = 0
        /// Bytes written through `write` and `store`.
        public var bytesWritten: UInt64 = 0

        init() {}
    }

    /// The memory every access goes to.
    public let base: Base
    /// The counts so far.
    public let counters = Counters()

    /// Wraps `base`, with zero counts.
    public init(_ base: Base) { self.base = base }

    /// Sets every count back to zero.
    public func reset() {
        counters.bytesRead = 0
        counters.reads = 0
        counters.bytesWritten = 0
    }

    public var size: UInt64 { base.size }

    public func grow(_ pages: UInt64) -> Int64 { base.grow(pages) }

    public func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        counters.bytesRead &+= UInt64(buffer.count)
        counters.reads &+= 1
        try base.read(offset, into: buffer)
    }

    public func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        counters.bytesWritten &+= UInt64(bytes.count)
        try base.write(offset, bytes)
    }

    public func withBytes<Result>(
        at offset: UInt64, count: Int,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> Result
    ) throws(StableError) -> Result {
        counters.bytesRead &+= UInt64(max(0, count))
        counters.reads &+= 1
        return try base.withBytes(at: offset, count: count, body)
    }

    public func load<T: FixedWidthInteger>(_ type: T.Type, at offset: UInt64) throws(StableError) -> T {
        counters.bytesRead &+= UInt64(MemoryLayout<T>.size)
        counters.reads &+= 1
        return try base.load(type, at: offset)
    }

    public func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        counters.bytesWritten &+= UInt64(MemoryLayout<T>.size)
        try base.store(value, at: offset)
    }
}
