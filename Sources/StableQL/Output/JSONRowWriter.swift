/// JSON mode's rows: one array on one line, written element by element
/// (see ``JSONRenderer``).
final class JSONRowWriter: RowWriter {
    private let write: (String) -> Void
    private let rowsAreArrays: Bool
    private var first = true

    init(rowsAreArrays: Bool, write: @escaping (String) -> Void) {
        self.rowsAreArrays = rowsAreArrays
        self.write = write
    }

    func begin(columns: [String]) {
        write("[")
    }

    func write(row: [Value]) {
        let element = row.count == 1 && !rowsAreArrays ? JSONRenderer.json(row[0]) : "[" + row.map(JSONRenderer.json).joined(separator: ",") + "]"
        write(first ? element : "," + element)
        first = false
    }

    func end(omitted: Int) {
        write("]\n")
    }

    var abandonText: String { "\n" }
}
