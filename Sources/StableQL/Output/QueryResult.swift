/// What a statement prints, before it is rendered in an output mode.
public enum QueryResult: Equatable, Sendable {
    /// A single value (`print x;`, `users.get(1);`).
    case value(Value)
    /// The rows of an iteration (`iter`, `range`, `keys`, …).
    case rows(ResultRows)
    /// An informational report (`describe`, `upgrade`, `reclaim`).
    case message(String)
}

/// The rows of an iteration.
///
/// Maps have the columns `key` and `value`; other structures one column.
/// JSON renders a one-column result as an array of elements and a wider one
/// as an array of arrays (`[[key, value], …]`).
public struct ResultRows: Equatable, Sendable {
    /// Column headers.
    public var columns: [String]
    /// The rows shown; each has `columns.count` values.
    public var rows: [[Value]]
    /// Rows cut off for the screen ("… N more rows"); 0 when complete.
    public var omitted: Int
    /// Whether JSON prints every row as an array, even a one-column row (a
    /// query's result: `[[1],[2]]`); iterations print one-column rows as
    /// bare elements.
    public var rowsAreArrays = false

    /// Creates a result.
    public init(columns: [String], rows: [[Value]], omitted: Int = 0) {
        self.columns = columns
        self.rows = rows
        self.omitted = omitted
    }

    /// The number of rows, shown and omitted.
    public var totalCount: Int { rows.count + omitted }
}

/// Turns a ``QueryResult`` into text for one output mode. The text ends
/// with a newline.
public protocol ResultRenderer {
    /// The rendering of `result`.
    func render(_ result: QueryResult) -> String
}
