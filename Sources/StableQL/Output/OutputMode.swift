/// How a session prints results (the shell's `.mode` and `--mode`).
public enum OutputMode: String, CaseIterable, Sendable {
    /// Aligned columns with a header and a row count (the default).
    case table
    /// One row per line, columns separated by `|`.
    case list
    /// RFC 4180 comma-separated values.
    case csv
    /// JSON Lines: one JSON document per printing statement.
    case json

    /// The renderer for this mode.
    public var renderer: any ResultRenderer {
        switch self {
        case .table: return TableRenderer()
        case .list: return ListRenderer()
        case .csv: return CSVRenderer()
        case .json: return JSONRenderer()
        }
    }
}
