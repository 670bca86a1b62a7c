/// A Candid type, as written in a `.did` file.
///
/// Named types (`.named`) refer to definitions in a ``CandidTypeEnvironment``;
/// that is also how recursive types are written.
public indirect enum CandidType: Hashable, Sendable {
    /// Primitive types: `null`, `bool`, `nat` and `int` (any size), fixed-size numbers.
    case null, bool, nat, int, nat8, nat16, nat32, nat64, int8, int16, int32, int64
    /// More primitive types: floats, `text`, `reserved` (any value, ignored),
    /// `empty` (no value), `principal`.
    case float32, float64, text, reserved, empty, principal
    /// `opt T`.
    case opt(CandidType)
    /// `vec T` (`blob` is `vec nat8`).
    case vec(CandidType)
    /// `record { … }`; fields in any order (sorted by id when encoded).
    case record([CandidFieldType])
    /// `variant { … }`.
    case variant([CandidFieldType])
    /// `func (…) -> (…) modes`.
    case function(CandidFunctionType)
    /// `service { name : func type; … }`.
    case service([CandidMethod])
    /// A reference to a named definition.
    case named(String)

    /// `blob`, the same type as `vec nat8`.
    public static let blob = CandidType.vec(.nat8)

    /// A tuple record: fields numbered 0, 1, ….
    public static func tuple(_ types: [CandidType]) -> CandidType {
        .record(types.enumerated().map { CandidFieldType(.id(UInt32($0.offset)), $0.element) })
    }
}

/// A field of a record or variant type.
public struct CandidFieldType: Hashable, Sendable {
    /// The field's label.
    public var label: CandidLabel
    /// The field's type.
    public var type: CandidType

    /// A field with this label and type.
    public init(_ label: CandidLabel, _ type: CandidType) {
        self.label = label
        self.type = type
    }

    public static func == (lhs: CandidFieldType, rhs: CandidFieldType) -> Bool {
        lhs.label == rhs.label && lhs.type == rhs.type
    }
}

/// The mode annotations of a function type.
public enum CandidFunctionMode: UInt8, Hashable, Sendable {
    /// `query`, `oneway`, `composite_query` (their wire codes).
    case query = 1, oneway = 2, compositeQuery = 3

    /// The keyword in Candid text.
    public var keyword: String {
        switch self {
        case .query: return "query"
        case .oneway: return "oneway"
        case .compositeQuery: return "composite_query"
        }
    }
}

/// A function type: arguments, results and modes.
public struct CandidFunctionType: Hashable, Sendable {
    /// The argument types.
    public var arguments: [CandidType]
    /// The result types.
    public var results: [CandidType]
    /// The modes (`query`, `oneway`, `composite_query`).
    public var modes: [CandidFunctionMode]

    /// A function type.
    public init(arguments: [CandidType], results: [CandidType], modes: [CandidFunctionMode] = []) {
        self.arguments = arguments
        self.results = results
        self.modes = modes
    }
}

/// A method of a service type.
public struct CandidMethod: Hashable, Sendable {
    /// The method name.
    public var name: String
    /// Its type: a function type or a name referring to one.
    public var type: CandidType

    /// A method.
    public init(name: String, type: CandidType) {
        self.name = name
        self.type = type
    }
}

/// Named type definitions (the `type NAME = …;` lines of a `.did` file).
public struct CandidTypeEnvironment: Sendable, Equatable {
    /// The definitions by name.
    public private(set) var definitions: [String: CandidType] = [:]
    /// The names in the order they were defined.
    public private(set) var names: [String] = []

    /// An empty environment.
    public init() {}

    /// Defines `name`; a second definition of the same name is an error.
    public mutating func define(_ name: String, _ type: CandidType) throws(CandidError) {
        guard definitions[name] == nil else { throw CandidError(.invalidType, "type \(name) is defined twice") }
        definitions[name] = type
        names.append(name)
    }

    /// The definition of `name`.
    public subscript(name: String) -> CandidType? { definitions[name] }

    /// Follows named references until a non-name type; fails on unknown names and alias cycles.
    public func resolve(_ type: CandidType) throws(CandidError) -> CandidType {
        var current = type
        var steps = 0
        while case .named(let name) = current {
            guard let next = definitions[name] else { throw CandidError(.invalidType, "unknown type \(name)") }
            steps += 1
            if steps > definitions.count { throw CandidError(.invalidType, "type \(name) is defined only by itself") }
            current = next
        }
        return current
    }

    /// Checks that every name used is defined and no definition is only an alias of itself.
    public func validate() throws(CandidError) {
        for name in names { _ = try resolve(.named(name)) }
        for name in names { try checkReferences(definitions[name]!, depth: 0) }
    }

    private func checkReferences(_ type: CandidType, depth: Int) throws(CandidError) {
        if depth > 200 { throw CandidError(.limitExceeded, "type nested too deeply") }
        switch type {
        case .named(let name):
            if definitions[name] == nil { throw CandidError(.invalidType, "unknown type \(name)") }
        case .opt(let inner), .vec(let inner): try checkReferences(inner, depth: depth + 1)
        case .record(let fields), .variant(let fields):
            for field in fields { try checkReferences(field.type, depth: depth + 1) }
        case .function(let function):
            for inner in function.arguments + function.results { try checkReferences(inner, depth: depth + 1) }
        case .service(let methods):
            for method in methods { try checkReferences(method.type, depth: depth + 1) }
        default: break
        }
    }
}
