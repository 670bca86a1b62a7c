/// A `for` loop's body resolved once before the loop runs: each binding,
/// method and built-in is looked up a single time and each expression
/// becomes a closure, so an iteration does no lookup by name and no
/// dispatch on a method's name. The loop variable lives in a ``LoopSlot``
/// that the closures read directly.
///
/// A body is resolved only when nothing in it can change which structures
/// are bound or re-attach them (`let … = map(…)`, `drop`, `open`, `close`,
/// `upgrade`, `reclaim`, `type`) and nothing rebinds the loop variable;
/// other bodies run statement by statement as before.
struct LoopBody {
    /// One statement of the body: resolved, or run through ``Session/execute(_:)``.
    struct Step {
        let statement: Statement
        let run: (() throws(QLError) -> Void)?
    }

    /// The statements, in order.
    let steps: [Step]
    /// Whether some statement still runs through ``Session/execute(_:)``
    /// (a nested loop), which reads the loop variable by name.
    let needsNamedVariable: Bool
}

/// The current value of a loop variable, shared by the closures of a ``LoopBody``.
final class LoopSlot {
    var value: Value = .unit
}

extension Session {
    typealias ValuePlan = () throws(QLError) -> Value
    typealias CallPlan = () throws(QLError) -> MethodResult

    /// The body resolved for `variable` held in `slot`, or nil when the body
    /// must run statement by statement.
    func resolveLoopBody(_ body: [Statement], variable: String, slot: LoopSlot) -> LoopBody? {
        guard Session.isResolvable(body, variable: variable) else { return nil }
        var steps: [LoopBody.Step] = []
        var needsNamedVariable = false
        for statement in body {
            let run = resolve(statement, variable: variable, slot: slot)
            if run == nil { needsNamedVariable = true }
            steps.append(LoopBody.Step(statement: statement, run: run))
        }
        return LoopBody(steps: steps, needsNamedVariable: needsNamedVariable)
    }

    /// Whether no statement of `body`, at any depth, changes the bound
    /// structures or rebinds `variable`.
    static func isResolvable(_ body: [Statement], variable: String) -> Bool {
        body.allSatisfy { statement in
            switch statement.kind {
            case .declare, .drop, .open, .close, .upgrade, .reclaim, .typeDeclaration, .importCandid, .patchMemory: return false
            case let .letValue(name, _): return name != variable
            case let .forLoop(inner, _, innerBody): return inner != variable && isResolvable(innerBody, variable: variable)
            case .describeImage, .describeMemory, .extractMemory: return true
            case .expression, .print, .assert, .memories, .describe, .verify, .diff, .select, .delete, .update,
                 .breakLoop, .continueLoop: return true
            case let .assign(name, _): return name != variable
            case let .forQuery(inner, _, innerBody): return inner != variable && isResolvable(innerBody, variable: variable)
            case let .ifElse(_, then, otherwise):
                return isResolvable(then, variable: variable) && isResolvable(otherwise, variable: variable)
            case let .whileLoop(_, innerBody): return isResolvable(innerBody, variable: variable)
            }
        }
    }

    /// One statement as a closure, or nil to run it through ``execute(_:)``.
    private func resolve(_ statement: Statement, variable: String, slot: LoopSlot) -> (() throws(QLError) -> Void)? {
        switch statement.kind {
        case let .expression(expression, limit: nil):
            if case let .methodCall(receiver, method, arguments) = expression.kind {
                let call = resolveCall(receiver, method, arguments, variable: variable, slot: slot)
                return { [unowned self] () throws(QLError) in
                    // Inside a loop body a mutation's result is never printed.
                    switch try call() {
                    case let .rows(source): try emitRows(source, limit: nil)
                    case let .value(value): emit(.value(value))
                    case .silent: break
                    }
                }
            }
            let value = resolve(expression, variable: variable, slot: slot)
            return { [unowned self] () throws(QLError) in emit(.value(try value())) }
        case let .print(expression):
            if case let .methodCall(receiver, method, arguments) = expression.kind {
                let call = resolveCall(receiver, method, arguments, variable: variable, slot: slot)
                return { [unowned self] () throws(QLError) in
                    switch try call() {
                    case let .rows(source): try emitRows(source, limit: nil)
                    case let .value(value), let .silent(value): emit(.value(value))
                    }
                }
            }
            let value = resolve(expression, variable: variable, slot: slot)
            return { [unowned self] () throws(QLError) in emit(.value(try value())) }
        case let .assert(condition, message):
            let value = resolve(condition, variable: variable, slot: slot)
            let failure = QLError("assertion failed: \(message ?? text(of: condition.range))")
            return { () throws(QLError) in
                guard try value().truth("assert") else { throw failure }
            }
        case let .letValue(name, expression):
            if let record = structures[name] {
                let error = QLError(.name, "`\(name)` is bound to a \(record.kind.rawValue); drop it first")
                return { () throws(QLError) in throw error }
            }
            let value = resolve(expression, variable: variable, slot: slot)
            return { [unowned self] () throws(QLError) in variables[name] = try value() }
        default:
            return nil
        }
    }

    /// A method call with its binding and method resolved now.
    private func resolveCall(
        _ receiver: Expression, _ method: String, _ arguments: [Expression], variable: String, slot: LoopSlot
    ) -> CallPlan {
        guard case let .variable(name) = receiver.kind, let record = structures[name] else {
            let error = notAStructure(receiver, method)
            return { () throws(QLError) in throw error }
        }
        let bound = record.box.method(named: method)
        let missing = noMethod(method, binding: name, kind: record.kind)
        let plans = arguments.map { argument in resolveArgument(argument, variable: variable, slot: slot) }
        // Checked now against the signature, raised (as before) once the
        // arguments are evaluated.
        var mismatch: QLError? = nil
        if let bound {
            do throws(QLError) {
                try CheckedArguments.check(arguments.count, for: bound.signature) { index in
                    if case .range = arguments[index].kind { return true }
                    return false
                }
            } catch {
                mismatch = error.prefixed("\(name).\(method)")
            }
        }
        // Value arguments (no ranges) are evaluated straight into the
        // checked arguments: no intermediate array, no optional closures.
        let valuePlans = arguments.compactMap { (argument) -> ValuePlan? in
            if case .range = argument.kind { return nil }
            return resolve(argument, variable: variable, slot: slot)
        }
        guard let bound, mismatch == nil, valuePlans.count == arguments.count, arguments.count <= 2 else {
            return { [unowned self] () throws(QLError) -> MethodResult in
                var evaluated: [Argument] = []
                for plan in plans { evaluated.append(try plan()) }
                try checkInterrupt()
                guard let bound else { throw missing }
                if let mismatch { throw mismatch }
                return try invoke(bound, evaluated, binding: name)
            }
        }
        let context = "\(name).\(method)"
        let run = bound.run
        switch valuePlans.count {
        case 0:
            return { [unowned self] () throws(QLError) -> MethodResult in
                try checkInterrupt()
                return try Session.labelled(context) { () throws(QLError) in try run(CheckedArguments(checked: nil, nil)) }
            }
        case 1:
            let first = valuePlans[0]
            return { [unowned self] () throws(QLError) -> MethodResult in
                let arguments = CheckedArguments(checked: .value(try first()), nil)
                try checkInterrupt()
                return try Session.labelled(context) { () throws(QLError) in try run(arguments) }
            }
        default:
            let first = valuePlans[0]
            let second = valuePlans[1]
            return { [unowned self] () throws(QLError) -> MethodResult in
                let arguments = CheckedArguments(checked: .value(try first()), .value(try second()))
                try checkInterrupt()
                return try Session.labelled(context) { () throws(QLError) in try run(arguments) }
            }
        }
    }

    /// Runs `body`, naming the call `context` (`users.insert`) in its errors
    /// and in the errors of the rows it produces.
    @inline(__always)
    static func labelled(_ context: String, _ body: () throws(QLError) -> MethodResult) throws(QLError) -> MethodResult {
        do throws(QLError) {
            let result = try body()
            if case let .rows(source) = result { return .rows(source.labelled(context)) }
            return result
        } catch {
            throw error.prefixed(context)
        }
    }

    private func resolveArgument(_ argument: Expression, variable: String, slot: LoopSlot) -> () throws(QLError) -> Argument {
        guard case let .range(lower, upper, inclusive) = argument.kind else {
            let value = resolve(argument, variable: variable, slot: slot)
            return { () throws(QLError) in .value(try value()) }
        }
        let lowerPlan = lower.map { resolve($0, variable: variable, slot: slot) }
        let upperPlan = upper.map { resolve($0, variable: variable, slot: slot) }
        return { () throws(QLError) in
            .range(lower: try lowerPlan.map { (plan) throws(QLError) in try plan() },
                   upper: try upperPlan.map { (plan) throws(QLError) in try plan() }, inclusive: inclusive)
        }
    }

    /// An expression as a closure; it evaluates as ``evaluate(_:)`` would.
    private func resolve(_ expression: Expression, variable: String, slot: LoopSlot) -> ValuePlan {
        switch expression.kind {
        case .integer, .float, .string, .blob, .bool, .none, .unit:
            // Literals cannot fail.
            let value = (try? evaluate(expression)) ?? .unit
            return { () throws(QLError) in value }
        case let .variable(name) where name == variable:
            return { () throws(QLError) in slot.value }
        case .variable, .principal, .range, .candidText, .jsonText, .allRows:
            return { [unowned self] () throws(QLError) in try evaluate(expression) }
        case let .isVariant(base, tag):
            let value = resolve(base, variable: variable, slot: slot)
            return { () throws(QLError) in .bool(try value().hasVariantTag(tag)) }
        case let .some(inner):
            let value = resolve(inner, variable: variable, slot: slot)
            return { () throws(QLError) in try Value.some(try value()).checkDepth() }
        case let .unary(op, operand):
            let value = resolve(operand, variable: variable, slot: slot)
            switch op {
            case .negate: return { () throws(QLError) in try value().negated() }
            case .not: return { () throws(QLError) in .bool(!(try value().truth("'not'"))) }
            }
        case let .binary(op, left, right):
            let lhs = resolve(left, variable: variable, slot: slot)
            let rhs = resolve(right, variable: variable, slot: slot)
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
                return { () throws(QLError) in .bool(try Value.comparison(op, try lhs(), try rhs())) }
            case .add, .subtract, .multiply, .divide, .remainder:
                return { () throws(QLError) in try Value.arithmetic(op, try lhs(), try rhs()) }
            }
        case let .tuple(elements):
            let plans = elements.map { resolve($0, variable: variable, slot: slot) }
            return { () throws(QLError) in
                var values: [Value] = []
                for plan in plans { values.append(try plan()) }
                return try Value.tuple(values).checkDepth()
            }
        case let .call(name, arguments):
            if name == "len", arguments.count == 1, case let .variable(binding) = arguments[0].kind,
               let box = structures[binding]?.box {
                return { () throws(QLError) in .int(try box.length()) }
            }
            let plans = arguments.map { resolve($0, variable: variable, slot: slot) }
            return { () throws(QLError) in
                var values: [Value] = []
                for plan in plans { values.append(try plan()) }
                return try Builtins.call(name, values)
            }
        case let .methodCall(receiver, method, arguments):
            let call = resolveCall(receiver, method, arguments, variable: variable, slot: slot)
            let iteration = QLError("\(text(of: expression.range)) is an iteration: use it as a statement or in a for loop")
            return { () throws(QLError) in
                switch try call() {
                case let .value(value), let .silent(value): return value
                case .rows: throw iteration
                }
            }
        case let .record(fields):
            let plans = fields.map { (name: $0.name, value: resolve($0.value, variable: variable, slot: slot)) }
            return { () throws(QLError) in
                var entries: [RecordEntry] = []
                for field in plans {
                    if entries.contains(where: { $0.name == field.name }) {
                        throw QLError("field '\(field.name)' is given twice in the record literal")
                    }
                    entries.append(RecordEntry(field.name, try field.value()))
                }
                return try Value.record(entries).checkDepth()
            }
        case let .list(elements):
            let plans = elements.map { resolve($0, variable: variable, slot: slot) }
            return { () throws(QLError) in
                var values: [Value] = []
                for plan in plans { values.append(try plan()) }
                return try CandidBridge.list(values)
            }
        case let .variant(tag, payload):
            let plan = payload.map { resolve($0, variable: variable, slot: slot) }
            return { () throws(QLError) in try CandidBridge.variant(tag, try plan.map { (inner) throws(QLError) in try inner() }) }
        case let .field(base, name):
            if case let .variable(binding) = base.kind, binding != variable, structures[binding] != nil {
                // A structure has no fields; evaluate() words the error (and a
                // scalar of the same name cannot exist).
                return { [unowned self] () throws(QLError) in try evaluate(expression) }
            }
            let value = resolve(base, variable: variable, slot: slot)
            return { () throws(QLError) in try value().field(name) }
        }
    }
}
