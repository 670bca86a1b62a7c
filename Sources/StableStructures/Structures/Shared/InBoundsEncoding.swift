extension Memory {
    /// Writes the encoding of `value` (`count` bytes, its `encodedSize`) at
    /// `offset`, which the caller has proven to lie inside the memory
    /// (``Memory/writeInBounds(_:_:)``; the memory is not grown).
    ///
    /// A `VectorMemory` receives the encoding in place, a byte array is
    /// written from its own buffer, anything else is encoded into `scratch`
    /// first (as `writeEncodingGrowing`).
    @inlinable @inline(__always)
    func writeEncodingInBounds<Value: Storable>(
        _ value: Value, count: Int, at offset: UInt64, scratch: inout EncodingScratch
    ) throws(StableError) {
        if let vector = inPlace {
            try vector.withUnsafeMutableBytes(at: offset, count: count) { value.encode(into: $0) }
            return
        }
        if Value.self == [UInt8].self {
            // Through a span: typed throws, and no retain of the array.
            let array = unsafeBitCast(value, to: [UInt8].self)
            try array.span.withUnsafeBytes { (bytes) throws(StableError) in
                try writeInBounds(offset, bytes)
            }
            return
        }
        if let buffer = scratch.buffer(count: count) {
            value.encode(into: buffer)
            try writeInBounds(offset, UnsafeRawBufferPointer(buffer))
        } else {
            try value.withEncodedBytes { (bytes) throws(StableError) in try writeInBounds(offset, bytes) }
        }
    }
}
