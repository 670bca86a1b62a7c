import StableQL
import Testing

@Suite("Output renderers")
struct RendererTests {
    let mapRows = ResultRows(
        columns: ["key", "value"],
        rows: [[.int(10), .string("user 10")], [.int(7), .string("a,\"b\"")]])

    @Test("table: aligned columns, centred header, numbers to the right, row count")
    func table() {
        #expect(TableRenderer().render(.rows(mapRows)) == """
             key |   value
            -----+-----------
              10 | "user 10"
               7 | "a,\\"b\\""
            (2 rows)

            """)
        let one = ResultRows(columns: ["value"], rows: [[.string("x")]], omitted: 4)
        #expect(TableRenderer().render(.rows(one)) == " value\n-------\n \"x\"\n… 4 more rows\n(5 rows)\n")
        #expect(TableRenderer().render(.rows(ResultRows(columns: ["value"], rows: []))) == " value\n-------\n(0 rows)\n")
        #expect(TableRenderer().render(.value(.string("ada"))) == "\"ada\"\n")
        #expect(TableRenderer().render(.value(.int(999))) == "999\n")
    }

    @Test("table: wide characters (CJK, emoji) take two columns, combining marks none")
    func tableWideCharacters() {
        let rows = ResultRows(
            columns: ["value", "n"],
            rows: [[.string("日本"), .int(1)], [.string("cafe\u{301}"), .int(22)], [.string("🎉!"), .int(333)], [.string("ab"), .int(4)]])
        // Cells are padded to the same terminal width: quoted, "日本" takes 6
        // columns, "café" (with a combining accent) 6, "🎉!" 5.
        #expect(TableRenderer().render(.rows(rows)) == """
             value  |  n
            --------+-----
             "日本" |   1
             "cafe\u{301}" |  22
             "🎉!"  | 333
             "ab"   |   4
            (4 rows)

            """)
    }

    @Test("list: plain values separated by '|'")
    func list() {
        #expect(ListRenderer().render(.rows(mapRows)) == "10|user 10\n7|a,\"b\"\n")
        #expect(ListRenderer().render(.value(.blob([1, 255]))) == "0x01ff\n")
        #expect(ListRenderer().render(.value(.some(.string("s")))) == "s\n")
    }

    @Test("csv: RFC 4180 quoting, CRLF, header, none as an empty field")
    func csv() {
        #expect(CSVRenderer().render(.rows(mapRows)) == "key,value\r\n10,user 10\r\n7,\"a,\"\"b\"\"\"\r\n")
        #expect(CSVRenderer().render(.value(.none)) == "\r\n")
        #expect(CSVRenderer().render(.value(.string("line\nbreak"))) == "\"line\nbreak\"\r\n")
    }

    @Test("json: full-digit integers, special floats, blobs, options, tuples, pairs")
    func json() {
        let json = JSONRenderer()
        #expect(json.render(.value(.int(UInt128.max))) == "340282366920938463463374607431768211455\n")
        #expect(json.render(.value(.int(UInt64.max))) == "18446744073709551615\n")
        #expect(json.render(.value(.int(Int64.min))) == "-9223372036854775808\n")
        #expect(json.render(.value(.float(1.5))) == "1.5\n")
        #expect(json.render(.value(.float(.nan))) == "\"nan\"\n")
        #expect(json.render(.value(.float(.infinity))) == "\"inf\"\n")
        #expect(json.render(.value(.float(-.infinity))) == "\"-inf\"\n")
        #expect(json.render(.value(.bool(true))) == "true\n")
        #expect(json.render(.value(.string("a\"\\\n\u{1}é"))) == "\"a\\\"\\\\\\n\\u0001é\"\n")
        #expect(json.render(.value(.blob([0xAB, 0x01]))) == "\"0xab01\"\n")
        #expect(json.render(.value(.principal([4]))) == "\"2vxsx-fae\"\n")
        #expect(json.render(.value(.none)) == "null\n")
        #expect(json.render(.value(.some(.int(3)))) == "3\n")
        #expect(json.render(.value(.tuple([.int(1), .string("x"), .none]))) == "[1,\"x\",null]\n")
        #expect(json.render(.rows(mapRows)) == "[[10,\"user 10\"],[7,\"a,\\\"b\\\"\"]]\n")
        let elements = ResultRows(columns: ["value"], rows: [[.int(1)], [.int(2)]])
        #expect(json.render(.rows(elements)) == "[1,2]\n")
        #expect(json.render(.message("done\n")) == "\"done\"\n")
    }

    @Test("every mode has a renderer")
    func modes() {
        for mode in OutputMode.allCases {
            #expect(mode.renderer.render(.value(.int(1))).hasPrefix("1"))
        }
    }
}
