/// List mode's rows: plain values separated by `|`, one row per line, an
/// optional header line of column names, and "… N more rows" when cut.
final class ListRowWriter: RowWriter {
    private let headers: Bool
    private let write: (String) -> Void

    init(headers: Bool, write: @escaping (String) -> Void) {
        self.headers = headers
        self.write = write
    }

    func begin(columns: [String]) {
        if headers { write(columns.joined(separator: "|") + "\n") }
    }

    func write(row: [Value]) {
        write(row.map { $0.plain() }.joined(separator: "|") + "\n")
    }

    func end(omitted: Int) {
        if omitted > 0 { write("… \(omitted) more rows\n") }
    }

    var abandonText: String { "" }
}
