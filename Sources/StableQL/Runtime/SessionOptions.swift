/// Settings of a ``Session`` that the shell can change between statements.
public struct SessionOptions: Sendable {
    /// How results print.
    public var mode: OutputMode = .table
    /// Print each statement's text before running it.
    public var echo = false
    /// Print each top-level statement's run time after it.
    public var timer = false
    /// When set, iterations without `limit` longer than this many rows are
    /// cut with a "… N more rows" line (table and list modes; `.maxrows`).
    public var maxRows: Int? = nil
    /// Whether csv and list results start with a header line of column
    /// names (`.headers`); nil: the mode's default (csv yes, list no).
    public var headers: Bool? = nil
    /// How many rows table mode holds to measure its column widths before
    /// it streams the rest (a screenful on a terminal). Within `maxRows`
    /// every shown row is measured.
    public var measureRows = 1000
    /// How long a statement waits for another process's lock on the image
    /// before it fails with "image is busy" (milliseconds; 0: no waiting).
    public var busyTimeoutMilliseconds = 5000

    /// The defaults: table mode, no echo, no timer, no cut.
    public init() {}
}
