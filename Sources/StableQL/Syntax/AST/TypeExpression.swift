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
    /// `record { name: TYPE [= DEFAULT], … }`.
    case record([RecordFieldExpression])
    /// `candid NAME`: a value of a Candid type declared by `import`.
    case candid(String)
}

/// One field of a written record type.
public struct RecordFieldExpression: Equatable, Sendable {
    /// The field's name.
    public var name: String
    /// Its type.
    public var type: TypeExpression
    /// Its default, evaluated when the type is declared.
    public var defaultValue: Expression?
    /// Where the field is written.
    public var range: SourceRange

    /// Creates a field.
    public init(name: String, type: TypeExpression, defaultValue: Expression?, range: SourceRange) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.range = range
    }
}
