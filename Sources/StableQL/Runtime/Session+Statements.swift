extension Session {
    /// Executes one statement (top-level or inside a block).
    func execute(_ statement: Statement) throws(QLError) {
        currentStatement = statement
        try checkInterrupt()
        switch statement.kind {
        case let .letValue(name, expression):
            let value = try evaluate(expression)
            variables[name] = value
        case let .print(expression):
            emit(try evaluateResult(expression, limit: nil))
        case let .expression(expression, limit):
            var rowLimit: Int? = nil
            if let limit {
                let value = try evaluate(limit)
                guard case let .integer(count) = value, !count.isNegative, let rows = count.exactly(Int.self) else {
                    throw QLError("limit needs a row count from 0 up, found \(value.literal)")
                }
                rowLimit = rows
            }
            emit(try evaluateResult(expression, limit: rowLimit))
        case let .assert(condition, message):
            guard try evaluate(condition).truth("assert") else {
                throw QLError("assertion failed: \(message ?? text(of: condition.range))")
            }
        case let .forLoop(variable, sequence, body):
            try executeFor(variable: variable, sequence: sequence, body: body)
        case let .drop(name):
            guard variables.removeValue(forKey: name) != nil else {
                throw QLError("drop: no binding named '\(name)'")
            }
        case .declare, .open, .close, .reclaim, .upgrade, .memories, .describe:
            throw QLError("\(Session.statementName(statement.kind)) needs the structures layer, which this build does not have yet")
        }
    }

    static func statementName(_ kind: StatementKind) -> String {
        switch kind {
        case let .declare(_, declaration): return "a \(declaration.kind.rawValue) declaration"
        case .open: return "open"
        case .close: return "close"
        case .reclaim: return "reclaim"
        case .upgrade: return "upgrade"
        case .memories: return "memories"
        case .describe: return "describe"
        default: return "this statement"
        }
    }

    /// The result an expression statement prints, honouring `limit`.
    func evaluateResult(_ expression: Expression, limit: Int?) throws(QLError) -> QueryResult {
        if limit != nil {
            throw QLError("limit applies to iterations (iter, range, keys, values), not to a single value")
        }
        return .value(try evaluate(expression))
    }

    func executeFor(variable: String, sequence: Expression, body: [Statement]) throws(QLError) {
        guard case let .range(lowerExpression, upperExpression, inclusive) = sequence.kind else {
            throw QLError("for: expected a range such as 0..10 or a structure's iter(), found \(text(of: sequence.range))")
        }
        guard let lowerExpression, let upperExpression else {
            throw QLError("for: the range needs both bounds (as in 0..10)")
        }
        let lowerValue = try evaluate(lowerExpression)
        let upperValue = try evaluate(upperExpression)
        guard case let .integer(lower) = lowerValue, case let .integer(upper) = upperValue else {
            throw QLError("for: range bounds must be integers, found \(lowerValue.literal) and \(upperValue.literal)")
        }
        let saved = variables[variable]
        defer { variables[variable] = saved }
        var index = lower
        let one = QLInteger(1)
        while inclusive ? index <= upper : index < upper {
            try checkInterrupt()
            variables[variable] = .integer(index)
            for statement in body { try execute(statement) }
            if index == upper { break }
            index = try index.adding(one)
        }
    }
}
