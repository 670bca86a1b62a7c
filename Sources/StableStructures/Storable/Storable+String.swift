// Strings: their UTF-8 bytes, unbounded (StableStructures.docc/ByteLayout.md, "Storable encodings").

extension String: Storable {
    /// Unbounded.
    @inlinable
    public static var bound: StorableBound { .unbounded }

    /// The number of UTF-8 bytes (constant time for native strings).
    @inlinable
    public var encodedSize: Int { utf8.count }

    /// Copies the UTF-8 bytes.
    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        let copied: Void? = utf8.withContiguousStorageIfAvailable { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(source))
        }
        if copied == nil {
            var index = 0
            for byte in utf8 {
                buffer[index] = byte
                index += 1
            }
        }
    }

    /// Decodes and validates UTF-8.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` when `bytes`
    ///   is not valid UTF-8 (the crate panics there).
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> String {
        let decoded = bytes.withMemoryRebound(to: UInt8.self) { String(validating: $0, as: UTF8.self) }
        guard let decoded else {
            throw .malformedEncoding(type: typeName, reason: "invalid UTF-8")
        }
        return decoded
    }

    /// `string`.
    public static var typeName: String { "string" }
}

/// String keys are ordered by their UTF-8 bytes, as Rust orders `String`.
///
/// This is **not** Swift's `<`, which compares canonical equivalence:
/// `"e\u{301}"` and `"\u{e9}"` are `==` in Swift but two different keys
/// here (and in the crate), ordered by their bytes.
extension String: StorableKey {
    /// Byte-wise comparison of the UTF-8 encodings, a proper prefix first.
    @inlinable
    public static func compareKeys(_ lhs: String, _ rhs: String) -> Int {
        let fast: Int?? = lhs.utf8.withContiguousStorageIfAvailable { l in
            rhs.utf8.withContiguousStorageIfAvailable { r in
                compareBytes(UnsafeRawBufferPointer(l), UnsafeRawBufferPointer(r))
            }
        }
        if let fast, let fast { return fast }
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (a?, b?): if a != b { return a < b ? -1 : 1 }
            }
        }
    }

    /// `true`: the encoding is the UTF-8 bytes themselves.
    @inlinable
    public static var encodingPreservesOrder: Bool { true }
}
