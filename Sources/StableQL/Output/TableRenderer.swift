/// Table mode: a single value as StableQL literal text; rows as aligned
/// columns under a centred header and a rule, numbers right-aligned,
/// followed by `(N rows)`. Widths are terminal columns, so wide characters
/// (CJK, emoji) stay aligned.
///
/// ```
///  key |   value
/// -----+-----------
///   10 | "user 10"
/// (1 row)
/// ```
public struct TableRenderer: ResultRenderer {
    /// Creates the renderer.
    public init() {}

    /// The rendering of `result`.
    public func render(_ result: QueryResult) -> String {
        switch result {
        case let .value(value): return value.literal + "\n"
        case let .message(text): return text.hasSuffix("\n") ? text : text + "\n"
        case let .rows(rows): return renderRows(rows)
        }
    }

    private func renderRows(_ result: ResultRows) -> String {
        let cells = result.rows.map { $0.map(\.literal) }
        let cellWidths = cells.map { $0.map(\.terminalColumns) }
        var widths = result.columns.map(\.terminalColumns)
        for row in cellWidths {
            for (index, width) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], width)
            }
        }
        func line(_ fields: [String]) -> String {
            var text = fields.enumerated().map { " \($0.element) " }.joined(separator: "|")
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        var text = line(result.columns.enumerated().map { index, header in
            let extra = widths[index] - header.terminalColumns
            let left = extra / 2
            return String(repeating: " ", count: left) + header + String(repeating: " ", count: extra - left)
        })
        text += widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "\n"
        for (rowIndex, row) in cells.enumerated() {
            text += line(row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: max(0, widths[index] - cellWidths[rowIndex][index]))
                return TableRenderer.isNumeric(result.rows[rowIndex][index]) ? padding + cell : cell + padding
            })
        }
        if result.omitted > 0 { text += "… \(result.omitted) more rows\n" }
        let total = result.totalCount
        text += total == 1 ? "(1 row)\n" : "(\(total) rows)\n"
        return text
    }

    static func isNumeric(_ value: Value) -> Bool {
        switch value {
        case .integer, .float, .float32: return true
        case let .some(inner): return isNumeric(inner)
        default: return false
        }
    }
}
