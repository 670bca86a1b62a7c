extension Parser {
    /// `select …` after `select`: the select list, `from`, and the optional clauses.
    mutating func parseQuery() throws(Failure) -> Query {
        var columns: [SelectItem] = []
        if check(.star), peekKind(1) == .keyword(.from) {
            let star = advance()
            columns.append(SelectItem(expression: Expression(.allRows, range: star.range)))
        } else {
            repeat {
                let expression = try parseExpression(expectation: "expected a column expression after 'select'")
                var alias: String? = nil
                if case .identifier("as") = current.kind {
                    advance()
                    alias = try expectIdentifier("expected a column name after 'as'")
                }
                columns.append(SelectItem(expression: expression, alias: alias))
            } while match(.comma)
        }
        guard match(.from) else { throw fail("expected ',' or 'from' and a structure after the select list") }
        let source = try expectIdentifier("expected a structure binding after 'from'")
        var query = Query(columns: columns, source: source)
        query.filter = try parseWhere()
        if match(.group) {
            guard match(.by) else { throw fail("expected 'by' after 'group'") }
            repeat {
                query.groupBy.append(try parseExpression(expectation: "expected an expression after 'group by'"))
            } while match(.comma)
        }
        if match(.order) {
            guard match(.by) else { throw fail("expected 'by' after 'order'") }
            repeat {
                let expression = try parseExpression(expectation: "expected an expression after 'order by'")
                var descending = false
                if match(.desc) { descending = true } else { _ = match(.asc) }
                query.orderBy.append(OrderItem(expression: expression, descending: descending))
            } while match(.comma)
        }
        if match(.limit) {
            query.limit = try parseExpression(expectation: "expected a row count after 'limit'")
            if match(.offset) {
                query.offset = try parseExpression(expectation: "expected a row count after 'offset'")
            }
        } else if check(.offset) {
            throw fail("expected 'limit N' before 'offset'")
        }
        return query
    }

    /// `[where EXPR]`.
    mutating func parseWhere() throws(Failure) -> Expression? {
        guard match(.where) else { return nil }
        return try parseExpression(expectation: "expected a condition after 'where'")
    }

    /// `delete from BINDING [where EXPR]` after `delete`.
    mutating func parseDelete() throws(Failure) -> StatementKind {
        guard match(.from) else { throw fail("expected 'from' after 'delete'") }
        let binding = try expectIdentifier("expected a structure binding after 'delete from'")
        return .delete(binding: binding, filter: try parseWhere())
    }

    /// `update BINDING set value = EXPR [where EXPR]` after `update`.
    mutating func parseUpdate() throws(Failure) -> StatementKind {
        let binding = try expectIdentifier("expected a structure binding after 'update'")
        guard match(.set) else { throw fail("expected 'set value = …' after 'update \(binding)'") }
        guard case .identifier("value") = current.kind else { throw fail("expected 'value' after 'set' (update sets the value of each row)") }
        advance()
        try expect(.equal, "expected '=' after 'set value'")
        let value = try parseExpression(expectation: "expected the new value after 'set value ='")
        return .update(binding: binding, value: value, filter: try parseWhere())
    }

    /// `is #Tag` after an expression.
    mutating func parseIsVariant(_ subject: Expression) throws(Failure) -> Expression {
        advance()
        try expect(.hash, "expected '#' and a variant tag after 'is' (as in x is #Active)")
        let tag: String
        switch current.kind {
        case let .identifier(name): tag = name
        case let .keyword(keyword): tag = keyword.rawValue
        case let .integer(number): tag = String(number)
        default: throw fail("expected a variant tag after '#'")
        }
        advance()
        return Expression(.isVariant(subject, tag: tag), range: subject.range.union(previous.range))
    }
}
