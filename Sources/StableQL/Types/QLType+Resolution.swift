extension QLType {
    /// The largest `N` accepted in `blob<N>` and `bytes<N>` (1 MiB).
    public static let maximumSizeParameter = 1 << 20

    /// Resolves a written type, checking what every use requires:
    /// a 2-tuple needs bounded parts, tuples have 2 or 3 elements, sizes are
    /// in range. Errors name the type.
    public init(_ expression: TypeExpression) throws(QLError) {
        try self.init(expression, in: TypeEnvironment())
    }

    /// Resolves a written type that may name declared record types and
    /// define inline records (whose defaults `environment` evaluates).
    init(_ expression: TypeExpression, in environment: TypeEnvironment) throws(QLError) {
        switch expression.kind {
        case let .named(name):
            switch name {
            case "u8": self = .u8
            case "u16": self = .u16
            case "u32": self = .u32
            case "u64": self = .u64
            case "u128": self = .u128
            case "i8": self = .i8
            case "i16": self = .i16
            case "i32": self = .i32
            case "i64": self = .i64
            case "f32": self = .f32
            case "f64": self = .f64
            case "bool": self = .bool
            case "string": self = .string
            case "blob": self = .blob
            case "principal": self = .principal
            case "unit": self = .unit
            case "cbor": self = .cbor
            case "candid": self = .candid(environment.candidSchema(nil))
            case "json": self = .json(isKey: false)
            default:
                guard let record = environment.records[name] else {
                    throw QLError(.type, "unknown type '\(name)' (declare it first: type \(name) = record { … };)")
                }
                self = .record(record)
            }
        case let .sized(name, size):
            guard size <= UInt128(QLType.maximumSizeParameter) else {
                throw QLError(.type, "\(name)<\(size)> is too large (at most \(QLType.maximumSizeParameter) bytes)")
            }
            switch name {
            case "blob": self = .boundedBlob(Int(size))
            case "bytes": self = .fixedBytes(Int(size))
            default: throw QLError(.type, "type '\(name)' takes no size")
            }
        case let .generic(name, inner):
            guard name == "option" else { throw QLError(.type, "type '\(name)' takes no type parameter") }
            self = .option(try QLType(inner, in: environment))
        case let .tuple(elements):
            guard elements.count == 2 || elements.count == 3 else {
                throw QLError(.type, "tuples have 2 or 3 elements, found \(elements.count)")
            }
            var types: [QLType] = []
            for element in elements { types.append(try QLType(element, in: environment)) }
            if types.count == 2, let unbounded = types.first(where: { !$0.isBounded }) {
                throw QLError(.type, "a 2-tuple needs bounded parts, but \(unbounded) is unbounded (use a 3-tuple or blob<N>)")
            }
            self = .tuple(types)
        case let .record(written):
            self = .record(try RecordType(name: nil, written, in: environment))
        case let .candid(name):
            guard environment.candid[name] != nil else {
                let known = environment.candid.names.isEmpty ? "no Candid types are imported" : "imported: " + environment.candid.names.joined(separator: ", ")
                throw QLError(.type, "unknown Candid type '\(name)' (\(known); import \"FILE.did\"; first)")
            }
            self = .candid(environment.candidSchema(name))
        }
    }

    /// Checks that the type can be a map key or a set/heap element: no floats
    /// (they are not totally ordered), also not inside a record. Records and
    /// `cbor` values are ordered as Rust derives `Ord` (see
    /// `CBORValue.compareKeys`).
    public func validateAsKey(role: String) throws(QLError) {
        if containsFloat {
            throw QLError(.type, "\(self) cannot be a \(role): floats are not totally ordered")
        }
    }

    /// The type as a key: Candid and JSON keys refuse lookups (their order
    /// is the Rust type's derived `Ord`, which the declaration does not give).
    var asKey: QLType {
        switch self {
        case let .candid(schema): return .candid(schema.asKey)
        case .json: return .json(isKey: true)
        default: return self
        }
    }

    /// Checks that the type is bounded, as `vec` and `heap` elements must be.
    public func validateBounded(role: String) throws(QLError) {
        if !isBounded {
            throw QLError(.type, "\(self) cannot be a \(role): it must be bounded (use blob<N> instead of blob, for example)")
        }
    }
}
