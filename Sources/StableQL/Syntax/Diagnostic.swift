/// A problem found in StableQL source text, with the place it was found.
///
/// Rendered as
/// ```
/// error: line 3, column 19: expected ')' to close the argument list
///   users.insert(1, "a";
///                     ^
/// ```
public struct Diagnostic: Equatable, Sendable, Error {
    /// What is wrong, phrased as an expectation ("expected ';' after …").
    public var message: String
    /// Where the problem is; the caret points here.
    public var location: SourceLocation

    /// Creates a diagnostic.
    public init(message: String, location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// The header line without the `error: ` prefix:
    /// `line L, column C: message`, or `FILE:L:C: message` when `file` is given.
    public func headline(file: String? = nil) -> String {
        if let file {
            return "\(file):\(location.line):\(location.column): \(message)"
        }
        return "\(location): \(message)"
    }

    /// The full rendering: `error: ` headline, the source line indented by
    /// two spaces, and a caret under the offending column. Ends with a newline.
    public func render(source: String, file: String? = nil) -> String {
        var text = "error: \(headline(file: file))\n"
        guard let line = Diagnostic.line(location.line, of: source) else { return text }
        text += "  \(line)\n  "
        var column = 1
        for scalar in line.unicodeScalars {
            if column >= location.column { break }
            text.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
            column += 1
        }
        while column < location.column {
            text += " "
            column += 1
        }
        return text + "^\n"
    }

    /// The text of the 1-based line `number` of `source`, without its terminator.
    static func line(_ number: Int, of source: String) -> String? {
        var current = 1
        for line in source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == number {
                var scalars = String.UnicodeScalarView(line)
                if scalars.last == "\r" { scalars.removeLast() }
                return String(scalars)
            }
            current += 1
        }
        return nil
    }
}
