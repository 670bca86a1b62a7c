extension Expression {
    /// Whether two expressions are the same apart from where they are
    /// written (so `group by value.city` matches `select value.city`).
    func sameShape(as other: Expression) -> Bool {
        normalized.kind == other.normalized.kind
    }

    /// The expression with every source range set to the same place.
    var normalized: Expression {
        let nowhere = SourceRange(at: SourceLocation(offset: 0, line: 0, column: 0))
        func strip(_ expression: Expression) -> Expression {
            let kind: ExpressionKind
            switch expression.kind {
            case .integer, .float, .string, .blob, .bool, .none, .principal, .unit, .variable, .allRows, .candidText, .jsonText:
                kind = expression.kind
            case let .some(inner): kind = .some(strip(inner))
            case let .unary(op, inner): kind = .unary(op, strip(inner))
            case let .binary(op, left, right): kind = .binary(op, strip(left), strip(right))
            case let .tuple(items): kind = .tuple(items.map(strip))
            case let .call(name, items): kind = .call(name: name, arguments: items.map(strip))
            case let .methodCall(receiver, method, items):
                kind = .methodCall(receiver: strip(receiver), method: method, arguments: items.map(strip))
            case let .range(lower, upper, inclusive):
                kind = .range(lower: lower.map(strip), upper: upper.map(strip), inclusive: inclusive)
            case let .record(fields):
                kind = .record(fields.map { RecordLiteralField(name: $0.name, value: strip($0.value)) })
            case let .field(inner, name): kind = .field(strip(inner), name: name)
            case let .isVariant(inner, tag): kind = .isVariant(strip(inner), tag: tag)
            case let .list(items): kind = .list(items.map(strip))
            case let .variant(tag, payload): kind = .variant(tag: tag, payload: payload.map(strip))
            }
            return Expression(kind, range: nowhere)
        }
        return strip(self)
    }
}
