import Candid

extension Session {
    /// Evaluates an expression to a value.
    func evaluate(_ expression: Expression) throws(QLError) -> Value {
        switch expression.kind {
        case let .integer(value): return .integer(QLInteger(value))
        case let .float(value): return .float(value)
        case let .string(text): return .string(text)
        case let .blob(bytes): return .blob(bytes)
        case let .bool(flag): return .bool(flag)
        case .none: return .none
        case .unit: return .unit
        case let .some(inner): return try Value.some(try evaluate(inner)).checkDepth()
        case let .principal(text): return .principal(try PrincipalText.decode(text))
        case let .variable(name):
            guard let value = variables[name] ?? (name == "_" ? lastValue : nil) else {
                if let record = structures[name] {
                    throw QLError(.name, "`\(name)` is a \(record.kind.rawValue); call one of its methods, as in \(name).len()")
                }
                throw QLError(.name, "unknown name '\(name)'")
            }
            return value
        case let .unary(op, operand):
            let value = try evaluate(operand)
            switch op {
            case .negate: return try value.negated()
            case .not: return .bool(!(try value.truth("'not'")))
            }
        case let .binary(op, left, right):
            switch op {
            case .and:
                guard try evaluate(left).truth("'and'") else { return .bool(false) }
                return .bool(try evaluate(right).truth("'and'"))
            case .or:
                if try evaluate(left).truth("'or'") { return .bool(true) }
                return .bool(try evaluate(right).truth("'or'"))
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
                return .bool(try Value.comparison(op, try evaluate(left), try evaluate(right)))
            case .add, .subtract, .multiply, .divide, .remainder:
                return try Value.arithmetic(op, try evaluate(left), try evaluate(right))
            }
        case let .tuple(elements):
            var values: [Value] = []
            for element in elements { values.append(try evaluate(element)) }
            return try Value.tuple(values).checkDepth()
        case let .call(name, arguments):
            if name == "len", arguments.count == 1, case let .variable(binding) = arguments[0].kind,
               let record = structures[binding] {
                return .int(try record.box.length())
            }
            var values: [Value] = []
            for argument in arguments { values.append(try evaluate(argument)) }
            return try Builtins.call(name, values)
        case let .methodCall(receiver, method, arguments):
            switch try callMethod(receiver: receiver, method: method, arguments: arguments) {
            case let .value(value), let .silent(value): return value
            case .rows:
                throw QLError("\(text(of: expression.range)) is an iteration: use it as a statement or in a for loop")
            }
        case let .record(fields):
            var entries: [RecordEntry] = []
            for field in fields {
                if entries.contains(where: { $0.name == field.name }) {
                    throw QLError("field '\(field.name)' is given twice in the record literal")
                }
                entries.append(RecordEntry(field.name, try evaluate(field.value)))
            }
            return try Value.record(entries).checkDepth()
        case let .field(base, name):
            if case let .variable(binding) = base.kind, variables[binding] == nil, let record = structures[binding] {
                throw QLError("`\(binding)` is a \(record.kind.rawValue) and has no fields; call a method, as in \(binding).\(name)()")
            }
            return try evaluate(base).field(name)
        case let .list(elements):
            var values: [Value] = []
            for element in elements { values.append(try evaluate(element)) }
            return try CandidBridge.list(values)
        case let .variant(tag, payload):
            return try CandidBridge.variant(tag, try payload.map { (inner) throws(QLError) in try evaluate(inner) })
        case let .candidText(text):
            do throws(CandidError) {
                return .candid(try CandidText.parseValue(text).untyped())
            } catch {
                throw QLError(.syntax, "candid \(Value.quote(text)): \(error.message)")
            }
        case let .jsonText(text):
            return .json(try JSONParser.parse(text))
        case .range:
            throw QLError("a range (\(text(of: expression.range))) is only allowed in range(…) and in a for loop")
        case let .isVariant(base, tag):
            return .bool(try evaluate(base).hasVariantTag(tag))
        case .allRows:
            throw QLError(.syntax, "'*' is only allowed in count(*) and in select * from …")
        }
    }
}
