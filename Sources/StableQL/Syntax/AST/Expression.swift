/// A StableQL expression with its source range.
public struct Expression: Equatable, Sendable {
    /// What the expression is.
    public var kind: ExpressionKind
    /// Where it is written.
    public var range: SourceRange

    /// Creates an expression.
    public init(_ kind: ExpressionKind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// The forms of StableQL expressions.
public indirect enum ExpressionKind: Equatable, Sendable {
    /// An integer literal's magnitude (negative numbers are `.unary(.negate, …)`).
    case integer(UInt128)
    /// A float literal.
    case float(Double)
    /// A string literal.
    case string(String)
    /// A blob literal.
    case blob([UInt8])
    /// `true` or `false`.
    case bool(Bool)
    /// `none`, the empty option.
    case none
    /// `some(expr)`.
    case some(Expression)
    /// `principal "text"`, holding the textual form as written.
    case principal(String)
    /// `()`, the unit value.
    case unit
    /// A binding's name.
    case variable(String)
    /// A prefix operator.
    case unary(UnaryOperator, Expression)
    /// An infix operator.
    case binary(BinaryOperator, Expression, Expression)
    /// `(a, b)` or `(a, b, c)`.
    case tuple([Expression])
    /// A built-in function call such as `str(x)`.
    case call(name: String, arguments: [Expression])
    /// `receiver.method(arguments)`.
    case methodCall(receiver: Expression, method: String, arguments: [Expression])
    /// `a..b`, `a..=b`, `a..`, `..b` (only meaningful in `range(...)` and `for`).
    case range(lower: Expression?, upper: Expression?, inclusive: Bool)
    /// A record literal, `{contents: x"00ff", created_at: 5}`.
    case record([RecordLiteralField])
    /// Field access, `value.created_at`; a digit name is a tuple index (`key.0`).
    case field(Expression, name: String)
    /// A list literal, `[1, 2, 3]` (a Candid `vec`).
    case list([Expression])
    /// A variant literal, `#Active` or `#Suspended("spam")`.
    case variant(tag: String, payload: Expression?)
    /// A value in Candid's textual syntax, `candid "(record { name = \"ada\" })"`.
    case candidText(String)
    /// A JSON document literal, `json "{\"a\": 1}"`.
    case jsonText(String)
    /// `x is #Tag`: whether the variant `x` has the tag `Tag`.
    case isVariant(Expression, tag: String)
    /// The `*` of `count(*)`.
    case allRows
}

/// One `name: value` of a record literal.
public struct RecordLiteralField: Equatable, Sendable {
    /// The field's name.
    public var name: String
    /// Its value.
    public var value: Expression

    /// Creates a field.
    public init(name: String, value: Expression) {
        self.name = name
        self.value = value
    }
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable {
    /// Arithmetic negation, `-x`.
    case negate = "-"
    /// Logical negation, `not x`.
    case not = "not"
}

/// Infix operators, loosest binding last.
public enum BinaryOperator: String, Sendable {
    /// Multiplicative operators (tightest binding).
    case multiply = "*", divide = "/", remainder = "%"
    /// Additive operators.
    case add = "+", subtract = "-"
    /// Comparisons (they do not chain).
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    /// Logical and (short-circuit).
    case and = "and"
    /// Logical or (short-circuit, loosest binding).
    case or = "or"

    /// Binding power: higher binds tighter.
    var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return 4
        case .add, .subtract: return 5
        case .multiply, .divide, .remainder: return 6
        }
    }

    /// Whether the operator is a comparison (comparisons do not chain).
    var isComparison: Bool { precedence == 4 }
}
