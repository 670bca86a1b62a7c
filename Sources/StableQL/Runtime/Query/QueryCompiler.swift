/// A compiled query expression: reads the current ``QueryRow`` (and, for
/// grouped queries, the current ``GroupSlot``) that it captured.
typealias RowExpression = () throws(QLError) -> Value

/// The group whose result a grouped query is computing: its `group by`
/// values and its aggregates.
final class GroupSlot {
    @exclusivity(unchecked) var keys: [Value] = []
    @exclusivity(unchecked) var accumulators: [Accumulator] = []
}

/// One aggregate call of a query with its compiled argument (nil for `count(*)`).
struct AggregateCall {
    let function: AggregateFunction
    let argument: RowExpression?
}

/// Turns query expressions into closures over a row, once per query, so
/// each row costs no lookup by name.
///
/// Row variables (`key`, `value`, `index`) hide session variables of the
/// same name. Expressions that read no row variable are evaluated once, when
/// compiled. In grouped mode (`group by`, or aggregates in the select list)
/// an expression is either one of the `group by` expressions, an aggregate,
/// or built from those and constants.
final class QueryCompiler {
    /// How an expression is evaluated.
    enum Mode {
        /// Once per row.
        case row
        /// Once per group, from its keys and aggregates.
        case grouped
    }

    let session: Session
    let row = QueryRow()
    let group = GroupSlot()
    let kind: StructureKind
    /// The `group by` expressions, for matching in grouped mode.
    var groupExpressions: [Expression] = []
    /// The aggregates met so far in grouped expressions.
    private(set) var aggregates: [AggregateCall] = []
    /// The row variables the compiled expressions read.
    private(set) var usedVariables: Set<RowVariable> = []

    init(session: Session, kind: StructureKind) {
        self.session = session
        self.kind = kind
    }

    /// The row variable `name` stands for in this query, if any.
    func rowVariable(_ name: String) -> RowVariable? {
        guard let variable = RowVariable(rawValue: name), kind.rowVariables.contains(variable) else { return nil }
        return variable
    }

    /// Whether `expression` reads a row variable or holds an aggregate or `*`.
    func dependsOnRow(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .integer, .float, .string, .blob, .bool, .none, .principal, .unit, .candidText, .jsonText: return false
        case .allRows: return true
        case let .list(items): return items.contains(where: dependsOnRow)
        case let .variant(_, payload): return payload.map(dependsOnRow) == true
        case let .variable(name): return rowVariable(name) != nil
        case let .some(inner), let .unary(_, inner), let .field(inner, _), let .isVariant(inner, _): return dependsOnRow(inner)
        case let .binary(_, left, right): return dependsOnRow(left) || dependsOnRow(right)
        case let .tuple(items): return items.contains(where: dependsOnRow)
        case let .call(name, items): return AggregateFunction.named(name) != nil || items.contains(where: dependsOnRow)
        case let .methodCall(receiver, _, items): return dependsOnRow(receiver) || items.contains(where: dependsOnRow)
        case let .range(lower, upper, _): return lower.map(dependsOnRow) == true || upper.map(dependsOnRow) == true
        case let .record(fields): return fields.contains { dependsOnRow($0.value) }
        }
    }

    /// Whether `expression` contains an aggregate call.
    static func containsAggregate(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .integer, .float, .string, .blob, .bool, .none, .principal, .unit, .variable, .allRows, .candidText, .jsonText:
            return false
        case let .some(inner), let .unary(_, inner), let .field(inner, _), let .isVariant(inner, _): return containsAggregate(inner)
        case let .list(items): return items.contains(where: containsAggregate)
        case let .variant(_, payload): return payload.map(containsAggregate) == true
        case let .binary(_, left, right): return containsAggregate(left) || containsAggregate(right)
        case let .tuple(items): return items.contains(where: containsAggregate)
        case let .call(name, items): return AggregateFunction.named(name) != nil || items.contains(where: containsAggregate)
        case let .methodCall(receiver, _, items): return containsAggregate(receiver) || items.contains(where: containsAggregate)
        case let .range(lower, upper, _):
            return lower.map(containsAggregate) == true || upper.map(containsAggregate) == true
        case let .record(fields): return fields.contains { containsAggregate($0.value) }
        }
    }

    /// Compiles `expression` for `mode`.
    func compile(_ expression: Expression, _ mode: Mode) throws(QLError) -> RowExpression {
        if mode == .grouped {
            if let index = groupExpressions.firstIndex(where: { $0.sameShape(as: expression) }) {
                let group = self.group
                return { () throws(QLError) in group.keys[index] }
            }
            if case let .call(name, arguments) = expression.kind, let function = AggregateFunction.named(name) {
                return try compileAggregate(function, arguments, expression)
            }
        } else if case let .call(name, _) = expression.kind, AggregateFunction.named(name) != nil {
            throw QLError(.syntax, "\(name)(…) is an aggregate: it is only allowed in the select list and in order by of a query, and not inside another aggregate")
        }
        if !dependsOnRow(expression) && !expression.mayWrite {
            let value = try session.evaluate(expression)
            return { () throws(QLError) in value }
        }
        switch expression.kind {
        case .integer, .float, .string, .blob, .bool, .none, .principal, .unit, .candidText, .jsonText:
            let value = try session.evaluate(expression)
            return { () throws(QLError) in value }
        case let .list(elements):
            let plans = try compileAll(elements, mode)
            return { () throws(QLError) in
                var values: [Value] = []
                for plan in plans { values.append(try plan()) }
                return try CandidBridge.list(values)
            }
        case let .variant(tag, payload):
            let plan = try payload.map { (inner) throws(QLError) in try compile(inner, mode) }
            return { () throws(QLError) in try CandidBridge.variant(tag, try plan.map { (inner) throws(QLError) in try inner() }) }
        case .allRows:
            throw QLError(.syntax, "'*' is only allowed in count(*) and as the whole select list (select * from …)")
        case let .variable(name):
            guard let variable = rowVariable(name) else {
                return { [session] () throws(QLError) in try session.evaluate(expression) }
            }
            if mode == .grouped {
                throw QLError(.syntax, "'\(name)' must appear in group by or inside an aggregate (count, sum, min, max, avg)")
            }
            usedVariables.insert(variable)
            let row = self.row
            switch variable {
            case .key, .index: return { () throws(QLError) in row.key }
            case .value: return { () throws(QLError) in row.value }
            }
        case let .some(inner):
            let value = try compile(inner, mode)
            return { () throws(QLError) in try Value.some(try value()).checkDepth() }
        case let .unary(op, operand):
            let value = try compile(operand, mode)
            switch op {
            case .negate: return { () throws(QLError) in try value().negated() }
            case .not: return { () throws(QLError) in .bool(!(try value().truth("'not'"))) }
            }
        case let .binary(op, left, right):
            let lhs = try compile(left, mode)
            let rhs = try compile(right, mode)
            switch op {
            case .and:
                return { () throws(QLError) in
                    guard try lhs().truth("'and'") else { return .bool(false) }
                    return .bool(try rhs().truth("'and'"))
                }
            case .or:
                return { () throws(QLError) in
                    if try lhs().truth("'or'") { return .bool(true) }
                    return .bool(try rhs().truth("'or'"))
                }
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
                return { () throws(QLError) in
                    let a = try lhs()
                    let b = try rhs()
                    // Integers, the common case, skip the general comparison.
                    if case let .integer(x) = a, case let .integer(y) = b { return .bool(QueryCompiler.compareIntegers(op, x, y)) }
                    return .bool(try Value.comparison(op, a, b))
                }
            case .add, .subtract, .multiply, .divide, .remainder:
                if let constant = try constantValue(right), case let .integer(y) = constant {
                    // `value % 3`: the constant is read once, not called per row.
                    return { () throws(QLError) in
                        let a = try lhs()
                        if case let .integer(x) = a { return .integer(try QueryCompiler.integerArithmetic(op, x, y)) }
                        return try Value.arithmetic(op, a, constant)
                    }
                }
                return { () throws(QLError) in
                    let a = try lhs()
                    let b = try rhs()
                    if case let .integer(x) = a, case let .integer(y) = b { return .integer(try QueryCompiler.integerArithmetic(op, x, y)) }
                    return try Value.arithmetic(op, a, b)
                }
            }
        case let .tuple(elements):
            let plans = try compileAll(elements, mode)
            return { () throws(QLError) in
                var values: [Value] = []
                for plan in plans { values.append(try plan()) }
                return try Value.tuple(values).checkDepth()
            }
        case let .call(name, arguments):
            let plans = try compileAll(arguments, mode)
            return { () throws(QLError) in
                var values: [Value] = []
                for plan in plans { values.append(try plan()) }
                return try Builtins.call(name, values)
            }
        case let .methodCall(receiver, method, arguments):
            return try compileMethodCall(receiver, method, arguments, mode, expression)
        case let .record(fields):
            var plans: [(String, RowExpression)] = []
            for field in fields {
                if plans.contains(where: { $0.0 == field.name }) {
                    throw QLError("field '\(field.name)' is given twice in the record literal")
                }
                plans.append((field.name, try compile(field.value, mode)))
            }
            return { () throws(QLError) in
                var entries: [RecordEntry] = []
                for (name, plan) in plans { entries.append(RecordEntry(name, try plan())) }
                return try Value.record(entries).checkDepth()
            }
        case let .field(base, name):
            let value = try compile(base, mode)
            return { () throws(QLError) in try value().field(name) }
        case let .isVariant(base, tag):
            let value = try compile(base, mode)
            return { () throws(QLError) in .bool(try value().hasVariantTag(tag)) }
        case .range:
            throw QLError("a range (\(session.text(of: expression.range))) is only allowed in range(…) and in a for loop")
        }
    }

    /// The value of `expression` when it reads no row (evaluated now), else nil.
    func constantValue(_ expression: Expression) throws(QLError) -> Value? {
        guard !dependsOnRow(expression), !expression.mayWrite else { return nil }
        return try session.evaluate(expression)
    }

    /// A `where` condition as a predicate: true keeps the row; `none` counts
    /// as false; any other value that is not a bool is an error. Comparisons
    /// and `and`/`or` of comparisons produce their answer without building
    /// a value.
    func compileCondition(_ expression: Expression) throws(QLError) -> () throws(QLError) -> Bool {
        if let test = try compileTest(expression) { return test }
        let value = try compile(expression, .row)
        return { () throws(QLError) in
            switch try value() {
            case let .bool(flag): return flag
            case .none: return false
            case let other: throw QLError(.type, "where needs a bool, found \(other.kindName) \(other.literal)")
            }
        }
    }

    /// A comparison, or `and`/`or`/`not` over comparisons, as a predicate; nil for other forms.
    private func compileTest(_ expression: Expression) throws(QLError) -> (() throws(QLError) -> Bool)? {
        guard case let .binary(op, left, right) = expression.kind else { return nil }
        switch op {
        case .and, .or:
            let lhs = try compileOperand(left, op)
            let rhs = try compileOperand(right, op)
            if op == .and {
                return { () throws(QLError) in
                    guard try lhs() else { return false }
                    return try rhs()
                }
            }
            return { () throws(QLError) in
                if try lhs() { return true }
                return try rhs()
            }
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let lhs = try compile(left, .row)
            if let constant = try constantValue(right) {
                if case let .integer(y) = constant {
                    return { () throws(QLError) in
                        let a = try lhs()
                        if case let .integer(x) = a { return QueryCompiler.compareIntegers(op, x, y) }
                        return try Value.comparison(op, a, constant)
                    }
                }
                return { () throws(QLError) in try Value.comparison(op, try lhs(), constant) }
            }
            let rhs = try compile(right, .row)
            return { () throws(QLError) in
                let a = try lhs()
                let b = try rhs()
                if case let .integer(x) = a, case let .integer(y) = b { return QueryCompiler.compareIntegers(op, x, y) }
                return try Value.comparison(op, a, b)
            }
        default:
            return nil
        }
    }

    /// An operand of `and`/`or`: it must be a bool (as in any expression).
    private func compileOperand(_ expression: Expression, _ op: BinaryOperator) throws(QLError) -> () throws(QLError) -> Bool {
        if let test = try compileTest(expression) { return test }
        let value = try compile(expression, .row)
        let context = "'\(op.rawValue)'"
        return { () throws(QLError) in try value().truth(context) }
    }

    /// `x op y` for a comparison of two integers.
    @inline(__always)
    static func compareIntegers(_ op: BinaryOperator, _ x: QLInteger, _ y: QLInteger) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        default: return x >= y
        }
    }

    /// `x op y` for arithmetic on two integers (the rules of ``Value/arithmetic(_:_:_:)``).
    @inline(__always)
    static func integerArithmetic(_ op: BinaryOperator, _ x: QLInteger, _ y: QLInteger) throws(QLError) -> QLInteger {
        switch op {
        case .add: return try x.adding(y)
        case .subtract: return try x.subtracting(y)
        case .multiply: return try x.multiplying(y)
        case .divide: return try x.dividing(by: y)
        default: return try x.remainder(dividingBy: y)
        }
    }

    private func compileAll(_ expressions: [Expression], _ mode: Mode) throws(QLError) -> [RowExpression] {
        var plans: [RowExpression] = []
        for expression in expressions { plans.append(try compile(expression, mode)) }
        return plans
    }

    private func compileAggregate(
        _ function: AggregateFunction, _ arguments: [Expression], _ expression: Expression
    ) throws(QLError) -> RowExpression {
        let text = session.text(of: expression.range)
        let argument: RowExpression?
        if arguments.count == 1, arguments[0].kind == .allRows {
            guard function == .count else { throw QLError(.syntax, "\(text): only count takes '*'") }
            argument = nil
        } else {
            guard arguments.count == 1 else {
                throw QLError(.syntax, "\(text): \(function.rawValue) takes one argument\(function == .count ? " (or '*')" : "")")
            }
            argument = try compile(arguments[0], .row)
        }
        let index = aggregates.count
        aggregates.append(AggregateCall(function: function, argument: argument))
        let group = self.group
        return { () throws(QLError) in group.accumulators[index].result }
    }

    private func compileMethodCall(
        _ receiver: Expression, _ method: String, _ arguments: [Expression], _ mode: Mode, _ expression: Expression
    ) throws(QLError) -> RowExpression {
        guard case let .variable(name) = receiver.kind, rowVariable(name) == nil, let record = session.structures[name] else {
            throw session.notAStructure(receiver, method)
        }
        guard let bound = record.box.method(named: method) else {
            throw session.noMethod(method, binding: name, kind: record.kind)
        }
        var plans: [(RowExpression?, RowExpression?, Bool, isRange: Bool)] = []
        for argument in arguments {
            if case let .range(lower, upper, inclusive) = argument.kind {
                plans.append((try lower.map { (bound) throws(QLError) in try compile(bound, mode) },
                              try upper.map { (bound) throws(QLError) in try compile(bound, mode) }, inclusive, true))
            } else {
                plans.append((try compile(argument, mode), nil, false, false))
            }
        }
        let session = self.session
        let iteration = QLError("\(session.text(of: expression.range)) is an iteration: it cannot be a value in a query")
        return { () throws(QLError) in
            var evaluated: [Argument] = []
            for plan in plans {
                if plan.isRange {
                    evaluated.append(.range(lower: try plan.0.map { (f) throws(QLError) in try f() },
                                            upper: try plan.1.map { (f) throws(QLError) in try f() }, inclusive: plan.2))
                } else if let value = plan.0 {
                    evaluated.append(.value(try value()))
                }
            }
            switch try session.invoke(bound, evaluated, binding: name) {
            case let .value(value), let .silent(value): return value
            case .rows: throw iteration
            }
        }
    }
}
