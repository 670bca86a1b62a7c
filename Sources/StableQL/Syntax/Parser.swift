/// A recursive-descent parser (Pratt for operators) from tokens to the AST.
///
/// The parser recovers after an error by skipping to the next `;` (or the
/// end of the enclosing block), so one pass reports every syntax error of a
/// script. Messages say what was expected ("expected ')' to close the
/// argument list"), never just "syntax error".
public struct Parser {
    var tokens: [Token]
    var position = 0
    /// The current nesting of expressions and types, bounded by
    /// ``maximumNesting`` so deeply nested input cannot exhaust the stack.
    var nesting = 0
    /// The deepest nesting the parser accepts.
    static let maximumNesting = 200
    /// Diagnostics recorded by the parser (lexer diagnostics are kept apart).
    var diagnostics: [Diagnostic] = []
    let lexerDiagnostics: [Diagnostic]

    /// An internal signal that the current statement failed; `diagnostic` is
    /// nil when the problem was already reported (by the lexer).
    struct Failure: Error {
        var diagnostic: Diagnostic?
    }

    init(source: String) {
        let (tokens, lexerDiagnostics) = Lexer.tokenize(source)
        self.tokens = tokens
        self.lexerDiagnostics = lexerDiagnostics
    }

    /// Parses a whole text into statements and diagnostics.
    public static func parse(_ source: String) -> ParseResult {
        var parser = Parser(source: source)
        return parser.parseProgram()
    }

    /// Parses a single expression (for tests and tools); nil with diagnostics on error.
    public static func parseExpression(_ source: String) -> (Expression?, [Diagnostic]) {
        var parser = Parser(source: source)
        do throws(Failure) {
            let expression = try parser.parseRangeOrExpression()
            if !parser.atEnd {
                throw Failure(diagnostic: parser.unexpected("expected the end of the expression"))
            }
            return (expression, parser.lexerDiagnostics + parser.diagnostics)
        } catch {
            if let diagnostic = error.diagnostic { parser.diagnostics.append(diagnostic) }
            return (nil, parser.lexerDiagnostics + parser.diagnostics)
        }
    }

    // MARK: - Program

    mutating func parseProgram() -> ParseResult {
        var entries: [(offset: Int, item: ParsedItem)] = []
        var failedRanges: [(range: Range<Int>, index: Int)] = []
        var parsedRanges: [(range: Range<Int>, index: Int)] = []
        while !atEnd {
            if check(.semicolon) {
                advance()
                continue
            }
            let startToken = current
            let before = diagnostics.count
            do throws(Failure) {
                let statement = try parseStatement(topLevel: true)
                if diagnostics.count > before {
                    failedRanges.append((startToken.range.start.offset..<previous.range.end.offset, entries.count))
                    entries.append((startToken.range.start.offset, .error(Array(diagnostics[before...]))))
                } else {
                    parsedRanges.append((startToken.range.start.offset..<previous.range.end.offset, entries.count))
                    entries.append((startToken.range.start.offset, .statement(statement)))
                }
            } catch {
                if let diagnostic = error.diagnostic { diagnostics.append(diagnostic) }
                synchronize(nested: false)
                let end = max(previous.range.end.offset, startToken.range.start.offset + 1)
                failedRanges.append((startToken.range.start.offset..<end, entries.count))
                entries.append((startToken.range.start.offset, .error(Array(diagnostics[before...]))))
            }
        }
        // Lexer diagnostics join the failed statement that contains them, turn
        // a statement that parsed around a bad token (such as a string with
        // an unknown escape) into a failed one, so it never runs, or stand
        // alone (an unterminated comment after the last statement).
        for diagnostic in lexerDiagnostics {
            if let failed = failedRanges.first(where: { $0.range.contains(diagnostic.location.offset) }),
               case let .error(existing) = entries[failed.index].item {
                let merged = (existing + [diagnostic]).sorted { $0.location.offset < $1.location.offset }
                entries[failed.index].item = .error(merged)
            } else if let parsed = parsedRanges.first(where: { $0.range.contains(diagnostic.location.offset) }) {
                entries[parsed.index].item = .error([diagnostic])
                failedRanges.append(parsed)
            } else {
                entries.append((diagnostic.location.offset, .error([diagnostic])))
            }
        }
        let ordered = entries.enumerated().sorted {
            ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset)
        }
        return ParseResult(items: ordered.map(\.element.item))
    }

    /// Skips to a point where parsing can resume: past the next `;` at this
    /// nesting depth, past a closing `}` of a block opened in the skipped
    /// text, or before the `}` that closes the enclosing block.
    mutating func synchronize(nested: Bool) {
        var depth = 0
        while !atEnd {
            switch current.kind {
            case .symbol(.semicolon) where depth == 0:
                advance()
                return
            case .symbol(.leftBrace):
                depth += 1
            case .symbol(.rightBrace):
                if depth == 0 {
                    if !nested { advance() }
                    return
                }
                depth -= 1
                if depth == 0 {
                    advance()
                    if check(.semicolon) { advance() }
                    return
                }
            default:
                break
            }
            advance()
        }
    }

    // MARK: - Token access

    var current: Token { tokens[min(position, tokens.count - 1)] }
    var previous: Token { tokens[max(0, min(position - 1, tokens.count - 1))] }
    var atEnd: Bool { current.kind == .endOfInput }

    func peekKind(_ ahead: Int) -> TokenKind { tokens[min(position + ahead, tokens.count - 1)].kind }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func check(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }
    func check(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }

    mutating func match(_ symbol: Symbol) -> Bool {
        guard check(symbol) else { return false }
        advance()
        return true
    }

    mutating func match(_ keyword: Keyword) -> Bool {
        guard check(keyword) else { return false }
        advance()
        return true
    }

    /// A diagnostic "MESSAGE, found X" at the current token.
    func unexpected(_ expectation: String) -> Diagnostic {
        Diagnostic(message: "\(expectation), found \(current.kind.displayName)", location: current.range.start)
    }

    /// Fails with `expectation`; silently when the current token is invalid
    /// (the lexer has reported it already).
    func fail(_ expectation: String) -> Failure {
        if case .invalid = current.kind { return Failure(diagnostic: nil) }
        return Failure(diagnostic: unexpected(expectation))
    }

    mutating func expect(_ symbol: Symbol, _ expectation: String) throws(Failure) {
        guard match(symbol) else { throw fail(expectation) }
    }

    mutating func expectIdentifier(_ expectation: String) throws(Failure) -> String {
        if case let .identifier(name) = current.kind {
            advance()
            return name
        }
        if case let .keyword(keyword) = current.kind {
            throw Failure(diagnostic: Diagnostic(
                message: "\(expectation), found the keyword '\(keyword.rawValue)' (keywords are reserved)",
                location: current.range.start))
        }
        throw fail(expectation)
    }

    mutating func expectString(_ expectation: String) throws(Failure) -> String {
        if case let .string(text) = current.kind {
            advance()
            return text
        }
        throw fail(expectation)
    }

    /// Enters one level of nesting, failing past ``maximumNesting``.
    mutating func enterNesting() throws(Failure) {
        nesting += 1
        if nesting > Parser.maximumNesting {
            throw Failure(diagnostic: Diagnostic(
                message: "expression or type nested too deeply (more than \(Parser.maximumNesting) levels)",
                location: current.range.start))
        }
    }

    func range(from start: Token) -> SourceRange {
        SourceRange(start: start.range.start, end: previous.range.end)
    }
}
