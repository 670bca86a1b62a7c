/// CSV mode (RFC 4180): a header record for rows, CRLF line ends, fields
/// holding `,` `"` CR or LF quoted with `"` doubled. Values are plain text;
/// `none` is an empty field.
public struct CSVRenderer: ResultRenderer {
    /// Creates the renderer.
    public init() {}

    /// The rendering of `result`.
    public func render(_ result: QueryResult) -> String {
        switch result {
        case let .value(value): return CSVRenderer.field(value.plain(noneText: "")) + "\r\n"
        case let .message(text): return text.hasSuffix("\n") ? text : text + "\n"
        case let .rows(rows): return OutputMode.csv.render(rows)
        }
    }

    /// `text` as one CSV field, quoted when needed.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard needsQuotes else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(scalar) }
        }
        return quoted + "\""
    }
}
