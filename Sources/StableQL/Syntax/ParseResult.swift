/// The outcome of parsing a source text: its statements and its syntax
/// errors, in source order.
public struct ParseResult: Sendable {
    /// Statements and failed statements, in source order.
    public var items: [ParsedItem]

    /// Every diagnostic, in source order.
    public var diagnostics: [Diagnostic] {
        items.flatMap { item -> [Diagnostic] in
            if case let .error(diagnostics) = item { return diagnostics }
            return []
        }
    }

    /// The statements that parsed, in source order.
    public var statements: [Statement] {
        items.compactMap { item in
            if case let .statement(statement) = item { return statement }
            return nil
        }
    }

    /// True when the text parsed without any error.
    public var isValid: Bool { diagnostics.isEmpty }
}

/// One top-level piece of a parsed text.
public enum ParsedItem: Sendable {
    /// A statement that parsed.
    case statement(Statement)
    /// A statement (or stray text) that did not parse, with its diagnostics.
    case error([Diagnostic])
}
