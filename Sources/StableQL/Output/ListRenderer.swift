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
        case let .rows(rows): return OutputMode.list.render(rows)
        }
    }
}
