import StableStructures

/// StableQL opens every type through ``ValueCodec``, which needs a
/// `StorableKey`. Records and `cbor` values are never keys (see
/// ``QLType/validateAsKey(role:)``), so this order — their encodings compared
/// bytewise — only serves as a total order when a record sits inside an
/// option or tuple value.
extension CBORValue: StorableKey {
    /// Compares the encodings bytewise, then by length.
    public static func compareKeys(_ lhs: CBORValue, _ rhs: CBORValue) -> Int {
        let a = lhs.encodedBytes
        let b = rhs.encodedBytes
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
