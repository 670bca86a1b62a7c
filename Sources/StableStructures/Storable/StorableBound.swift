/// How large the encoding of a ``Storable`` type can be.
///
/// Structures lay out their memory from the bound: a `StableVec` reserves
/// `maxSize` bytes per slot, a `BTreeMap` of two bounded types derives its node
/// size from both bounds, and fixed-size keys are stored without a length.
public enum StorableBound: Equatable, Sendable {
    /// Encodings of any length.
    case unbounded
    /// Encodings of at most `maxSize` bytes; exactly `maxSize` when `isFixedSize`.
    case bounded(maxSize: Int, isFixedSize: Bool)

    /// Whether the bound limits the encoded size.
    @inlinable
    public var isBounded: Bool {
        if case .bounded = self { return true }
        return false
    }

    /// The maximum encoded size, or `nil` for an unbounded type.
    @inlinable
    public var maxSize: Int? {
        if case let .bounded(maxSize, _) = self { return maxSize }
        return nil
    }

    /// Whether every encoding has exactly ``maxSize`` bytes (`false` when unbounded).
    @inlinable
    public var isFixedSize: Bool {
        if case let .bounded(_, isFixedSize) = self { return isFixedSize }
        return false
    }

    /// Checks an encoded size against the bound (the crate's "checked" encoding).
    ///
    /// - Throws: ``StableError/boundViolated(type:maxSize:fixedSize:actualSize:)``.
    @inlinable
    public func check(encodedSize: Int, typeName: @autoclosure () -> String) throws(StableError) {
        guard case let .bounded(maxSize, isFixedSize) = self else { return }
        if isFixedSize ? encodedSize != maxSize : encodedSize > maxSize {
            throw .boundViolated(type: typeName(), maxSize: maxSize, fixedSize: isFixedSize, actualSize: encodedSize)
        }
    }
}

/// The number of bytes the crate uses to store a length of at most `maxSize`:
/// 1 up to 255, 2 up to 65 535, else 4 (StableStructures.docc/ByteLayout.md, "Storable encodings").
@inlinable
public func lengthFieldWidth(_ maxSize: Int) -> Int {
    maxSize <= 0xFF ? 1 : (maxSize <= 0xFFFF ? 2 : 4)
}
