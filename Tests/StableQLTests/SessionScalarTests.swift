import StableQL
import Testing

@Suite("Session on scalars")
struct SessionScalarTests {
    @Test("let, print, expressions and a bare expression statement")
    func basics() {
        let (session, sink) = makeSession()
        #expect(session.run("let x = 2; let y = x * 21; print y; y + 1; \"a\" + str(x);", origin: "<stdin>"))
        #expect(sink.output == "42\n43\n\"a2\"\n")
        #expect(sink.errors.isEmpty)
        #expect(session.bindingNames == ["x", "y"])
    }

    @Test("built-ins")
    func builtins() {
        let (session, sink) = makeSession(mode: .json)
        let ok = session.run("""
            len("héllo"); len(x"0102"); hex(x"00ff"); hex(255); blob("hi");
            repeat("ab", 3); repeat(x"01", 2); str(x"ff"); hash("");
            len((1, 2, 3)); str(some(1)); hash("a");
            """, origin: "<stdin>")
        #expect(ok, "\(sink.errors)")
        #expect(sink.output.split(separator: "\n") == [
            "6", "2", "\"00ff\"", "\"ff\"", "\"0x6869\"", "\"ababab\"", "\"0x0101\"", "\"0xff\"",
            "14695981039346656037", "3", "\"1\"", "12638187200555641996",
        ])
    }

    @Test("for over ranges, nested, with let accumulating")
    func loops() {
        let (session, sink) = makeSession()
        #expect(session.run("""
            let total = 0;
            for i in 0..4 { let total = total + i; }
            print total;
            for i in 1..=2 { for j in 0..2 { print (i, j); } }
            for i in 5..5 { print i; }
            """, origin: "<stdin>"))
        #expect(sink.output == "6\n(1, 0)\n(1, 1)\n(2, 0)\n(2, 1)\n")
        #expect(!session.bindingNames.contains("i"))
    }

    @Test("assert passes silently and fails with the message or the expression")
    func asserts() {
        let (session, sink) = makeSession()
        #expect(session.run("assert 1 + 1 == 2;", origin: "<stdin>"))
        #expect(!session.run("assert 1 > 2;", origin: "<stdin>"))
        #expect(!session.run("assert false, \"custom\";", origin: "<stdin>"))
        #expect(sink.errors == "error: assertion failed: 1 > 2\nerror: assertion failed: custom\n")
        #expect(!session.run("assert 1;", origin: "<stdin>"))
        #expect(sink.errors.hasSuffix("error: assert needs a bool, found integer 1\n"))
    }

    @Test("a script stops at its first error; keepGoing runs the rest")
    func stopAndKeepGoing() {
        let script = "print 1;\nprint 1 / 0;\nprint 2;\n"
        let (session, sink) = makeSession()
        #expect(!session.run(script, origin: "demo.sql"))
        #expect(sink.output == "1\n")
        #expect(sink.errors == "error: demo.sql:2: division by zero\n")

        let (other, otherSink) = makeSession()
        #expect(!other.run(script, origin: "demo.sql", keepGoing: true))
        #expect(otherSink.output == "1\n2\n")
    }

    @Test("syntax errors: every one reported, nothing run, unless keepGoing")
    func syntaxErrors() {
        let script = "print 1;\nprint (2;\nprint 3;\nlet = 4;\n"
        let (session, sink) = makeSession()
        #expect(!session.run(script, origin: "<stdin>"))
        #expect(sink.output.isEmpty)
        #expect(sink.errors == """
            error: line 2, column 9: expected ')' to close the parenthesis, found ';'
              print (2;
                      ^
            error: line 4, column 5: expected a binding name after 'let', found '='
              let = 4;
                  ^

            """)
        let (other, otherSink) = makeSession()
        #expect(!other.run(script, origin: "x.sql", keepGoing: true))
        #expect(otherSink.output == "1\n3\n")
        #expect(otherSink.errors.hasPrefix("error: x.sql:2:9: expected ')'"))
    }

    @Test("a failed statement rolls back its scalar bindings")
    func atomicity() {
        let (session, sink) = makeSession()
        #expect(!session.run("let a = 1; for i in 0..10 { let a = a + 1; assert i < 5; }", origin: "<stdin>"))
        #expect(sink.errors == "error: assertion failed: i < 5\n")
        sink.errors = ""
        #expect(session.run("print a;", origin: "<stdin>"))
        #expect(sink.output == "1\n")
    }

    @Test("run-time errors name the problem")
    func runtimeErrors() {
        let cases: [(String, String)] = [
            ("print nope;", "unknown name 'nope'"),
            ("print 1 + \"a\";", "cannot apply '+' to integer 1 and string \"a\""),
            ("print frob(1);", "unknown function 'frob' (built-ins: blob, hash, hex, len, repeat, str)"),
            ("print len(1, 2);", "len() takes 1 argument, found 2"),
            ("print x.len();", "x.len: 'x' is not a structure binding"),
            ("drop zz;", "drop: no binding named 'zz'"),
            ("print principal \"2vxsx-fab\";", "invalid principal: wrong checksum in \"2vxsx-fab\""),
            ("for i in 0.. { print i; }", "for: the range needs both bounds (as in 0..10)"),
            ("print 340282366920938463463374607431768211455 + 1;", "integer overflow: the result is outside -(2^128-1)...2^128-1"),
            ("print 1 limit 3;", "expected ';' after the statement, found 'limit'"),
            ("1 limit 3;", "limit applies to iterations (iter, range, keys, values), not to a single value"),
        ]
        for (source, message) in cases {
            let (session, sink) = makeSession()
            #expect(!session.run(source, origin: "<command line>"), "\(source)")
            #expect(sink.errors.hasPrefix("error: ") && sink.errors.contains(message), "\(source): \(sink.errors)")
        }
    }

    @Test("echo and timer")
    func echoAndTimer() {
        let (session, sink) = makeSession()
        session.options.echo = true
        session.options.timer = true
        #expect(session.run("print  1 ;", origin: "<stdin>"))
        let lines = sink.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "print  1 ;")
        #expect(lines[1] == "1")
        #expect(lines[2].hasPrefix("time: ") && lines[2].hasSuffix(" ms"))
    }

    @Test("output modes on scalars")
    func modes() {
        for (mode, expected) in [
            (OutputMode.table, "\"a,b\"\n(1, x\"01\")\nnone\n"),
            (.list, "a,b\n(1, 0x01)\nnone\n"),
            (.csv, "\"a,b\"\r\n\"(1, 0x01)\"\r\n\r\n"),
            (.json, "\"a,b\"\n[1,\"0x01\"]\nnull\n"),
        ] {
            let (session, sink) = makeSession(mode: mode)
            #expect(session.run("print \"a,b\"; (1, x\"01\"); none;", origin: "<stdin>"))
            #expect(sink.output == expected, "\(mode)")
        }
    }

    @Test("an interrupt stops a running loop, which is rolled back")
    func interrupt() {
        final class InterruptingSink: OutputSink {
            weak var session: Session?
            var errors = ""
            var lines = 0
            func write(_ text: String) {
                lines += 1
                if lines == 3 { session?.interrupt() }
            }
            func writeError(_ text: String) { errors += text }
        }
        let sink = InterruptingSink()
        let session = Session(output: sink)
        sink.session = session
        #expect(session.run("let n = 0;", origin: "<stdin>"))
        #expect(!session.run("for i in 0..1000000000 { let n = i; print i; }", origin: "<stdin>"))
        #expect(sink.errors == "error: interrupted\n")
        #expect(sink.lines == 3)
        // The next run starts afresh, and `n` was rolled back.
        #expect(session.run("assert n == 0;", origin: "<stdin>"))
    }

    @Test("completions: keywords, bindings, types after 'of', files after open")
    func completions() {
        let (session, _) = makeSession()
        #expect(session.run("let total = 1; let tally = 2;", origin: "<stdin>"))
        #expect(session.completions(for: "print ta", cursor: 8) == ["tally"])
        #expect(session.completions(for: "pr", cursor: 2) == ["principal", "print"])
        #expect(session.completions(for: "let m = map(0) of u", cursor: 19) == ["u128", "u16", "u32", "u64", "u8", "unit"])
        #expect(session.completions(for: "let m = map(0) of u64 -> st", cursor: 27) == ["string"])
        #expect(session.completions(for: "let m = map(0) of option<b", cursor: 26).contains("bool"))
        #expect(session.completions(for: "open \"/", cursor: 7).contains("/tmp/"))
        #expect(session.completions(for: "print t", cursor: 7).contains("true"))
    }
}

@Suite("Runaway values")
struct RunawayValueTests {
    @Test("doubling strings, nesting options and tuples in loops fail cleanly")
    func limits() {
        let cases: [(String, String)] = [
            ("let s = \"ab\"; for i in 0..40 { let s = s + s; }", "more than the 16777216-byte limit"),
            ("let b = x\"00\"; for i in 0..40 { let b = b + b; }", "more than the 16777216-byte limit"),
            ("let o = none; for i in 0..100 { let o = some(o); }", "options and tuples nest at most 32 deep"),
            ("let t = (); for i in 0..100 { let t = (t, t); }", "hold at most 100000 parts"),
            ("print repeat(\"x\", 20000000);", "repeat() result would exceed 16777216 bytes"),
        ]
        for (source, message) in cases {
            let (session, sink) = makeSession()
            #expect(!session.run(source, origin: "<stdin>"))
            #expect(sink.errors.contains(message), "\(source): \(sink.errors)")
        }
    }
}
