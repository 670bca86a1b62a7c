/// Where a ``Session`` writes: results to ``write(_:)``, errors to
/// ``writeError(_:)``. Every text the session writes ends with a newline.
public protocol OutputSink: AnyObject {
    /// Writes result text (standard output).
    func write(_ text: String)
    /// Writes an error message (standard error).
    func writeError(_ text: String)
    /// Marks the end of one result (a value, a report, all rows of an
    /// iteration), for a sink that treats results one by one (`.once`, a pager).
    func endResult()
}

extension OutputSink {
    /// Does nothing.
    public func endResult() {}
}
