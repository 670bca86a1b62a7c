import StableQL

/// An ``OutputSink`` that keeps what a session writes.
final class RecordingSink: OutputSink {
    var output = ""
    var errors = ""

    func write(_ text: String) { output += text }
    func writeError(_ text: String) { errors += text }
}

/// A session with a recording sink, for tests.
func makeSession(mode: OutputMode = .table) -> (Session, RecordingSink) {
    let sink = RecordingSink()
    var options = SessionOptions()
    options.mode = mode
    return (Session(options: options, output: sink), sink)
}
