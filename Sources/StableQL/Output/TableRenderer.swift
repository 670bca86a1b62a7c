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
        case let .rows(rows): return OutputMode.table.render(rows)
        }
    }

    static func isNumeric(_ value: Value) -> Bool {
        switch value {
        case .integer, .float, .float32: return true
        case let .some(inner): return isNumeric(inner)
        default: return false
        }
    }
}
