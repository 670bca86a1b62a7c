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
            try checkSize(a.utf8.count + b.utf8.count)
            return .string(a + b)
        case let (.blob(a), .blob(b)) where op == .add:
            try checkSize(a.count + b.count)
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

    /// The largest string or blob StableQL builds (16 MiB), so a runaway
    /// loop fails instead of exhausting memory.
    public static let maximumByteLength = 16 << 20

    static func checkSize(_ count: Int) throws(QLError) {
        if count > maximumByteLength {
            throw QLError("the result would be \(count) bytes, more than the \(maximumByteLength)-byte limit")
        }
    }

    /// The largest nesting of options and tuples a value may have.
    public static let maximumDepth = 32

    /// The most option and tuple nodes a value may hold (shared parts counted
    /// each time they occur), so that printing or storing it stays cheap.
    public static let maximumNodes = 100_000

    /// Checks a newly built option or tuple against ``maximumDepth`` and
    /// ``maximumNodes``. The walk stops at either limit, so it costs at most
    /// `maximumNodes` steps and `maximumDepth` stack frames.
    func checkDepth() throws(QLError) -> Value {
        var budget = Value.maximumNodes
        guard Value.fits(self, depth: 0, budget: &budget) else {
            throw QLError("options and tuples nest at most \(Value.maximumDepth) deep and hold at most \(Value.maximumNodes) parts")
        }
        return self
    }

    private static func fits(_ value: Value, depth: Int, budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch value {
        case let .some(inner):
            return depth < maximumDepth && fits(inner, depth: depth + 1, budget: &budget)
        case let .tuple(elements):
            guard depth < maximumDepth else { return false }
            for element in elements where !fits(element, depth: depth + 1, budget: &budget) { return false }
            return true
        case let .record(entries):
            guard depth < maximumDepth else { return false }
            for entry in entries where !fits(entry.value, depth: depth + 1, budget: &budget) { return false }
            return true
        default:
            return true
        }
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
