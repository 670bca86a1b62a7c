extension Session {
    /// Prints an iteration's rows as they are produced, in the current
    /// output mode: at most `limit` rows (then it stops reading), or, without
    /// a limit in table and list modes, the first `maxRows` followed by a
    /// count of the rest. Memory stays bounded whatever the result's size.
    ///
    /// The first `measureRows` rows' text is held back, so a statement that
    /// fails early prints nothing of its result; after that the text goes
    /// out as it comes, and a later failure leaves what was printed (ended
    /// by the writer's ``RowWriter/abandonText``). `rowsAreArrays`: a query's
    /// rows, which JSON mode prints as arrays even with one column.
    func emitRows(_ source: RowSource, limit: Int?, rowsAreArrays: Bool = false) throws(QLError) {
        let cut = limit == nil && (options.mode == .table || options.mode == .list) ? options.maxRows : nil
        let keep = limit ?? cut ?? Int.max
        // Table mode measures every row it shows within `maxRows`, else a first screenful.
        let holdRows = max(1, cut ?? min(options.measureRows, keep))
        let held = HeldText(output: output)
        let writer = options.mode.rowWriter(headers: options.headers, measureRows: holdRows, rowsAreArrays: rowsAreArrays) { held.write($0) }
        writer.begin(columns: source.columns)
        var shown = 0
        var omitted = 0
        do throws(QLError) {
            try source.produce { (row) throws(QLError) -> Bool in
                try checkInterrupt()
                if shown < keep {
                    writer.write(row: row)
                    shown += 1
                    if shown == holdRows { held.release() }
                    return true
                }
                if limit != nil { return false }
                omitted += 1
                return true
            }
        } catch {
            if held.released { output.write(writer.abandonText) }
            output.endResult()
            throw error
        }
        writer.end(omitted: omitted)
        held.release()
        output.endResult()
    }
}

/// Output held back until ``release()``, then passed straight through.
private final class HeldText {
    private let output: OutputSink
    private var text = ""
    private(set) var released = false

    init(output: OutputSink) {
        self.output = output
    }

    func write(_ piece: String) {
        if released { output.write(piece) } else { text += piece }
    }

    func release() {
        guard !released else { return }
        released = true
        if !text.isEmpty { output.write(text) }
        text = ""
    }
}
