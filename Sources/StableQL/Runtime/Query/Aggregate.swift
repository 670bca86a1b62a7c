/// The aggregate functions of a query: `count(*)`, `count(x)`, `sum`, `min`,
/// `max`, `avg`.
enum AggregateFunction: String, CaseIterable {
    case count, sum, min, max, avg

    /// Whether a call named `name` is an aggregate.
    static func named(_ name: String) -> AggregateFunction? { AggregateFunction(rawValue: name) }
}

/// The running state of one aggregate over one group's rows.
///
/// `none` values are skipped (`count(x)` counts the values that are not
/// `none`) and `some(x)` counts as `x`. Over no rows `count` is 0 and the
/// others `none`. `sum` of integers stays exact; `avg` is an `f64`.
struct Accumulator {
    let function: AggregateFunction
    /// Rows counted (every row for `count(*)`, values not `none` otherwise).
    private(set) var count: UInt64 = 0
    /// The running sum, minimum or maximum.
    private var current: Value?

    init(_ function: AggregateFunction) {
        self.function = function
    }

    /// Adds a row to `count(*)`.
    mutating func addRow() {
        count &+= 1
    }

    /// Adds `rows` rows to `count(*)`.
    mutating func addRows(_ rows: UInt64) {
        count &+= rows
    }

    /// Adds one value.
    mutating func add(_ value: Value) throws(QLError) {
        var value = value
        while case let .some(inner) = value { value = inner }
        if value == .none { return }
        count &+= 1
        switch function {
        case .count:
            return
        case .sum, .avg:
            guard value.doubleValue != nil else {
                throw QLError(.type, "\(function.rawValue) needs numbers, found \(value.kindName) \(value.literal)")
            }
            current = try current.map { (total) throws(QLError) in try Value.arithmetic(.add, total, value) } ?? value
        case .min, .max:
            guard let best = current else {
                current = value
                return
            }
            guard let order = try Value.compare(value, best) else { return }
            if function == .min ? order < 0 : order > 0 { current = value }
        }
    }

    /// The aggregate's value.
    var result: Value {
        switch function {
        case .count: return .int(count)
        case .sum, .min, .max: return current ?? .none
        case .avg:
            guard let total = current?.doubleValue, count > 0 else { return .none }
            return .float(total / Double(count))
        }
    }
}
