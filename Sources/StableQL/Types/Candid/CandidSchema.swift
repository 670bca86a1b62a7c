import Candid

/// What a `candid` or `candid NAME` type needs at run time: the named Candid
/// type (nil for plain `candid`), the definitions it refers to, and the field
/// names known in the session, by hash, to name the fields of values read
/// without a declared type.
public struct CandidSchema: Hashable, Sendable {
    /// The declared type's name; nil for `candid` (any message).
    public let name: String?
    /// The Candid definitions in scope when the type was resolved.
    public let environment: CandidTypeEnvironment
    /// Field names by Candid hash.
    let fieldNames: [UInt32: String]
    /// True when the type is used as a key: key lookups are refused.
    let isKey: Bool

    init(name: String?, environment: CandidTypeEnvironment, fieldNames: [UInt32: String], isKey: Bool = false) {
        self.name = name
        self.environment = environment
        self.fieldNames = fieldNames
        self.isKey = isKey
    }

    /// The same schema, used as a map key or set element.
    var asKey: CandidSchema {
        CandidSchema(name: name, environment: environment, fieldNames: fieldNames, isKey: true)
    }

    /// The Candid type values are decoded against and encoded as.
    var type: CandidType? { name.map { .named($0) } }

    public static func == (lhs: CandidSchema, rhs: CandidSchema) -> Bool {
        lhs.name == rhs.name && lhs.isKey == rhs.isKey && lhs.environment == rhs.environment
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(isKey)
    }

    /// The written form: `candid` or `candid NAME`.
    var description: String { name.map { "candid \($0)" } ?? "candid" }
}

extension CandidTypeEnvironment {
    /// Every field and tag name used by the definitions, by hash.
    var fieldNames: [UInt32: String] {
        var names: [UInt32: String] = [:]
        func collect(_ type: CandidType, depth: Int) {
            guard depth < 200 else { return }
            switch type {
            case let .record(fields), let .variant(fields):
                for field in fields {
                    if let name = field.label.name { names[field.label.id] = name }
                    collect(field.type, depth: depth + 1)
                }
            case let .opt(inner), let .vec(inner): collect(inner, depth: depth + 1)
            default: break
            }
        }
        for name in self.names { if let type = self[name] { collect(type, depth: 0) } }
        return names
    }
}

extension CandidValue {
    /// The value with numbered fields named where `names` knows their hash.
    func named(_ names: [UInt32: String], depth: Int = 0) -> CandidValue {
        guard !names.isEmpty, depth < CandidBridge.maximumDepth else { return self }
        func rename(_ field: CandidFieldValue) -> CandidFieldValue {
            var label = field.label
            if case let .id(id) = label, let name = names[id] { label = .name(name) }
            return CandidFieldValue(label, field.value.named(names, depth: depth + 1))
        }
        switch self {
        case let .opt(content): return .opt(content?.named(names, depth: depth + 1))
        case let .vec(elements): return .vec(elements.map { $0.named(names, depth: depth + 1) })
        case let .record(fields):
            // A tuple record keeps its numbers.
            if CandidLiteral.isTuple(fields) { return .record(fields.map { CandidFieldValue($0.label, $0.value.named(names, depth: depth + 1)) }) }
            return .record(fields.map(rename))
        case let .variant(field): return .variant(rename(field))
        default: return self
        }
    }

    /// One type for list elements of types `a` and `b`: `reserved` (an
    /// empty list's or `none`'s unknown element) gives way, variants join
    /// their tags, records and containers merge field by field; nil when
    /// the shapes differ.
    static func merge(_ a: CandidType, _ b: CandidType, depth: Int = 0) -> CandidType? {
        guard depth < CandidBridge.maximumDepth else { return nil }
        if a == b { return a }
        switch (a, b) {
        case (.reserved, _): return b
        case (_, .reserved): return a
        case let (.vec(x), .vec(y)): return merge(x, y, depth: depth + 1).map { .vec($0) }
        case let (.opt(x), .opt(y)): return merge(x, y, depth: depth + 1).map { .opt($0) }
        case let (.record(x), .record(y)):
            guard x.map(\.label.id) == y.map(\.label.id) else { return nil }
            var fields: [CandidFieldType] = []
            for (left, right) in zip(x, y) {
                guard let type = merge(left.type, right.type, depth: depth + 1) else { return nil }
                fields.append(CandidFieldType(left.label, type))
            }
            return .record(fields)
        case let (.variant(x), .variant(y)):
            var fields = x
            for field in y {
                if let index = fields.firstIndex(where: { $0.label == field.label }) {
                    guard let type = merge(fields[index].type, field.type, depth: depth + 1) else { return nil }
                    fields[index].type = type
                } else {
                    fields.append(field)
                }
            }
            return .variant(fields.sorted { $0.label.id < $1.label.id })
        default: return nil
        }
    }

    private func mixedElements() -> QLError {
        QLError(.type, "the elements of \(CandidLiteral.text(self)) differ in type; declare a candid type for the column")
    }

    /// A type for a value written without a declared type: the value's own
    /// shape (a list takes its first element's type; an empty list is `vec reserved`).
    func inferredType(depth: Int = 0) throws(QLError) -> CandidType {
        guard depth < CandidBridge.maximumDepth else { throw QLError(.type, "the value nests too deeply") }
        switch self {
        case .null: return .null
        case .reserved: return .reserved
        case .bool: return .bool
        case .nat: return .nat
        case .int: return .int
        case .nat8: return .nat8
        case .nat16: return .nat16
        case .nat32: return .nat32
        case .nat64: return .nat64
        case .int8: return .int8
        case .int16: return .int16
        case .int32: return .int32
        case .int64: return .int64
        case .float32: return .float32
        case .float64: return .float64
        case .text: return .text
        case .principal: return .principal
        case .blob: return .blob
        case let .opt(content):
            guard let content else { return .opt(.reserved) }
            return .opt(try content.inferredType(depth: depth + 1))
        case let .vec(elements):
            guard let first = elements.first else { return .vec(.reserved) }
            var type = try first.inferredType(depth: depth + 1)
            for element in elements.dropFirst() {
                guard let merged = CandidValue.merge(type, try element.inferredType(depth: depth + 1)) else {
                    throw mixedElements()
                }
                type = merged
            }
            return .vec(type)
        case let .record(fields):
            var types: [CandidFieldType] = []
            for field in fields { types.append(CandidFieldType(field.label, try field.value.inferredType(depth: depth + 1))) }
            return .record(types)
        case let .variant(field):
            return .variant([CandidFieldType(field.label, try field.value.inferredType(depth: depth + 1))])
        case .function, .service:
            throw QLError(.type, "a function or service reference needs a declared candid type")
        }
    }
}

extension CandidSchema {
    /// Converts a StableQL value into a Candid value of this type: against
    /// the declared type, or (plain `candid`) as the value's own shape.
    func convert(_ value: Value) throws(QLError) -> CandidValue {
        if isKey { throw CandidCodec.keyRefusal(description) }
        guard let declared = type else {
            if case let .candid(candid) = value { return candid }
            return try CandidBridge.untyped(value)
        }
        return try CandidBridge.value(value, as: declared, in: environment).ordered(as: declared, in: environment)
    }
}

extension QLType {
    /// The type with `candid NAME` taking the Candid definitions imported
    /// now (a binding re-attached by `upgrade` reads with the latest import).
    func refreshedCandid(_ environment: TypeEnvironment) -> QLType {
        switch self {
        case let .candid(schema):
            guard let name = schema.name, environment.candid[name] != nil else { return self }
            let current = environment.candidSchema(name)
            return .candid(schema.isKey ? current.asKey : current)
        case let .option(inner): return .option(inner.refreshedCandid(environment))
        case let .tuple(elements): return .tuple(elements.map { $0.refreshedCandid(environment) })
        default: return self
        }
    }
}
