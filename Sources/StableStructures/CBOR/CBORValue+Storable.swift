/// A ``CBORValue`` is stored as its CBOR encoding: unbounded, decoded with
/// the default nesting limit. This is the Embedded Swift way to store
/// structured records (Codable and ``CBORStorable`` need the full runtime).
extension CBORValue: Storable {
    /// Unbounded.
    @inlinable
    public static var bound: StorableBound { .unbounded }

    /// `"CBOR"`.
    public static var typeName: String { "CBOR" }
}
