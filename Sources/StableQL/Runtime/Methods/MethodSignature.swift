/// What a structure's method takes and returns: the part of a method table
/// entry that dispatch checks arguments against and that completion, `.help`
/// and the language reference show.
public struct MethodSignature: Equatable, Sendable {
    /// The method's name, as called: `insert`.
    public let name: String
    /// Its parameters, in order.
    public let parameters: [MethodParameter]
    /// What it returns, in the reference's words ("the previous value or `none`").
    public let result: String
    /// One line saying what it does.
    public let help: String

    /// Creates a signature.
    public init(name: String, parameters: [MethodParameter], result: String, help: String) {
        self.name = name
        self.parameters = parameters
        self.result = result
        self.help = help
    }

    /// The call as the reference writes it: `insert(k, v)`, `range(r)`.
    public var usage: String {
        "\(name)(\(parameters.map(\.name).joined(separator: ", ")))"
    }

    /// The methods that never write, whatever the structure: a statement
    /// that calls only these runs under the image's shared lock.
    public static let readingMethods: Set<String> = [
        "contains", "data_size_bytes", "first", "get", "index_size_bytes", "is_empty", "iter", "iter_from_prev",
        "iter_from_prev_key", "keys", "keys_range", "last", "len", "peek", "range", "values", "values_range",
    ]

    /// Whether the method only reads (see ``readingMethods``).
    public var onlyReads: Bool { Self.readingMethods.contains(name) }

    /// Whether the method produces rows (and so accepts `limit N`).
    public var isIteration: Bool { result.hasPrefix("rows") }
}

/// A parameter of a structure's method.
public struct MethodParameter: Equatable, Sendable {
    /// What the parameter takes.
    public enum Kind: Equatable, Sendable {
        /// A value, converted to the declared key, value or element type.
        case value
        /// An index, a whole number from 0.
        case index
        /// A range of keys: `a..b`, `a..=b`, `a..`, `..b`, `..`.
        case range
    }

    /// The name used in usage lines: `k`, `v`, `x`, `i`, `r`.
    public let name: String
    /// What it takes.
    public let kind: Kind

    /// Creates a parameter.
    public init(_ name: String, _ kind: Kind = .value) {
        self.name = name
        self.kind = kind
    }
}
