/// List mode: plain text (strings unquoted, blobs `0x…`), one row per line,
/// columns separated by `|`, no header.
public struct ListRenderer: ResultRenderer {
    /// Creates the renderer.
    public init() {}

    /// The rendering of `result`.
    public func render(_ result: QueryResult) -> String {
        switch result {
        case let .value(value): return value.plain() + "\n"
        case let .message(text): return text.hasSuffix("\n") ? text : text + "\n"
        case let .rows(rows):
            var text = ""
            for row in rows.rows {
                text += row.map { $0.plain() }.joined(separator: "|") + "\n"
            }
            if rows.omitted > 0 { text += "… \(rows.omitted) more rows\n" }
            return text
        }
    }
}
