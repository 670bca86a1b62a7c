extension Parser {
    /// An expression that may also be a range (`a..b`, `a..=b`, `a..`, `..b`).
    ///
    /// With `braceEndsRange` (a `for` header), a `{` right after `..` starts
    /// the loop's body and leaves the range open; elsewhere it starts a record
    /// literal, so `m.range({id: 1}..{id: 5})` works.
    mutating func parseRangeOrExpression(braceEndsRange: Bool = false) throws(Failure) -> Expression {
        let start = current
        if check(.dotDot) || check(.dotDotEqual) {
            let inclusive = advance().kind == .symbol(.dotDotEqual)
            let upper = try parseRangeUpper(inclusive: inclusive, braceEndsRange: braceEndsRange)
            return Expression(.range(lower: nil, upper: upper, inclusive: inclusive), range: range(from: start))
        }
        let lower = try parseExpression(expectation: "expected an expression")
        if check(.dotDot) || check(.dotDotEqual) {
            let inclusive = advance().kind == .symbol(.dotDotEqual)
            let upper = try parseRangeUpper(inclusive: inclusive, braceEndsRange: braceEndsRange)
            return Expression(.range(lower: lower, upper: upper, inclusive: inclusive), range: range(from: start))
        }
        return lower
    }

    private mutating func parseRangeUpper(inclusive: Bool, braceEndsRange: Bool) throws(Failure) -> Expression? {
        switch current.kind {
        case .symbol(.leftBrace) where !braceEndsRange:
            return try parseExpression(expectation: "expected an upper bound for the range")
        case .symbol(.rightParen), .symbol(.comma), .symbol(.leftBrace), .symbol(.semicolon), .endOfInput:
            if inclusive { throw fail("expected an upper bound after '..='") }
            return nil
        default:
            return try parseExpression(expectation: "expected an upper bound for the range")
        }
    }

    /// Parses an expression; `expectation` names what was wanted if none starts here.
    mutating func parseExpression(expectation: String) throws(Failure) -> Expression {
        try parseBinary(minimumPrecedence: 1, expectation: expectation)
    }

    private func binaryOperator() -> BinaryOperator? {
        switch current.kind {
        case .symbol(.star): return .multiply
        case .symbol(.slash): return .divide
        case .symbol(.percent): return .remainder
        case .symbol(.plus): return .add
        case .symbol(.minus): return .subtract
        case .symbol(.equalEqual): return .equal
        case .symbol(.notEqual): return .notEqual
        case .symbol(.less): return .less
        case .symbol(.lessEqual): return .lessEqual
        case .symbol(.greater): return .greater
        case .symbol(.greaterEqual): return .greaterEqual
        case .keyword(.and): return .and
        case .keyword(.or): return .or
        default: return nil
        }
    }

    private mutating func parseBinary(minimumPrecedence: Int, expectation: String) throws(Failure) -> Expression {
        var left = try parseUnary(expectation: expectation)
        // Each operator deepens the (left-leaning) tree: count it as nesting.
        let outerNesting = nesting
        defer { nesting = outerNesting }
        while true {
            if check(.is), minimumPrecedence <= 4 {
                try enterNesting()
                left = try parseIsVariant(left)
                continue
            }
            guard let op = binaryOperator(), op.precedence >= minimumPrecedence else { break }
            try enterNesting()
            let operatorToken = advance()
            let right = try parseBinary(
                minimumPrecedence: op.precedence + 1,
                expectation: "expected an expression after '\(op.rawValue)'")
            left = Expression(.binary(op, left, right), range: left.range.union(right.range))
            if op.isComparison, let next = binaryOperator(), next.isComparison {
                throw Failure(diagnostic: Diagnostic(
                    message: "comparisons do not chain: combine '\(op.rawValue)' and '\(next.rawValue)' with 'and'",
                    location: current.range.start))
            }
            _ = operatorToken
        }
        return left
    }

    private mutating func parseUnary(expectation: String) throws(Failure) -> Expression {
        try enterNesting()
        defer { nesting -= 1 }
        let start = current
        if match(.not) {
            let operand = try parseBinary(minimumPrecedence: 3, expectation: "expected an expression after 'not'")
            return Expression(.unary(.not, operand), range: range(from: start))
        }
        if match(.minus) {
            let operand = try parseUnary(expectation: "expected an expression after '-'")
            return Expression(.unary(.negate, operand), range: range(from: start))
        }
        return try parsePostfix(expectation: expectation)
    }

    private mutating func parsePostfix(expectation: String) throws(Failure) -> Expression {
        let start = current
        var expression = try parsePrimary(expectation: expectation)
        let outerNesting = nesting
        defer { nesting = outerNesting }
        while match(.dot) {
            try enterNesting()
            let method: String
            switch current.kind {
            case let .identifier(name): method = name
            case let .keyword(keyword): method = keyword.rawValue
            case let .integer(index): method = String(index)
            default: throw fail("expected a method or field name after '.'")
            }
            advance()
            guard check(.leftParen) else {
                expression = Expression(.field(expression, name: method), range: range(from: start))
                continue
            }
            let arguments = try parseArguments()
            expression = Expression(
                .methodCall(receiver: expression, method: method, arguments: arguments), range: range(from: start))
        }
        return expression
    }

    /// `{ name: value, … }` (a trailing comma is allowed).
    private mutating func parseRecordLiteral() throws(Failure) -> Expression {
        let start = current
        advance()
        var fields: [RecordLiteralField] = []
        while !check(.rightBrace) {
            let name: String
            switch current.kind {
            case let .identifier(identifier): name = identifier
            case let .keyword(keyword): name = keyword.rawValue
            default: throw fail("expected a field name or '}' in the record literal")
            }
            advance()
            try expect(.colon, "expected ':' after the field name '\(name)'")
            let value = try parseExpression(expectation: "expected a value for the field '\(name)'")
            fields.append(RecordLiteralField(name: name, value: value))
            if !match(.comma) { break }
        }
        try expect(.rightBrace, "expected '}' to close the record literal")
        return Expression(.record(fields), range: range(from: start))
    }

    /// `( [arg {, arg}] )`, arguments may be ranges.
    mutating func parseArguments() throws(Failure) -> [Expression] {
        try expect(.leftParen, "expected '(' to open the argument list")
        var arguments: [Expression] = []
        if match(.rightParen) { return arguments }
        repeat {
            arguments.append(try parseRangeOrExpression())
        } while match(.comma)
        try expect(.rightParen, "expected ')' to close the argument list")
        return arguments
    }

    private mutating func parsePrimary(expectation: String) throws(Failure) -> Expression {
        let start = current
        func literal(_ kind: ExpressionKind, _ parser: inout Parser) -> Expression {
            parser.advance()
            return Expression(kind, range: start.range)
        }
        switch current.kind {
        case let .integer(value): return literal(.integer(value), &self)
        case let .float(value): return literal(.float(value), &self)
        case let .string(text): return literal(.string(text), &self)
        case let .blob(bytes): return literal(.blob(bytes), &self)
        case .keyword(.true): return literal(.bool(true), &self)
        case .keyword(.false): return literal(.bool(false), &self)
        case .keyword(.none): return literal(.none, &self)
        case .keyword(.some):
            advance()
            try expect(.leftParen, "expected '(' after 'some'")
            let inner = try parseExpression(expectation: "expected a value inside 'some(…)'")
            try expect(.rightParen, "expected ')' to close 'some('")
            return Expression(.some(inner), range: range(from: start))
        case .keyword(.principal):
            advance()
            let text = try expectString("expected the principal's text in quotes after 'principal'")
            return Expression(.principal(text), range: range(from: start))
        case let .identifier(name):
            advance()
            if name == "candid" || name == "json", case let .string(text) = current.kind {
                advance()
                return Expression(name == "candid" ? .candidText(text) : .jsonText(text), range: range(from: start))
            }
            if name == "count", check(.leftParen), peekKind(1) == .symbol(.star), peekKind(2) == .symbol(.rightParen) {
                advance()
                let star = advance()
                advance()
                return Expression(.call(name: name, arguments: [Expression(.allRows, range: star.range)]), range: range(from: start))
            }
            if check(.leftParen) {
                let arguments = try parseArguments()
                return Expression(.call(name: name, arguments: arguments), range: range(from: start))
            }
            return Expression(.variable(name), range: start.range)
        case .symbol(.leftBrace):
            return try parseRecordLiteral()
        case .symbol(.leftBracket):
            return try parseListLiteral()
        case .symbol(.hash):
            return try parseVariantLiteral()
        case .symbol(.leftParen):
            advance()
            if match(.rightParen) { return Expression(.unit, range: range(from: start)) }
            let first = try parseExpression(expectation: "expected an expression after '('")
            if match(.rightParen) {
                var grouped = first
                grouped.range = range(from: start)
                return grouped
            }
            var elements = [first]
            while match(.comma) {
                elements.append(try parseExpression(expectation: "expected a tuple element after ','"))
            }
            try expect(.rightParen, elements.count > 1 ? "expected ')' to close the tuple" : "expected ')' to close the parenthesis")
            return Expression(.tuple(elements), range: range(from: start))
        default:
            throw fail(expectation)
        }
    }
}

extension Parser {
    /// `[ value, … ]` (a trailing comma is allowed).
    mutating func parseListLiteral() throws(Failure) -> Expression {
        let start = current
        advance()
        var elements: [Expression] = []
        while !check(.rightBracket) {
            elements.append(try parseExpression(expectation: "expected a list element or ']'"))
            if !match(.comma) { break }
        }
        try expect(.rightBracket, "expected ',' or ']' to close the list literal")
        return Expression(.list(elements), range: range(from: start))
    }

    /// `#Tag` or `#Tag(payload)`.
    mutating func parseVariantLiteral() throws(Failure) -> Expression {
        let start = current
        advance()
        let tag: String
        switch current.kind {
        case let .identifier(name): tag = name
        case let .keyword(keyword): tag = keyword.rawValue
        default: throw fail("expected a variant tag after '#', as in #Active")
        }
        advance()
        var payload: Expression? = nil
        if match(.leftParen) {
            payload = try parseExpression(expectation: "expected the payload of #\(tag)(…)")
            try expect(.rightParen, "expected ')' to close #\(tag)(…")
        }
        return Expression(.variant(tag: tag, payload: payload), range: range(from: start))
    }
}
