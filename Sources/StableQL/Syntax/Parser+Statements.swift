extension Parser {
    /// Parses one statement, including its terminating `;` (a block
    /// statement ends at its `}`). At top level the last statement may omit
    /// its `;` at the end of the input.
    mutating func parseStatement(topLevel: Bool) throws(Failure) -> Statement {
        let start = current
        let kind: StatementKind
        switch current.kind {
        case .keyword(.let):
            advance()
            kind = try parseLet()
        case .keyword(.drop):
            advance()
            kind = .drop(name: try expectIdentifier("expected a binding name after 'drop'"))
        case .keyword(.open):
            advance()
            kind = try parseOpen()
        case .keyword(.close):
            advance()
            kind = .close
        case .keyword(.reclaim):
            advance()
            kind = .reclaim(try parseExpression(expectation: "expected a memory id after 'reclaim'"))
        case .keyword(.upgrade):
            advance()
            var verify = true
            if case .identifier("fast") = current.kind {
                advance()
                verify = false
            }
            kind = .upgrade(verify: verify)
        case .keyword(.memories):
            advance()
            kind = .memories
        case .keyword(.describe):
            advance()
            kind = try parseDescribe()
        case .keyword(.extract), .keyword(.patch):
            kind = try parseMemoryTransfer()
        case .keyword(.import):
            advance()
            kind = .importCandid(path: try expectString("expected the path of a .did file in quotes after 'import'"))
        case .keyword(.verify):
            advance()
            kind = .verify(name: try expectIdentifier("expected a binding name after 'verify'"))
        case .keyword(.diff):
            advance()
            let path = try expectString("expected the other image's path as a string after 'diff'")
            var limit: Expression? = nil
            if match(.limit) {
                limit = try parseExpression(expectation: "expected a row count after 'limit'")
            }
            kind = .diff(path: path, limit: limit)
        case .keyword(.print):
            advance()
            kind = .print(try parseExpression(expectation: "expected an expression to print"))
        case .keyword(.assert):
            advance()
            let condition = try parseExpression(expectation: "expected a condition after 'assert'")
            var message: String? = nil
            if match(.comma) {
                message = try expectString("expected a message string after ',' in 'assert'")
            }
            kind = .assert(condition, message: message)
        case .keyword(.for):
            advance()
            return try parseFor(start: start)
        case .identifier("type") where { if case .identifier = peekKind(1) { return true } else { return false } }():
            advance()
            kind = try parseTypeDeclaration()
        case .keyword(.select):
            advance()
            kind = .select(try parseQuery())
        case .keyword(.delete):
            advance()
            kind = try parseDelete()
        case .keyword(.update):
            advance()
            kind = try parseUpdate()
        case .keyword(.if):
            advance()
            return try parseIf(start: start)
        case .keyword(.while):
            advance()
            return try parseWhile(start: start)
        case .keyword(.break):
            advance()
            kind = .breakLoop
        case .keyword(.continue):
            advance()
            kind = .continueLoop
        case .identifier where startsAssignment:
            kind = try parseAssignment()
        case .symbol(.leftBrace):
            throw fail("expected a statement ('{' only opens the body of a 'for', 'if' or 'while')")
        default:
            let expression = try parseExpression(expectation: "expected a statement")
            var limit: Expression? = nil
            if match(.limit) {
                limit = try parseExpression(expectation: "expected a row count after 'limit'")
            }
            kind = .expression(expression, limit: limit)
        }
        try expectTerminator(topLevel: topLevel)
        return Statement(kind, range: range(from: start))
    }

    /// Requires the `;` ending a statement. A missing `;` is reported at the
    /// end of the statement and parsing continues as if it were there.
    mutating func expectTerminator(topLevel: Bool) throws(Failure) {
        if match(.semicolon) { return }
        if topLevel && atEnd { return }
        if case .invalid = current.kind { throw Failure(diagnostic: nil) }
        let startsStatement: Bool
        switch current.kind {
        case .keyword(.let), .keyword(.drop), .keyword(.open), .keyword(.close), .keyword(.reclaim),
             .keyword(.upgrade), .keyword(.memories), .keyword(.describe), .keyword(.verify), .keyword(.diff), .keyword(.print),
             .keyword(.assert), .keyword(.for), .keyword(.import), .keyword(.extract), .keyword(.patch),
             .keyword(.select), .keyword(.delete), .keyword(.update),
             .keyword(.if), .keyword(.while), .keyword(.break), .keyword(.continue), .symbol(.rightBrace), .endOfInput:
            startsStatement = true
        default:
            startsStatement = previous.range.end.line < current.range.start.line
        }
        let diagnostic = Diagnostic(
            message: "expected ';' after the statement, found \(current.kind.displayName)",
            location: previous.range.end)
        if startsStatement {
            diagnostics.append(diagnostic)
            return
        }
        throw Failure(diagnostic: diagnostic)
    }

    /// `type NAME = record { … }` (after `type`).
    mutating func parseTypeDeclaration() throws(Failure) -> StatementKind {
        let nameToken = current
        let name = try expectIdentifier("expected a type name after 'type'")
        guard let first = name.unicodeScalars.first, first >= "A" && first <= "Z" else {
            throw Failure(diagnostic: Diagnostic(
                message: "type names start with an upper-case letter (as in Asset), found '\(name)'",
                location: nameToken.range.start))
        }
        try expect(.equal, "expected '=' after 'type \(name)'")
        guard case .identifier("record") = current.kind, peekKind(1) == .symbol(.leftBrace) else {
            throw fail("expected 'record {' after 'type \(name) ='")
        }
        return .typeDeclaration(name: name, type: try parseType(expectation: "expected 'record {'"))
    }

    mutating func parseLet() throws(Failure) -> StatementKind {
        let name = try expectIdentifier("expected a binding name after 'let'")
        try expect(.equal, "expected '=' after 'let \(name)'")
        if case let .keyword(keyword) = current.kind, let kind = StructureKind(rawValue: keyword.rawValue) {
            advance()
            return .declare(name: name, declaration: try parseDeclaration(kind))
        }
        return .letValue(name: name, value: try parseExpression(expectation: "expected a value after '='"))
    }

    mutating func parseDeclaration(_ kind: StructureKind) throws(Failure) -> StructureDeclaration {
        try expect(.leftParen, "expected '(' and a memory id after '\(kind.rawValue)'")
        var ids: [Expression] = []
        if !check(.rightParen) {
            repeat {
                ids.append(try parseExpression(expectation: "expected a memory id"))
            } while match(.comma)
        }
        try expect(.rightParen, "expected ')' to close the memory ids")
        if !ids.isEmpty && ids.count != kind.memoryCount {
            throw Failure(diagnostic: Diagnostic(
                message: "\(kind.rawValue) takes \(kind.memoryCount == 1 ? "one memory id" : "two memory ids (index, data)"), found \(ids.count)",
                location: ids[0].range.start))
        }
        guard match(.of) else { throw fail("expected 'of' and a type after '\(kind.rawValue)(…)'") }
        var keyType: TypeExpression? = nil
        var elementType = try parseType(expectation: "expected a type after 'of'")
        if kind == .map {
            guard match(.arrow) else { throw fail("expected '->' and a value type after the key type of a map") }
            keyType = elementType
            elementType = try parseType(expectation: "expected a value type after '->'")
        }
        var defaultValue: Expression? = nil
        if kind == .cell {
            guard match(.default) else { throw fail("expected 'default' and an initial value after the cell's type") }
            defaultValue = try parseExpression(expectation: "expected a value after 'default'")
        }
        return StructureDeclaration(
            kind: kind, memoryIds: ids, keyType: keyType, elementType: elementType, defaultValue: defaultValue)
    }

    mutating func parseOpen() throws(Failure) -> StatementKind {
        let path = try expectString("expected a file path in quotes after 'open'")
        var options = OpenOptions()
        while case let .identifier(word) = current.kind {
            switch word {
            case "readonly":
                advance()
                options.readOnly = true
            case "raw":
                advance()
                options.raw = true
            case "bucket_size":
                advance()
                options.bucketSize = try parseExpression(expectation: "expected a page count after 'bucket_size'")
            default:
                throw fail("expected 'readonly', 'raw', 'bucket_size N' or ';' after the path")
            }
        }
        return .open(path: path, options: options)
    }

    mutating func parseFor(start: Token) throws(Failure) -> Statement {
        try enterNesting()
        defer { nesting -= 1 }
        let variable = try expectIdentifier("expected a loop variable after 'for'")
        guard match(.in) else { throw fail("expected 'in' after 'for \(variable)'") }
        if check(.leftParen), peekKind(1) == .keyword(.select) {
            return try parseForQuery(variable: variable, start: start)
        }
        let sequence = try parseRangeOrExpression(braceEndsRange: true)
        let body = try parseBlock()
        _ = match(.semicolon)
        return Statement(.forLoop(variable: variable, sequence: sequence, body: body), range: range(from: start))
    }

    /// `{ statements }`; errors inside are recorded and the block continues.
    mutating func parseBlock(opening: String = "expected '{' to open the loop body") throws(Failure) -> [Statement] {
        let open = current
        try expect(.leftBrace, opening)
        var body: [Statement] = []
        while !check(.rightBrace) {
            if atEnd {
                throw Failure(diagnostic: Diagnostic(
                    message: "expected '}' to close the block opened at \(open.range.start)",
                    location: current.range.start))
            }
            if match(.semicolon) { continue }
            do throws(Failure) {
                body.append(try parseStatement(topLevel: false))
            } catch {
                if let diagnostic = error.diagnostic { diagnostics.append(diagnostic) }
                synchronize(nested: true)
            }
        }
        advance()
        return body
    }
}
