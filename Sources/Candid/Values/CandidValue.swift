/// A Candid value.
///
/// Values decoded against a type have that type's shape: `vec nat8` decodes as
/// `.blob`, records hold the expected type's fields sorted by id, labels carry
/// names where the type gives them. Equality ignores label names (fields
/// compare by id) and the index of a variant's tag.
public indirect enum CandidValue: Hashable, Sendable {
    /// The value of `null`.
    case null
    /// A `bool`.
    case bool(Bool)
    /// A `nat` of any size.
    case nat(CandidNat)
    /// An `int` of any size.
    case int(CandidInt)
    /// Fixed-size naturals: `nat8` … `nat64`.
    case nat8(UInt8), nat16(UInt16), nat32(UInt32), nat64(UInt64)
    /// Fixed-size integers: `int8` … `int64`.
    case int8(Int8), int16(Int16), int32(Int32), int64(Int64)
    /// Floats: `float32`, `float64`.
    case float32(Float), float64(Double)
    /// A `text` (UTF-8 on the wire).
    case text(String)
    /// The value of `reserved` (carries nothing).
    case reserved
    /// A `principal`.
    case principal(CandidPrincipal)
    /// An `opt` value: `nil` is `null` (none).
    case opt(CandidValue?)
    /// A `vec` value (other than `vec nat8`).
    case vec([CandidValue])
    /// A `vec nat8` value.
    case blob([UInt8])
    /// A record; fields sorted by id.
    case record([CandidFieldValue])
    /// A variant: one tagged field.
    case variant(CandidFieldValue)
    /// A function reference: a service and a method name.
    case function(CandidPrincipal, String)
    /// A service reference.
    case service(CandidPrincipal)

    /// A record from fields in any order (sorted here by id).
    public static func makeRecord(_ fields: [CandidFieldValue]) -> CandidValue {
        .record(fields.sorted { $0.label.id < $1.label.id })
    }

    /// A tuple record: fields numbered 0, 1, ….
    public static func tuple(_ values: [CandidValue]) -> CandidValue {
        .record(values.enumerated().map { CandidFieldValue(.id(UInt32($0.offset)), $0.element) })
    }

    /// A `nat` from a `UInt64`.
    public static func nat(_ value: UInt64) -> CandidValue { .nat(CandidNat(value)) }
    /// An `int` from an `Int64`.
    public static func int(_ value: Int64) -> CandidValue { .int(CandidInt(value)) }
}

/// A field of a record or variant value.
public struct CandidFieldValue: Hashable, Sendable {
    /// The field's label.
    public var label: CandidLabel
    /// The field's value.
    public var value: CandidValue

    /// A field value.
    public init(_ label: CandidLabel, _ value: CandidValue) {
        self.label = label
        self.value = value
    }
}
