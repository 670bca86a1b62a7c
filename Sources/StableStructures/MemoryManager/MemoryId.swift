/// The identifier of one of the 255 virtual memories of a ``MemoryManager``.
///
/// Valid identifiers are `0 ... 254`. The value `255` is reserved: in the
/// manager's bucket table it marks a bucket that no memory owns.
public struct MemoryId: Hashable, Comparable, Sendable {
    /// The largest valid identifier, `254`.
    public static let maxValue: UInt8 = 254

    /// The number of distinct identifiers, `255`.
    public static let count = 255

    /// The identifier as a byte, `0 ... 254`.
    public let rawValue: UInt8

    /// Creates the identifier `id`.
    ///
    /// - Throws: ``StableError/invalidArgument(_:)`` for `255`, the table's
    ///   "unallocated" marker (the crate panics instead).
    @inlinable
    public init(_ id: UInt8) throws(StableError) {
        guard id <= MemoryId.maxValue else {
            throw .invalidArgument("memory id \(id) is reserved; valid ids are 0...254")
        }
        rawValue = id
    }

    /// Creates an identifier from a byte already known to be valid.
    @inlinable
    init(unchecked id: UInt8) { rawValue = id }

    /// The identifier as an array index, `0 ..< 255`.
    @inlinable
    var index: Int { Int(rawValue) }

    /// Orders identifiers by their value.
    @inlinable
    public static func < (lhs: MemoryId, rhs: MemoryId) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension MemoryId: CustomStringConvertible {
    /// `MemoryId(n)`, as the crate prints it.
    public var description: String { "MemoryId(\(rawValue))" }
}
