extension BTreeMap {
    /// The bytes stored as `key`'s value, undecoded; `nil` when the map does
    /// not hold `key`. Writes nothing.
    ///
    /// For callers that explain a value that does not decode as `Value`
    /// (a declared type that does not fit what a program stored).
    ///
    /// - Complexity: O(log n) node visits plus copying the value.
    public func storedValueBytes(_ key: Key) throws(StableError) -> [UInt8]? {
        try lookup(key) { (bytes) throws(StableError) -> [UInt8] in Array(bytes) }
    }
}
