extension BTreeMap {
    /// Returns the value for `key`, first inserting `defaultValue()` if the
    /// key is absent.
    ///
    /// Bytes written: none when the key is present (like ``get(_:)``);
    /// otherwise exactly those of ``insert(_:_:)`` with the default value.
    /// The lookup compares keys in place without copying nodes.
    ///
    /// - Complexity: O(log n) node visits.
    @inlinable
    public func getOrInsert(_ key: Key, default defaultValue: @autoclosure () -> Value) throws(StableError) -> Value {
        if let value = try get(key) { return value }
        let value = defaultValue()
        try insert(key, value)
        return value
    }

    /// Updates the value for `key` in place: `body` receives the current
    /// value (or `defaultValue()` when the key is absent) and the result is
    /// stored — in a single top-down descent (the crate's issue #420).
    ///
    /// The image afterwards is byte-identical to that of the equivalent
    /// `let v = get(key) ?? defaultValue(); body(&v); insert(key, v)`:
    /// the same splits of full nodes on the path, then one rewrite of the
    /// node that holds (or receives) the entry. `body` runs exactly once,
    /// before that rewrite; if the descent must split a node first, `body`
    /// runs before the split, with the value found by a read-only in-place
    /// lookup. A new value that violates its bound throws
    /// ``StableError/boundViolated(type:maxSize:fixedSize:actualSize:)``
    /// before anything is written.
    ///
    /// - Returns: what `body` returns.
    /// - Complexity: O(log n) node visits.
    @inlinable
    @discardableResult
    public func update<R>(
        _ key: Key, default defaultValue: @autoclosure () -> Value,
        _ body: (inout Value) throws(StableError) -> R
    ) throws(StableError) -> R {
        try key.checkBound()
        var encoded: [UInt8]?
        var outcome: R?
        func resolve(_ old: UnsafeRawBufferPointer?) throws(StableError) {
            var value = try old.map { (bytes) throws(StableError) -> Value in try Value.decode(from: bytes) } ?? defaultValue()
            outcome = try body(&value)
            try value.checkBound()
            encoded = value.encodedBytes
        }
        return try key.withEncodedBytes { (encodedKey) throws(StableError) -> R in
            try insertEncoded(
                key, encodedKey,
                beforeSplit: { () throws(StableError) in
                    guard encoded == nil else { return }
                    // Nothing is written yet: read the current value in place.
                    let old = try lookup(key) { (bytes) throws(StableError) -> [UInt8] in Array(bytes) }
                    if let old {
                        try old.btreeWithBytes { (bytes) throws(StableError) in try resolve(bytes) }
                    } else {
                        try resolve(nil)
                    }
                },
                newValue: { (old, store) throws(StableError) in
                    if encoded == nil { try resolve(old) }
                    guard let encoded else { preconditionFailure("value resolved above") }
                    try encoded.btreeWithBytes { (bytes) throws(StableError) in try store(bytes) }
                },
                result: { (_) throws(StableError) -> R in
                    guard let outcome else { preconditionFailure("value resolved above") }
                    return outcome
                })
        }
    }
}
