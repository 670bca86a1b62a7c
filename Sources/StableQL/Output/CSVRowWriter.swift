/// CSV mode's rows: an optional header record, then one record per row,
/// CRLF line ends (see ``CSVRenderer``).
final class CSVRowWriter: RowWriter {
    private let headers: Bool
    private let write: (String) -> Void

    init(headers: Bool, write: @escaping (String) -> Void) {
        self.headers = headers
        self.write = write
    }

    func begin(columns: [String]) {
        if headers { write(columns.map(CSVRenderer.field).joined(separator: ",") + "\r\n") }
    }

    func write(row: [Value]) {
        write(row.map { CSVRenderer.field($0.plain(noneText: "")) }.joined(separator: ",") + "\r\n")
    }

    func end(omitted: Int) {}

    var abandonText: String { "" }
}
