extension Parser {
    /// Whether `text` is ready to run, for the REPL's continuation prompt.
    ///
    /// Text is complete when it is empty (or only comments), or when it ends
    /// with a `;`, or with the `}` that closes its last open block — and no
    /// string, blob or `/* */` comment is left open. Syntax errors do not make
    /// text incomplete: complete-but-wrong text runs and reports them.
    public static func isComplete(_ text: String) -> Bool {
        var lexer = Lexer(text)
        let tokens = lexer.tokenize()
        if lexer.endsInsideLiteralOrComment { return false }
        var depth = 0
        var last: TokenKind? = nil
        for token in tokens where token.kind != .endOfInput {
            if token.kind == .symbol(.leftBrace) { depth += 1 }
            if token.kind == .symbol(.rightBrace) { depth -= 1 }
            last = token.kind
        }
        guard let last else { return true }
        if depth > 0 { return false }
        return last == .symbol(.semicolon) || last == .symbol(.rightBrace)
    }
}
