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
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case percent = "%"
    case equalEqual = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case dotDot = ".."
    case dotDotEqual = "..="
    case arrow = "->"
    case leftParen = "("
    case rightParen = ")"
    case leftBrace = "{"
    case rightBrace = "}"
    case comma = ","
    case semicolon = ";"
    case dot = "."
    case equal = "="
}

/// StableQL's reserved words. They cannot name bindings; after a `.` any of
/// them may still name a method (`s.set(0, x)`).
///
/// Type names (`u64`, `string`, …) and built-in functions (`str`, `len`, …)
/// are not reserved: they are recognised by position.
public enum Keyword: String, CaseIterable, Sendable {
    case `let`, drop, open, close, reclaim, upgrade, memories, describe
    case print, assert, `for`, `in`, of, `default`, limit
    case map, set, vec, log, cell, heap
    case `true`, `false`, none, some, and, or, not, principal
}
