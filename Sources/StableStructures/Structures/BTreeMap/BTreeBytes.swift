/// Typed-throws access to a byte array's storage (the standard library's
/// `withUnsafeBytes` on arrays rethrows untyped errors; reading goes through
/// the array's span, which has typed throws and retains nothing).
extension Array where Element == UInt8 {
    @inlinable
    func btreeWithBytes<R>(_ body: (UnsafeRawBufferPointer) throws(StableError) -> R) throws(StableError) -> R {
        try span.withUnsafeBytes(body)
    }

    @inlinable
    mutating func btreeWithMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws(StableError) -> R) throws(StableError) -> R {
        var failure: StableError?
        let result: R? = withUnsafeMutableBytes { raw -> R? in
            do throws(StableError) { return try body(raw) } catch {
                failure = error
                return nil
            }
        }
        if let failure { throw failure }
        guard let result else { preconditionFailure("unreachable") }
        return result
    }
}

/// Copies `count` bytes of a key or value: the common small fixed sizes as
/// whole words (on wasm32 a bulk copy costs 100 instructions plus one per
/// byte; natively it is a `memcpy` call), anything else as one bulk copy.
@inlinable @inline(__always)
func copyEntryBytes(_ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int) {
    switch count {
    case 8:
        destination.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
    case 4:
        destination.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
    case 16:
        destination.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
        destination.storeBytes(of: source.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
    default:
        destination.copyMemory(from: source, byteCount: count)
    }
}
