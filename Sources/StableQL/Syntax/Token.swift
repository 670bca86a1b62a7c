/// A lexical unit of StableQL with its place in the source.
public struct Token: Equatable, Sendable {
    /// What the token is.
    public var kind: TokenKind
    /// Where the token is.
    public var range: SourceRange

    /// Creates a token.
    public init(kind: TokenKind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// The kinds of StableQL tokens.
///
/// Literal tokens carry their decoded value: escapes are resolved, `_`
/// separators removed, hex blobs decoded.
public enum TokenKind: Equatable, Sendable {
    /// A name: `[A-Za-z_][A-Za-z0-9_]*` that is not a keyword.
    case identifier(String)
    /// A reserved word.
    case keyword(Keyword)
    /// An integer literal's value (the sign is a separate `-` token).
    case integer(UInt128)
    /// A float literal's value, including `inf` and `nan`.
    case float(Double)
    /// A string literal's decoded text.
    case string(String)
    /// A blob literal's bytes (`x"…"` or `b"…"`).
    case blob([UInt8])
    /// An operator or punctuation mark.
    case symbol(Symbol)
    /// Text the lexer could not read; a diagnostic has already been recorded.
    case invalid(String)
    /// The end of the source.
    case endOfInput

    /// How the token is named in "expected …, found …" messages.
    public var displayName: String {
        switch self {
        case let .identifier(name): return "identifier '\(name)'"
        case let .keyword(keyword): return "'\(keyword.rawValue)'"
        case let .integer(value): return "integer \(value)"
        case let .float(value): return "number \(value)"
        case .string: return "a string"
        case .blob: return "a blob"
        case let .symbol(symbol): return "'\(symbol.rawValue)'"
        case let .invalid(text): return "'\(text)'"
        case .endOfInput: return "end of input"
        }
    }
}

/// StableQL operators and punctuation.
public enum Symbol: String, CaseIterable, Sendable {
    /// `+`, addition and concatenation.
    case plus = "+"
    /// `-`, subtraction and negation.
    case minus = "-"
    /// `*`, multiplication.
    case star = "*"
    /// `/`, division.
    case slash = "/"
    /// `%`, remainder.
    case percent = "%"
    /// `==`, equality.
    case equalEqual = "=="
    /// `!=`, inequality.
    case notEqual = "!="
    /// `<`, less than; also opens `blob<N>`.
    case less = "<"
    /// `<=`, at most.
    case lessEqual = "<="
    /// `>`, greater than; also closes `blob<N>`.
    case greater = ">"
    /// `>=`, at least.
    case greaterEqual = ">="
    /// `..`, a half-open range.
    case dotDot = ".."
    /// `..=`, a closed range.
    case dotDotEqual = "..="
    /// `->`, between a map's key and value types.
    case arrow = "->"
    /// `(`.
    case leftParen = "("
    /// `)`.
    case rightParen = ")"
    /// `{`, opens a loop body.
    case leftBrace = "{"
    /// `}`, closes a loop body.
    case rightBrace = "}"
    /// `,`.
    case comma = ","
    /// `;`, ends a statement.
    case semicolon = ";"
    /// `:` (between a record field's name and its type or value).
    case colon = ":"
    /// `.`, before a method name.
    case dot = "."
    /// `=`, in `let`.
    case equal = "="
    /// `[` and `]`, around a list literal.
    case leftBracket = "[", rightBracket = "]"
    /// `#`, before a variant literal's tag (`#Active`).
    case hash = "#"
}

/// StableQL's reserved words. They cannot name bindings; after a `.` any of
/// them may still name a method (`s.set(0, x)`).
///
/// Type names (`u64`, `string`, …) and built-in functions (`str`, `len`, …)
/// are not reserved: they are recognised by position.
public enum Keyword: String, CaseIterable, Sendable {
    /// Statement keywords.
    case `let`, drop, open, close, reclaim, upgrade, memories, describe, verify
    /// More statement keywords and the words inside statements.
    case print, assert, `for`, `in`, of, `default`, limit
    /// Structure kinds in declarations.
    case map, set, vec, log, cell, heap
    /// Literal words and logical operators.
    case `true`, `false`, none, some, and, or, not, principal
    /// `import "PATH.did";` (Candid type definitions).
    case `import`
    /// Statements on a virtual memory's bytes (`extract memory 3 to "f";`).
    case extract, patch
    /// Query words: `select … from … where … group by … order by … asc|desc … limit … offset`,
    /// `delete from`, `update … set`, and `x is #Tag`.
    case select, from, `where`, group, by, order, asc, desc, offset, delete, update, `is`
    /// Control flow in scripts.
    case `if`, `else`, `while`, `break`, `continue`
    /// `diff "OTHER";` compares the open image with another.
    case diff
}
