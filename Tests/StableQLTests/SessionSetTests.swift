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

@Suite("describe")
struct DescribeTests {
    @Test("describe a map: kind, memory, types, length, bytes and the tree's shape")
    func describeMap() {
        let (session, sink) = makeSession()
        #expect(session.run("""
            let users = map(0) of u64 -> string;
            for i in 0..1000 { users.insert(i, "user " + str(i)); }
            describe users;
            let s = set(1) of u32;
            describe s;
            let x = "a";
            describe x;
            """, origin: "<stdin>"), "\(sink.errors)")
        let lines = sink.output.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(6)) == [
            "users: BTreeMap (map)", "  memory: 0", "  key type: u64", "  value type: string", "  length: 1000",
            lines[5],
        ])
        #expect(lines[5].hasPrefix("  bytes used: ") && lines[5].hasSuffix(" pages)"))
        // A B-tree of minimum degree 6 with 1000 entries is 3 or 4 levels deep.
        #expect(lines[6] == "  tree depth: 3" || lines[6] == "  tree depth: 4")
        #expect(lines[7].hasPrefix("  nodes: ") && lines[7].contains(" holding 1000 entries "))
        #expect(lines[8].hasPrefix("  fill: "))
        #expect(lines[9...].contains("  tree depth: 0"))
        #expect(lines.last == "x: scalar string = \"a\"")
        #expect(!session.run("describe nobody;", origin: "<stdin>"))
        #expect(sink.errors == "error: describe: no binding named 'nobody'\n")
    }
}

@Suite("Printing method calls")
struct PrintingTests {
    @Test("print runs a mutation once and shows its result, even none, even in a loop")
    func printMutation() {
        let (session, sink) = makeSession()
        #expect(session.run("""
            let m = map(0) of u8 -> u8;
            print m.insert(1, 10);
            for i in 0..2 { print m.insert(1, i); m.insert(2, i); }
            print m.len();
            m.insert(1, 5);
            m.remove(9);
            print m.iter();
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output == "none\n10\n0\n2\n1\n key | value\n-----+-------\n   1 |     5\n   2 |     1\n(2 rows)\n")
    }
}

@Suite("for over structures")
struct ForOverStructuresTests {
    @Test("the body may change the structure it iterates")
    func mutateWhileIterating() {
        let (session, sink) = makeSession()
        #expect(session.run("""
            let m = map(0) of u32 -> u32;
            for i in 0..100 { m.insert(i, i); }
            let total = 0;
            for k in m.keys() { m.remove(k); m.insert(k + 1000, k); let total = total + k; }
            print total; m.len(); m.first();
            for v in m.range(1000..1003) { print v; }
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output == "4950\n100\n(1000, 0)\n(1000, 0)\n(1001, 1)\n(1002, 2)\n")
    }
}
