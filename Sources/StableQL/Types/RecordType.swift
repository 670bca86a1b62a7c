/// A StableQL record type: named fields in declaration order, each with a
/// type and an optional default.
///
/// Records are stored as CBOR maps with text keys, the way Rust's `ciborium`
/// writes a serde-derived struct (see ``RecordCBOR``). The defaults are what
/// make schema upgrades work: an entry written before a field existed reads
/// as that field's default (or `none` for an `option<…>` field).
public struct RecordType: Hashable, Sendable, CustomStringConvertible {
    /// The declared name (`type Asset = record {…}`), or nil for a record
    /// written inline in another type.
    public var name: String?
    /// The fields in declaration order (the order they are encoded in).
    public var fields: [RecordField]

    /// Creates a record type.
    public init(name: String?, fields: [RecordField]) {
        self.name = name
        self.fields = fields
    }

    /// The name, or the inline definition of an anonymous record.
    public var description: String { name ?? definition }

    /// The definition as written: `record { contents: blob, created_at: u64 = 0 }`.
    public var definition: String {
        "record { " + fields.map(\.description).joined(separator: ", ") + " }"
    }

    /// The field called `name`.
    public func field(_ name: String) -> RecordField? {
        fields.first { $0.name == name }
    }

    /// The field names, for messages ("it has contents, created_at").
    var fieldList: String {
        fields.isEmpty ? "no fields" : fields.map(\.name).joined(separator: ", ")
    }

    /// "record Asset" or "the record".
    var displayName: String {
        name.map { "record \($0)" } ?? "the record"
    }
}

/// One field of a ``RecordType``.
public struct RecordField: Hashable, Sendable, CustomStringConvertible {
    /// The field's name (the CBOR map key).
    public var name: String
    /// The field's type.
    public var type: QLType
    /// The value a stored record without this field reads as; already
    /// converted to `type`.
    public var defaultValue: Value?

    /// Creates a field.
    public init(name: String, type: QLType, defaultValue: Value? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }

    /// `name: type [= default]`.
    public var description: String {
        "\(name): \(type)" + (defaultValue.map { " = \($0.literal)" } ?? "")
    }

    /// Hashes the name and type (``Value`` is not `Hashable`; equal fields
    /// still hash equally).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(type)
    }
}
