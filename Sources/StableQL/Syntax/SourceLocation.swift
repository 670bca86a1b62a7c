/// A position in StableQL source text.
///
/// Lines and columns are 1-based; columns count Unicode scalars, so a caret
/// drawn under a line lands on the right character. `offset` is the UTF-8
/// byte offset from the start of the text.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The UTF-8 byte offset from the start of the source.
    public var offset: Int
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a location.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The start of a source text.
    public static let start = SourceLocation(offset: 0, line: 1, column: 1)

    /// `line L, column C`, the form used in diagnostics.
    public var description: String { "line \(line), column \(column)" }
}

/// A half-open span of source text, from `start` up to (not including) `end`.
public struct SourceRange: Hashable, Sendable {
    /// The first position of the span.
    public var start: SourceLocation
    /// The position just past the span.
    public var end: SourceLocation

    /// Creates a range.
    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// An empty range at `location`.
    public init(at location: SourceLocation) {
        self.start = location
        self.end = location
    }

    /// The smallest range covering both `self` and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(
            start: start.offset <= other.start.offset ? start : other.start,
            end: end.offset >= other.end.offset ? end : other.end)
    }
}
