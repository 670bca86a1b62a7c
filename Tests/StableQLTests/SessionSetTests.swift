import StableQL
import Testing

@Suite("Session with sets")
struct SessionSetTests {
    @Test("set methods, against a Swift model")
    func methods() {
        let (session, sink) = makeSession(mode: .json)
        let ok = session.run("""
            let seen = set(0) of u32;
            for i in 0..20 { seen.insert(i * 3); }
            seen.insert(3);
            seen.insert(4);
            seen.contains(9); seen.contains(10); seen.len();
            seen.range(10..=20);
            seen.remove(9);
            seen.first(); seen.last();
            seen.pop_last(); seen.pop_first();
            seen.iter() limit 3;
            seen.range(..7);
            seen.clear(); seen.is_empty();
            """, origin: "<stdin>")
        #expect(ok, "\(sink.errors)")
        var model = Set((0..<20).map { $0 * 3 })
        model.insert(4)
        model.remove(9)
        let sorted = model.sorted()
        #expect(sink.output.split(separator: "\n") == [
            "false", "true", "true", "false", "21", "[12,15,18]", "true", "0", "57", "57", "0",
            "[\(sorted[1...3].map(String.init).joined(separator: ","))]",
            "[3,4,6]",
            "true",
        ])
    }

    @Test("set elements: no floats; tuples and strings work")
    func types() {
        let (session, sink) = makeSession()
        #expect(!session.run("let s = set(0) of (u8, f32);", origin: "<stdin>"))
        #expect(sink.errors == "error: (u8, f32) cannot be a set element: floats are not totally ordered\n")
        #expect(session.run("""
            let t = set(1) of (string, u8, blob);
            t.insert(("b", 1, x"00")); t.insert(("a", 2, x"")); t.iter();
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output == """
            true
            true
                  value
            -----------------
             ("a", 2, x"")
             ("b", 1, x"00")
            (2 rows)

            """)
    }
}
