/// Settings of a ``Session`` that the shell can change between statements.
public struct SessionOptions: Sendable {
    /// How results print.
    public var mode: OutputMode = .table
    /// Print each statement's text before running it.
    public var echo = false
    /// Print each top-level statement's run time after it.
    public var timer = false
    /// When set, iterations without `limit` longer than this many rows are
    /// cut with a "… N more rows" line (table and list modes).
    public var screenRows: Int? = nil

    /// The defaults: table mode, no echo, no timer, no cut.
    public init() {}
}
