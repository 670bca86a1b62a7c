extension VectorMemory {
    /// Calls `body` with a mutable view of `count` bytes at `offset` inside
    /// the memory's own storage (no copy). The view is valid only during
    /// `body`, which must not grow the memory.
    ///
    /// - Throws: ``StableError/outOfBounds(offset:count:memorySize:)``.
    @inlinable
    func withUnsafeMutableBytes(
        at offset: UInt64, count: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void
    ) throws(StableError) {
        try checkBounds(offset, count, limit: UInt64(storage.count))
        guard count > 0, let base = storage.base else { return }
        body(UnsafeMutableRawBufferPointer(start: base + Int(offset), count: count))
    }
}

extension Memory {
    /// Writes the encoding of `value` (`count` bytes, its `encodedSize`) at
    /// `offset`, first growing the memory by the fewest pages that cover it
    /// (the crate's auto-growing write, StableStructures.docc/ByteLayout.md, "Conventions").
    ///
    /// A `VectorMemory` receives the encoding in place, with no intermediate
    /// copy; other memories get a byte array from its own buffer, anything
    /// else through `scratch`. The `as?` test is on a
    /// concrete type, so specialised code resolves it at compile time.
    ///
    /// With `grow: false` the caller knows the bytes lie inside the memory
    /// (an existing slot), and the capacity check is skipped; the write is
    /// still bounds-checked.
    @inlinable
    func writeEncodingGrowing<Value: Storable>(
        _ value: Value, count: Int, at offset: UInt64, scratch: inout EncodingScratch, grow: Bool = true
    ) throws(StableError) {
        if grow { try ensureCapacity(end: offset, count: count) }
        if let vector = self as? VectorMemory {
            try vector.withUnsafeMutableBytes(at: offset, count: count) { value.encode(into: $0) }
            return
        }
        if Value.self == [UInt8].self {
            // A byte array is its own encoding: written from its buffer, not copied first.
            try write(offset, bytes: unsafeBitCast(value, to: [UInt8].self))
            return
        }
        if let buffer = scratch.buffer(count: count) {
            value.encode(into: buffer)
            try write(offset, UnsafeRawBufferPointer(buffer))
        } else {
            try value.withEncodedBytes { (bytes) throws(StableError) in try write(offset, bytes) }
        }
    }
}
