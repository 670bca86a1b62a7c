#if arch(wasm32)

// `@_extern(c)` beside `@_extern(wasm, …)` gives the imports the C calling
// convention: without it Swift adds its context parameters, and the imports no
// longer have the system API's signatures (the IC would refuse the module).
//
// `@_effects(releasenone)` on the read and write says what is true of a
// system call: it releases no Swift object. Without it the optimizer must
// assume it might, and keeps a retain and a release of a value borrowed across
// the call (a log entry across its writes: more wasm than the rest of an append).

@_extern(wasm, module: "ic0", name: "stable64_size")
@_extern(c)
@usableFromInline func ic0_stable64_size() -> UInt64

@_extern(wasm, module: "ic0", name: "stable64_grow")
@_extern(c)
@usableFromInline func ic0_stable64_grow(_ newPages: UInt64) -> Int64

@_extern(wasm, module: "ic0", name: "stable64_read")
@_extern(c)
@_effects(releasenone)
@usableFromInline func ic0_stable64_read(_ destination: UInt64, _ offset: UInt64, _ size: UInt64)

@_extern(wasm, module: "ic0", name: "stable64_write")
@_extern(c)
@_effects(releasenone)
@usableFromInline func ic0_stable64_write(_ offset: UInt64, _ source: UInt64, _ size: UInt64)

/// The stable memory's size in bytes as this module last saw it, or
/// `UInt64.max` before the first look. Stable memory never shrinks, so a
/// value here is never above the real size: an access inside it needs no
/// system call, and only an access past it asks the system again.
/// (A canister is single-threaded; the heap, and so this value, starts
/// afresh after an upgrade.)
@usableFromInline nonisolated(unsafe) var ic0KnownByteCount: UInt64 = .max

/// The canister's stable memory, through the Internet Computer's 64-bit
/// system API (`ic0.stable64_size`, `stable64_grow`, `stable64_read`,
/// `stable64_write`).
///
/// A zero-sized handle: every copy is the one stable memory. Accesses are
/// bounds-checked before the system call, so an out-of-bounds access throws
/// instead of trapping the canister.
///
/// The size is asked of the system once and then kept up to date by
/// ``grow(_:)``, because each `stable64_size` call costs as much as a small
/// read. Other code that grows the stable memory directly is noticed at the
/// next ``grow(_:)``, and by any access beyond the size known so far.
public struct Ic0StableMemory: Memory {
    /// The canister's stable memory.
    public init() {}

    @inlinable
    public var size: UInt64 {
        if ic0KnownByteCount == .max { return Ic0StableMemory.refreshByteCount() / wasmPageSize }
        return ic0KnownByteCount / wasmPageSize
    }

    @inlinable
    public func grow(_ pages: UInt64) -> Int64 {
        let previous = ic0_stable64_grow(pages)
        if previous >= 0 { ic0KnownByteCount = (UInt64(previous) &+ pages) &* wasmPageSize }
        return previous
    }

    // A buffer's count is never negative: the bit-pattern conversions below
    // skip the checked `Int` to `UInt64` conversion (a call on wasm32).

    @inlinable @inline(__always)
    public func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        let count = UInt64(UInt(bitPattern: buffer.count))
        try Ic0StableMemory.checkAccess(offset, count)
        if count == 0 { return }
        ic0_stable64_read(UInt64(UInt(bitPattern: buffer.baseAddress)), offset, count)
    }

    @inlinable @inline(__always)
    public func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        let count = UInt64(UInt(bitPattern: bytes.count))
        try Ic0StableMemory.checkAccess(offset, count)
        if count == 0 { return }
        ic0_stable64_write(offset, UInt64(UInt(bitPattern: bytes.baseAddress)), count)
    }

    // Integer loads and stores are the protocol's defaults, forced inline: a
    // call per header field or index slot costs more than the access itself.

    @inlinable @inline(__always)
    public func load<T: FixedWidthInteger>(_: T.Type, at offset: UInt64) throws(StableError) -> T {
        var value = T.zero
        try withUnsafeMutableBytes(of: &value) { (buffer) throws(StableError) in
            try read(offset, into: buffer)
        }
        return T(littleEndian: value)
    }

    @inlinable @inline(__always)
    public func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        var encoded = value.littleEndian
        try withUnsafeBytes(of: &encoded) { (buffer) throws(StableError) in
            try write(offset, buffer)
        }
    }

    /// Checks `count` bytes at `offset` against the known size (`.max`, before
    /// the first look, fails the fast test), asking the system when they
    /// reach past it.
    @inlinable @inline(__always)
    static func checkAccess(_ offset: UInt64, _ count: UInt64) throws(StableError) {
        let (end, overflow) = offset.addingReportingOverflow(count)
        let known = ic0KnownByteCount
        if _slowPath(overflow || end > known || known == .max) { try checkAccessSlowly(offset, count) }
    }

    /// ``checkAccess(_:_:)`` past the known size: asks the system (kept out of line).
    @usableFromInline @inline(never)
    static func checkAccessSlowly(_ offset: UInt64, _ count: UInt64) throws(StableError) {
        let (end, overflow) = offset.addingReportingOverflow(count)
        let limit = refreshByteCount()
        if overflow || end > limit { throw .outOfBounds(offset: offset, count: count, memorySize: limit) }
    }

    /// Asks the system for the size and remembers it (kept out of line).
    @usableFromInline @inline(never)
    static func refreshByteCount() -> UInt64 {
        ic0KnownByteCount = ic0_stable64_size() &* wasmPageSize
        return ic0KnownByteCount
    }
}

#endif
