import StableQL
import Testing

/// A `for` body resolved once must behave as running its statements one by
/// one: the same results, errors, lines and rollbacks.
@Suite("Resolved loop bodies")
struct LoopBodyTests {
    @Test("let inside the body, nested loops and the loop variable in a nested loop")
    func bindingsInBody() {
        let (session, sink) = makeSession(mode: .list)
        #expect(session.run("""
            let m = map(0) of u64 -> u64;
            let s = set(1) of u64;
            for i in 0..3 { let x = i * 2; m.insert(x, i); }
            for i in 0..2 { for j in 0..2 { s.insert(i * 10 + j); } print i; }
            m.iter(); s.iter();
            for k in m.keys() { s.insert(k + 100); }
            print s.len(); print x;
            """, origin: "<stdin>"), "\(sink.errors)")
        let model: [Int: Int] = [0: 0, 2: 1, 4: 2]
        let set: [Int] = [0, 1, 10, 11]
        var expected: [String] = ["0", "1"]
        expected += model.keys.sorted().map { key in "\(key)|\(model[key] ?? -1)" }
        expected += set.map { String($0) }
        expected += ["\(set.count + model.count)", "4"]
        let lines: [String] = sink.output.split(separator: "\n").map { String($0) }
        #expect(lines == expected)
    }

    @Test("an error in a resolved body names its own line and undoes the whole loop")
    func errorLineAndRollback() {
        let (session, sink) = makeSession()
        #expect(session.run("let m = map(0) of u64 -> u8;", origin: "<stdin>"))
        #expect(!session.run("for i in 0..5 {\n  m.insert(i, i);\n  m.insert(i + 10, i * 100);\n}\n", origin: "f.sql"))
        #expect(sink.errors == "error: f.sql:3: m.insert: value 300 does not fit u8 (0...255)\n")
        sink.errors = ""
        #expect(!session.run("for i in 0..5 { m.insert(i, i); assert i < 3, \"too big\"; }", origin: "<stdin>"))
        #expect(sink.errors == "error: assertion failed: too big\n")
        sink.output = ""
        #expect(session.run("print m.len();", origin: "<stdin>"))
        #expect(sink.output == "0\n")
    }

    @Test("a body that changes the bindings runs statement by statement")
    func bindingChangesFallBack() {
        let (session, sink) = makeSession(mode: .list)
        #expect(session.run("""
            let m = map(0) of u64 -> u64;
            for i in 0..1 { m.insert(1, 1); drop m; let m = map(0) of u64 -> u64; m.insert(2, 2); }
            m.iter();
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output == "1|1\n2|2\n")
    }
}
