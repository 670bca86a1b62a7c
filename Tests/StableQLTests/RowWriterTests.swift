import StableQL
import Testing

/// The row writers behind every mode: text comes out row by row, and a
/// whole result renders exactly as the renderers do.
@Suite("Row writers")
struct RowWriterTests {
    /// Writes `rows` through the mode's writer, recording each piece of text.
    private func pieces(_ mode: OutputMode, measureRows: Int, headers: Bool? = nil, rows: [[Value]], omitted: Int = 0) -> [String] {
        var pieces: [String] = []
        let writer = mode.rowWriter(headers: headers, measureRows: measureRows) { pieces.append($0) }
        writer.begin(columns: ["key", "value"])
        for row in rows { writer.write(row: row) }
        writer.end(omitted: omitted)
        return pieces
    }

    let rows: [[Value]] = [[.int(1), .string("a")], [.int(22), .string("bb")], [.int(333), .string("ccc")]]

    @Test("json, csv and list write each row as it comes")
    func rowByRow() {
        #expect(pieces(.json, measureRows: 1, rows: rows) == ["[", "[1,\"a\"]", ",[22,\"bb\"]", ",[333,\"ccc\"]", "]\n"])
        #expect(pieces(.csv, measureRows: 1, rows: rows) == ["key,value\r\n", "1,a\r\n", "22,bb\r\n", "333,ccc\r\n"])
        #expect(pieces(.csv, measureRows: 1, headers: false, rows: rows).first == "1,a\r\n")
        #expect(pieces(.list, measureRows: 1, headers: true, rows: rows, omitted: 4)
                == ["key|value\n", "1|a\n", "22|bb\n", "333|ccc\n", "… 4 more rows\n"])
    }

    @Test("table mode holds the measured rows, then streams with their widths")
    func tableMeasuresThenStreams() {
        // Measured on the first two rows: key 3 wide ("key", "22"), value 5 ("value").
        let streamed = pieces(.table, measureRows: 2, rows: rows)
        #expect(streamed == [" key | value\n", "-----+-------\n", "   1 | \"a\"\n", "  22 | \"bb\"\n", " 333 | \"ccc\"\n", "(3 rows)\n"])
        // Measuring all rows gives what the renderer prints.
        let whole = pieces(.table, measureRows: 10, rows: rows).joined()
        #expect(whole == TableRenderer().render(.rows(ResultRows(columns: ["key", "value"], rows: rows))))
        // A later, wider row widens only its own line.
        let wide = pieces(.table, measureRows: 1, rows: [[.int(1), .string("a")], [.int(100000), .string("a")]]).joined()
        #expect(wide == " key | value\n-----+-------\n   1 | \"a\"\n 100000 | \"a\"\n(2 rows)\n")
    }
}
