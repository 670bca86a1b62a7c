/// Table mode's rows (see ``TableRenderer``): the first `measureRows` rows
/// are held to measure the column widths; the header and those rows are
/// then written and later rows stream with the same widths (a wider cell
/// later on pushes its line out rather than re-aligning what was printed).
final class TableRowWriter: RowWriter {
    private let measureRows: Int
    private let write: (String) -> Void
    private var columns: [String] = []
    private var held: [(cells: [String], widths: [Int], numeric: [Bool])] = []
    private var widths: [Int] = []
    private var streaming = false
    private var count = 0

    init(measureRows: Int, write: @escaping (String) -> Void) {
        self.measureRows = max(1, measureRows)
        self.write = write
    }

    func begin(columns: [String]) {
        self.columns = columns
        widths = columns.map(\.terminalColumns)
    }

    func write(row: [Value]) {
        count += 1
        let cells = row.map(\.literal)
        let cellWidths = cells.map(\.terminalColumns)
        let numeric = row.map(TableRenderer.isNumeric)
        if streaming {
            writeLine(cells, cellWidths, numeric)
            return
        }
        for (index, width) in cellWidths.enumerated() where index < widths.count {
            widths[index] = max(widths[index], width)
        }
        held.append((cells, cellWidths, numeric))
        if held.count >= measureRows { release() }
    }

    func end(omitted: Int) {
        if !streaming { release() }
        if omitted > 0 { write("… \(omitted) more rows\n") }
        let total = count + omitted
        write(total == 1 ? "(1 row)\n" : "(\(total) rows)\n")
    }

    var abandonText: String { "" }

    /// Writes the header, the rule and the held rows, and starts streaming.
    private func release() {
        streaming = true
        write(line(columns.enumerated().map { index, header in
            let extra = widths[index] - header.terminalColumns
            let left = extra / 2
            return String(repeating: " ", count: left) + header + String(repeating: " ", count: extra - left)
        }))
        write(widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "\n")
        for row in held { writeLine(row.cells, row.widths, row.numeric) }
        held = []
    }

    private func writeLine(_ cells: [String], _ cellWidths: [Int], _ numeric: [Bool]) {
        write(line(cells.enumerated().map { index, cell in
            let width = index < widths.count ? widths[index] : cellWidths[index]
            let padding = String(repeating: " ", count: max(0, width - cellWidths[index]))
            return numeric[index] ? padding + cell : cell + padding
        }))
    }

    private func line(_ fields: [String]) -> String {
        var text = fields.map { " \($0) " }.joined(separator: "|")
        while text.last == " " { text.removeLast() }
        return text + "\n"
    }
}
