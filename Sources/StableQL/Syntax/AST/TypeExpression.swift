/// A type as written in a declaration, before validation.
public struct TypeExpression: Equatable, Sendable {
    /// The shape of the type.
    public var kind: TypeExpressionKind
    /// Where it is written.
    public var range: SourceRange

    /// Creates a type expression.
    public init(_ kind: TypeExpressionKind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// The shapes of written types.
public indirect enum TypeExpressionKind: Equatable, Sendable {
    /// A type name such as `u64`, `string`, `blob`, `unit`.
    case named(String)
    /// A name with an integer parameter: `blob<32>`, `bytes<4>`.
    case sized(String, UInt128)
    /// A name with a type parameter: `option<u64>`.
    case generic(String, TypeExpression)
    /// `(A, B)` or `(A, B, C)`.
    case tuple([TypeExpression])
}
