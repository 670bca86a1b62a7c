/// Finds the part of a structure's order a `where` condition can only be
/// true in: the comparisons of the ordering variable (`key`, `index`) with
/// constants that are joined by `and` at the top of the condition.
///
/// The result bounds the scan; the whole condition is still checked on
/// every row, so a bound that is looser than the condition (or missing,
/// for `or`, `!=` and comparisons with expressions that read the row) only
/// costs time.
struct KeyRangePlanner {
    let compiler: QueryCompiler

    /// The bounds `condition` puts on `variable`.
    func bounds(of condition: Expression?, on variable: RowVariable) throws(QLError) -> (lower: ScanRequest.Bound?, upper: ScanRequest.Bound?) {
        var lower: ScanRequest.Bound?
        var upper: ScanRequest.Bound?
        guard let condition else { return (nil, nil) }
        for conjunct in KeyRangePlanner.conjuncts(condition) {
            guard case let .binary(op, left, right) = conjunct.kind, op.isComparison, op != .notEqual else { continue }
            let constant: Expression
            var comparison = op
            if isVariable(left, variable), !compiler.dependsOnRow(right), !right.mayWrite {
                constant = right
            } else if isVariable(right, variable), !compiler.dependsOnRow(left), !left.mayWrite {
                constant = left
                comparison = KeyRangePlanner.mirrored(op)
            } else {
                continue
            }
            let value = try compiler.session.evaluate(constant)
            switch value {
            case .integer, .string, .blob, .principal, .bool: break
            default: continue
            }
            switch comparison {
            case .equal:
                lower = try tighter(lower, ScanRequest.Bound(value: value, inclusive: true), lowerEnd: true)
                upper = try tighter(upper, ScanRequest.Bound(value: value, inclusive: true), lowerEnd: false)
            case .greater, .greaterEqual:
                lower = try tighter(lower, ScanRequest.Bound(value: value, inclusive: comparison == .greaterEqual), lowerEnd: true)
            case .less, .lessEqual:
                upper = try tighter(upper, ScanRequest.Bound(value: value, inclusive: comparison == .lessEqual), lowerEnd: false)
            default:
                continue
            }
        }
        return (lower, upper)
    }

    private func isVariable(_ expression: Expression, _ variable: RowVariable) -> Bool {
        guard case let .variable(name) = expression.kind else { return false }
        return compiler.rowVariable(name) == variable
    }

    /// The tighter of two bounds on the same end; bounds that do not compare
    /// (a string and a number) keep the first.
    private func tighter(_ current: ScanRequest.Bound?, _ new: ScanRequest.Bound, lowerEnd: Bool) throws(QLError) -> ScanRequest.Bound {
        guard let current else { return new }
        guard let order = try? Value.compare(new.value, current.value) else { return current }
        if order == 0 { return new.inclusive ? current : new }
        return (order > 0) == lowerEnd ? new : current
    }

    /// The operands of the top-level `and`s of `condition`.
    static func conjuncts(_ condition: Expression) -> [Expression] {
        if case let .binary(.and, left, right) = condition.kind { return conjuncts(left) + conjuncts(right) }
        return [condition]
    }

    /// `a < b` as `b > a`.
    static func mirrored(_ op: BinaryOperator) -> BinaryOperator {
        switch op {
        case .less: return .greater
        case .lessEqual: return .greaterEqual
        case .greater: return .less
        case .greaterEqual: return .lessEqual
        default: return op
        }
    }
}
