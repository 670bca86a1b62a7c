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
