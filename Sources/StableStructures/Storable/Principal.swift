/// An Internet Computer principal: 0 to 29 raw bytes (StableStructures.docc/ByteLayout.md, "Storable encodings").
///
/// The encoding is the raw bytes; the bound is
/// `bounded(maxSize: 29, isFixedSize: false)`. As a key, principals order
/// **by length first**, then by bytes — the order of `ic_principal`'s
/// derived `Ord` — so the encodings do not sort as the keys do.
///
/// The textual form (``description``, ``init(text:)``) is the one of the
/// IC: see `Principal+Text.swift`.
///
/// Invariant: `bytes.count <= 29`.
public struct Principal: Hashable, Sendable {
    /// The maximum number of bytes, 29.
    public static let maxLength = 29

    /// The raw bytes.
    public let bytes: [UInt8]

    /// The principal with these raw bytes.
    ///
    /// - Throws: ``StableError/boundViolated(type:maxSize:fixedSize:actualSize:)``
    ///   for more than 29 bytes.
    @inlinable
    public init(bytes: [UInt8]) throws(StableError) {
        guard bytes.count <= Principal.maxLength else {
            throw .boundViolated(type: "principal", maxSize: Principal.maxLength, fixedSize: false, actualSize: bytes.count)
        }
        self.bytes = bytes
    }

    @inlinable
    init(validBytes: [UInt8]) { bytes = validBytes }

    /// The management canister, `aaaaa-aa` (no bytes).
    public static let managementCanister = Principal(validBytes: [])

    /// The anonymous principal, `2vxsx-fae` (the byte `04`).
    public static let anonymous = Principal(validBytes: [0x04])
}

extension Principal: Storable {
    /// `bounded(maxSize: 29, isFixedSize: false)`.
    @inlinable
    public static var bound: StorableBound { .bounded(maxSize: maxLength, isFixedSize: false) }

    /// The number of bytes.
    @inlinable
    public var encodedSize: Int { bytes.count }

    /// Copies the raw bytes.
    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
    }

    /// Takes all of `bytes` as the principal.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` for more than 29 bytes.
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Principal {
        guard bytes.count <= maxLength else {
            throw .malformedEncoding(type: typeName, reason: "\(bytes.count) bytes exceed \(maxLength)")
        }
        return Principal(validBytes: [UInt8](bytes))
    }

    /// `principal`.
    public static var typeName: String { "principal" }
}

extension Principal: StorableKey {
    /// By length first, then lexicographically by bytes.
    @inlinable
    public static func compareKeys(_ lhs: Principal, _ rhs: Principal) -> Int {
        if lhs.bytes.count != rhs.bytes.count { return lhs.bytes.count < rhs.bytes.count ? -1 : 1 }
        return compareByteArrays(lhs.bytes, rhs.bytes)
    }

    /// `false`: a shorter principal comes first whatever its bytes.
    @inlinable
    public static var encodingPreservesOrder: Bool { false }
}
