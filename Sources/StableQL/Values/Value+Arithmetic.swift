extension Value {
    /// `lhs op rhs` for `+ - * / %`.
    ///
    /// Integers stay exact (overflow beyond ±(2^128-1) and division by zero
    /// are errors); a float operand makes the result a float (IEEE rules);
    /// `+` also concatenates strings and blobs.
    public static func arithmetic(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) throws(QLError) -> Value {
        switch (lhs, rhs) {
        case let (.integer(a), .integer(b)):
            switch op {
            case .add: return .integer(try a.adding(b))
            case .subtract: return .integer(try a.subtracting(b))
            case .multiply: return .integer(try a.multiplying(b))
            case .divide: return .integer(try a.dividing(by: b))
            case .remainder: return .integer(try a.remainder(dividingBy: b))
            default: break
            }
        case let (.float32(a), .float32(b)):
            if let result = floatArithmetic(op, a, b) { return .float32(result) }
        case let (.string(a), .string(b)) where op == .add:
            return .string(a + b)
        case let (.blob(a), .blob(b)) where op == .add:
            return .blob(a + b)
        default:
            if let a = lhs.doubleValue, let b = rhs.doubleValue, let result = floatArithmetic(op, a, b) {
                return .float(result)
            }
        }
        var hint = ""
        if op == .add, case .string = lhs { hint = " (convert with str(x) first)" }
        if op == .add, case .string = rhs { hint = " (convert with str(x) first)" }
        throw QLError("cannot apply '\(op.rawValue)' to \(lhs.kindName) \(lhs.literal) and \(rhs.kindName) \(rhs.literal)\(hint)")
    }

    private static func floatArithmetic<F: FloatingPoint>(_ op: BinaryOperator, _ a: F, _ b: F) -> F? {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .remainder: return a.truncatingRemainder(dividingBy: b)
        default: return nil
        }
    }

    /// The value as a Double, for numbers.
    var doubleValue: Double? {
        switch self {
        case let .integer(value): return value.doubleValue
        case let .float(value): return value
        case let .float32(value): return Double(value)
        default: return nil
        }
    }

    /// `-value` for numbers.
    public func negated() throws(QLError) -> Value {
        switch self {
        case let .integer(value): return .integer(value.negated)
        case let .float(value): return .float(-value)
        case let .float32(value): return .float32(-value)
        default: throw QLError("cannot negate \(kindName) \(literal)")
        }
    }

    /// The value as a condition: only `bool` values are accepted.
    public func truth(_ context: String) throws(QLError) -> Bool {
        guard case let .bool(value) = self else {
            throw QLError("\(context) needs a bool, found \(kindName) \(literal)")
        }
        return value
    }
}
