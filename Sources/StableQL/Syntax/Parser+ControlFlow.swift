extension Parser {
    /// `if COND { … } [else if … | else { … }]` after `if`.
    mutating func parseIf(start: Token) throws(Failure) -> Statement {
        try enterNesting()
        defer { nesting -= 1 }
        let condition = try parseExpression(expectation: "expected a condition after 'if'")
        let then = try parseBlock(opening: "expected '{' to open the body of the 'if'")
        var otherwise: [Statement] = []
        if match(.else) {
            if check(.if) {
                let nested = advance()
                otherwise = [try parseIf(start: nested)]
            } else {
                otherwise = try parseBlock(opening: "expected '{' or 'if' after 'else'")
            }
        }
        _ = match(.semicolon)
        return Statement(.ifElse(condition: condition, then: then, otherwise: otherwise), range: range(from: start))
    }

    /// `while COND { … }` after `while`.
    mutating func parseWhile(start: Token) throws(Failure) -> Statement {
        try enterNesting()
        defer { nesting -= 1 }
        let condition = try parseExpression(expectation: "expected a condition after 'while'")
        let body = try parseBlock(opening: "expected '{' to open the body of the 'while'")
        _ = match(.semicolon)
        return Statement(.whileLoop(condition: condition, body: body), range: range(from: start))
    }

    /// `for NAME in (select …) { … }` after `in`, at the `(`.
    mutating func parseForQuery(variable: String, start: Token) throws(Failure) -> Statement {
        advance()
        advance()
        let query = try parseQuery()
        try expect(.rightParen, "expected ')' to close the query of the 'for'")
        let body = try parseBlock()
        _ = match(.semicolon)
        return Statement(.forQuery(variable: variable, query: query, body: body), range: range(from: start))
    }

    /// `NAME = EXPR` (the caller has seen `NAME` and `=`).
    mutating func parseAssignment() throws(Failure) -> StatementKind {
        let name = try expectIdentifier("expected a variable name")
        try expect(.equal, "expected '=' after '\(name)'")
        return .assign(name: name, value: try parseExpression(expectation: "expected a value after '\(name) ='"))
    }

    /// Whether the statement starting here is an assignment `NAME = …`.
    var startsAssignment: Bool {
        guard case .identifier = current.kind else { return false }
        return peekKind(1) == .symbol(.equal)
    }
}
