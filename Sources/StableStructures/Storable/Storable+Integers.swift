/// The fixed-width integers that are ``Storable``: unsigned ones big-endian as
/// in the Rust crate, signed ones (this project's extension) big-endian with
/// the sign bit flipped so that the encoding preserves order.
public protocol StorableInteger: FixedWidthInteger, StorableKey {}

extension StorableInteger {
    /// Fixed size: `MemoryLayout<Self>.size` bytes.
    @inlinable
    public static var bound: StorableBound { .bounded(maxSize: MemoryLayout<Self>.size, isFixedSize: true) }

    /// Always `MemoryLayout<Self>.size`.
    @inlinable
    public var encodedSize: Int { MemoryLayout<Self>.size }

    /// Integer encodings sort as their values.
    @inlinable
    public static var encodingPreservesOrder: Bool { true }

    /// The bits stored for this value: itself for unsigned types, the sign
    /// bit flipped for signed ones, so that bytewise order is numeric order.
    @inlinable
    var orderedBits: Self {
        Self.isSigned ? self ^ (Self(1) << (Self.bitWidth - 1)) : self
    }

    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        buffer.storeBytes(of: orderedBits.bigEndian, as: Self.self)
    }

    #if hasFeature(Embedded)
    // Always inlined in a canister (vec_get_u64 237 -> 185 wasm instructions).
    @inlinable @inline(__always)
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Self {
        guard bytes.count == MemoryLayout<Self>.size else {
            throw .malformedEncoding(type: typeName, reason: "expected \(MemoryLayout<Self>.size) bytes, found \(bytes.count)")
        }
        return Self(bigEndian: bytes.loadUnaligned(as: Self.self)).orderedBits
    }
    #else
    // Natively `@inline(__always)` here made specialised callers (the B-tree
    // iterator, gets) call this through the witness table instead of
    // inlining it (btree_scan_u64 1.23 times the instructions).
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Self {
        guard bytes.count == MemoryLayout<Self>.size else {
            throw .malformedEncoding(type: typeName, reason: "expected \(MemoryLayout<Self>.size) bytes, found \(bytes.count)")
        }
        return Self(bigEndian: bytes.loadUnaligned(as: Self.self)).orderedBits
    }
    #endif
}

extension UInt8: StorableInteger {
    /// `u8`.
    public static var typeName: String { "u8" }
}
extension UInt16: StorableInteger {
    /// `u16`.
    public static var typeName: String { "u16" }
}
extension UInt32: StorableInteger {
    /// `u32`.
    public static var typeName: String { "u32" }
}
extension UInt64: StorableInteger {
    /// `u64`.
    public static var typeName: String { "u64" }
}
extension UInt128: StorableInteger {
    /// `u128`.
    public static var typeName: String { "u128" }
}
extension Int8: StorableInteger {
    /// `i8`.
    public static var typeName: String { "i8" }
}
extension Int16: StorableInteger {
    /// `i16`.
    public static var typeName: String { "i16" }
}
extension Int32: StorableInteger {
    /// `i32`.
    public static var typeName: String { "i32" }
}
extension Int64: StorableInteger {
    /// `i64`.
    public static var typeName: String { "i64" }
}
