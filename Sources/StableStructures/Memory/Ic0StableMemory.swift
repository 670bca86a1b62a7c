#if arch(wasm32)

// `@_extern(c)` beside `@_extern(wasm, …)` gives the imports the C calling
// convention: without it Swift adds its context parameters, and the imports no
// longer have the system API's signatures (the IC would refuse the module).

@_extern(wasm, module: "ic0", name: "stable64_size")
@_extern(c)
@usableFromInline func ic0_stable64_size() -> UInt64

@_extern(wasm, module: "ic0", name: "stable64_grow")
@_extern(c)
@usableFromInline func ic0_stable64_grow(_ newPages: UInt64) -> Int64

@_extern(wasm, module: "ic0", name: "stable64_read")
@_extern(c)
@usableFromInline func ic0_stable64_read(_ destination: UInt64, _ offset: UInt64, _ size: UInt64)

@_extern(wasm, module: "ic0", name: "stable64_write")
@_extern(c)
@usableFromInline func ic0_stable64_write(_ offset: UInt64, _ source: UInt64, _ size: UInt64)

/// The canister's stable memory, through the Internet Computer's 64-bit
/// system API (`ic0.stable64_size`, `stable64_grow`, `stable64_read`,
/// `stable64_write`).
///
/// A zero-sized handle: every copy is the one stable memory. Accesses are
/// bounds-checked before the system call, so an out-of-bounds access throws
/// instead of trapping the canister.
public struct Ic0StableMemory: Memory {
    /// The canister's stable memory.
    public init() {}

    @inlinable
    public var size: UInt64 { ic0_stable64_size() }

    @inlinable
    public func grow(_ pages: UInt64) -> Int64 { ic0_stable64_grow(pages) }

    @inlinable
    public func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        try checkBounds(offset, buffer.count, limit: byteCount)
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        ic0_stable64_read(UInt64(UInt(bitPattern: base)), offset, UInt64(buffer.count))
    }

    @inlinable
    public func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        try checkBounds(offset, bytes.count, limit: byteCount)
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        ic0_stable64_write(offset, UInt64(UInt(bitPattern: base)), UInt64(bytes.count))
    }
}

#endif
