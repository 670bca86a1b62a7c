/// A type whose values can be stored in stable memory as bytes.
///
/// Encodings are exactly those of the Rust crate `ic-stable-structures` 0.7.x
/// (integers big-endian, strings as UTF-8, options with a trailing marker, …),
/// so images are interchangeable.
///
/// Encoding is two-step and allocation-free: a structure asks for
/// ``encodedSize``, provides a buffer of that size (often on the stack or
/// inside memory it already owns), and calls ``encode(into:)``. Decoding reads
/// straight from a raw buffer, which may point into the memory itself.
///
/// Conforming a type of your own:
///
/// ```swift
/// struct Point: Storable {
///     var x: UInt32, y: UInt32
///     static var bound: StorableBound { .bounded(maxSize: 8, isFixedSize: true) }
///     var encodedSize: Int { 8 }
///     func encode(into buffer: UnsafeMutableRawBufferPointer) {
///         buffer.storeBytes(of: x.bigEndian, toByteOffset: 0, as: UInt32.self)
///         buffer.storeBytes(of: y.bigEndian, toByteOffset: 4, as: UInt32.self)
///     }
///     static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Point {
///         guard bytes.count == 8 else { throw .malformedEncoding(type: "Point", reason: "need 8 bytes") }
///         return Point(x: UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self)),
///                      y: UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
///     }
/// }
/// ```
public protocol Storable {
    /// The bound on this type's encodings.
    static var bound: StorableBound { get }

    /// The number of bytes ``encode(into:)`` writes for this value.
    var encodedSize: Int { get }

    /// Writes the encoding into `buffer`, whose count is exactly ``encodedSize``.
    func encode(into buffer: UnsafeMutableRawBufferPointer)

    /// Decodes a value from the whole of `bytes`.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` for bytes that
    ///   no value encodes to (wrong length, invalid UTF-8, a bad marker byte).
    static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Self

    /// A short name of the type for error messages, such as `"u64"` or `"blob<32>"`.
    static var typeName: String { get }

    /// Throws when values of this type cannot be encoded at all.
    ///
    /// The default does nothing. A ``Pair`` with an unbounded component has
    /// no encoding in the crate (it panics "not yet supported"); since
    /// ``encode(into:)`` cannot throw, such a type reports itself here with
    /// ``StableError/unsupportedType(_:)`` and composite types forward the
    /// check to their parts. ``checkBound()`` calls it, so every structure
    /// that checks bounds rejects the type before writing; structures that
    /// do not check bounds (`Cell`, `Log`) call it when they are created.
    static func checkEncodable() throws(StableError)

    /// Calls `body` with the encoding. The default asks for ``encodedSize``
    /// and calls ``encode(into:)`` on a stack or heap buffer; a type whose
    /// encoding is costly to produce (``CBORStorable``) encodes only once here.
    func withEncodedBytes<R>(
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> R
    ) throws(StableError) -> R
}

extension Storable {
    /// The Swift name of the type.
    public static var typeName: String { "\(Self.self)" }

    /// Default: every type is encodable.
    @inlinable
    public static func checkEncodable() throws(StableError) {}

    /// The encoding as a new array (a convenience; structures use ``encode(into:)``).
    @inlinable
    public var encodedBytes: [UInt8] {
        let count = encodedSize
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            encode(into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Decodes a value from an array of bytes.
    @inlinable
    public static func decode(_ bytes: [UInt8]) throws(StableError) -> Self {
        var result: Result<Self, StableError> = .failure(.invalidArgument("unreachable"))
        bytes.withUnsafeBytes { buffer in
            do throws(StableError) { result = .success(try decode(from: buffer)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// Calls `body` with the encoding, kept on the stack when it is small.
    @inlinable
    public func withEncodedBytes<R>(
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> R
    ) throws(StableError) -> R {
        let count = encodedSize
        if count <= 64 {
            var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
            return try withUnsafeMutableBytes(of: &storage) { (raw) throws(StableError) -> R in
                let slice = UnsafeMutableRawBufferPointer(rebasing: raw[0..<count])
                encode(into: slice)
                return try body(UnsafeRawBufferPointer(slice))
            }
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 8)
        defer { buffer.deallocate() }
        encode(into: buffer)
        return try body(UnsafeRawBufferPointer(buffer))
    }

    /// Checks that the type is encodable (``checkEncodable()``) and this
    /// value's encoded size against ``bound``.
    @inlinable
    public func checkBound() throws(StableError) {
        try Self.checkEncodable()
        guard Self.bound.isBounded else { return }  // no need to measure (or encode) the value
        try Self.bound.check(encodedSize: encodedSize, typeName: Self.typeName)
    }
}

/// A ``Storable`` type whose values are ordered as the Rust crate orders them,
/// so it can be a `BTreeMap` key, a `BTreeSet` element or a `MinHeap` element.
///
/// The order is the Rust `Ord` of the corresponding Rust type, which is not
/// always Swift's `<`: a `String` key orders by its UTF-8 bytes (Swift's `<`
/// compares Unicode canonical equivalence, under which two different byte
/// strings can be equal), `Principal` orders by length first, options put
/// `none` first, pairs and triples compare part by part.
///
/// A type whose encodings sort in the same order as its values (as memcmp
/// compares them, a proper prefix first) declares
/// ``encodingPreservesOrder``; the B-tree then compares keys in place in its
/// node bytes without decoding them.
public protocol StorableKey: Storable {
    /// Three-way comparison in the key order: negative when `lhs` comes first,
    /// zero when equal, positive when `rhs` comes first.
    static func compareKeys(_ lhs: Self, _ rhs: Self) -> Int

    /// Whether comparing encodings bytewise gives the same result as
    /// ``compareKeys(_:_:)`` for every pair of values. Default: `false`.
    static var encodingPreservesOrder: Bool { get }
}

extension StorableKey {
    /// Default: encodings are not comparable bytewise.
    @inlinable
    public static var encodingPreservesOrder: Bool { false }
}

extension StorableKey where Self: Comparable {
    /// Default for `Comparable` types whose `<` is the key order.
    @inlinable
    public static func compareKeys(_ lhs: Self, _ rhs: Self) -> Int {
        lhs < rhs ? -1 : (rhs < lhs ? 1 : 0)
    }
}

/// Compares two byte strings as memcmp does, a proper prefix first.
@inlinable
public func compareBytes(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Int {
    let common = Swift.min(lhs.count, rhs.count)
    if common > 0 {
        let result = memcmpBytes(lhs.baseAddress!, rhs.baseAddress!, common)
        if result != 0 { return result }
    }
    return lhs.count < rhs.count ? -1 : (lhs.count > rhs.count ? 1 : 0)
}

/// A byte-by-byte comparison that does not need the C library (Embedded Swift).
@inlinable
func memcmpBytes(_ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, _ count: Int) -> Int {
    var index = 0
    // Compare 8 bytes at a time while possible; big-endian loads keep the order.
    while index + 8 <= count {
        let a = UInt64(bigEndian: lhs.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        let b = UInt64(bigEndian: rhs.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        if a != b { return a < b ? -1 : 1 }
        index += 8
    }
    while index < count {
        let a = lhs.load(fromByteOffset: index, as: UInt8.self)
        let b = rhs.load(fromByteOffset: index, as: UInt8.self)
        if a != b { return a < b ? -1 : 1 }
        index += 1
    }
    return 0
}
