/// Writes the rows of one result as they are produced, so that printing a
/// result never holds it whole in memory.
///
/// A writer is used once: ``begin(columns:)``, any number of
/// ``write(row:)``, then ``end(omitted:)``. Text goes to the closure the
/// writer was made with (see ``OutputMode/rowWriter(headers:measureRows:write:)``).
public protocol RowWriter: AnyObject {
    /// Starts the result with its column headers.
    func begin(columns: [String])
    /// Writes one row (`columns.count` values).
    func write(row: [Value])
    /// Ends the result; `omitted` rows were counted but not shown ("… N more rows").
    func end(omitted: Int)
    /// Text that ends the output of a result cut short by an error, so the
    /// next output starts on its own line ("" when nothing is needed).
    var abandonText: String { get }
}

extension OutputMode {
    /// The row writer for this mode.
    ///
    /// - Parameters:
    ///   - headers: print a header line (csv and list); nil: the mode's
    ///     default (csv yes, list no).
    ///   - measureRows: table mode holds this many rows to measure the
    ///     column widths, then streams the rest with those widths.
    ///   - rowsAreArrays: JSON mode prints every row as an array, even with
    ///     one column (a query's rows); else a one-column row is its value.
    ///   - write: receives the text, in order.
    public func rowWriter(
        headers: Bool? = nil, measureRows: Int = 1000, rowsAreArrays: Bool = false, write: @escaping (String) -> Void
    ) -> any RowWriter {
        switch self {
        case .table: return TableRowWriter(measureRows: measureRows, write: write)
        case .list: return ListRowWriter(headers: headers ?? false, write: write)
        case .csv: return CSVRowWriter(headers: headers ?? true, write: write)
        case .json: return JSONRowWriter(rowsAreArrays: rowsAreArrays, write: write)
        }
    }

    /// The text of a whole ``ResultRows`` in this mode.
    func render(_ rows: ResultRows, headers: Bool? = nil) -> String {
        var text = ""
        let writer = rowWriter(headers: headers, measureRows: Int.max, rowsAreArrays: rows.rowsAreArrays) { text += $0 }
        writer.begin(columns: rows.columns)
        for row in rows.rows { writer.write(row: row) }
        writer.end(omitted: rows.omitted)
        return text
    }
}
