import StableQL
import Testing

@Suite("Diagnostics and recovery")
struct DiagnosticTests {
    func diagnostics(_ source: String) -> [Diagnostic] {
        Parser.parse(source).diagnostics
    }

    @Test("the spec's example: a missing ')' with line, column and caret")
    func specExample() {
        let source = "let users = map(0) of u64 -> string;\n-- comment\nusers.insert(1, \"a\";\n"
        let found = diagnostics(source)
        #expect(found.count == 1)
        let diagnostic = found[0]
        #expect(diagnostic.location.line == 3)
        #expect(diagnostic.location.column == 20)
        #expect(diagnostic.message == "expected ')' to close the argument list, found ';'")
        #expect(diagnostic.render(source: source) == """
            error: line 3, column 20: expected ')' to close the argument list, found ';'
              users.insert(1, "a";
                                 ^

            """)
        #expect(diagnostic.render(source: source, file: "s.sql").hasPrefix("error: s.sql:3:20: expected ')'"))
    }

    @Test("recovery reports every error of a script")
    func recovery() {
        let source = """
            let x = ;
            print 1;
            let = 3;
            for i in 0..3 { print (i; print i +; }
            print 2
            print 3;
            let m = map(0) of u65 -> u8;
            """
        let found = diagnostics(source)
        #expect(found.map(\.location.line) == [1, 3, 4, 4, 5, 7])
        #expect(found[0].message == "expected a value after '=', found ';'")
        #expect(found[1].message == "expected a binding name after 'let', found '='")
        #expect(found[2].message == "expected ')' to close the parenthesis, found ';'")
        #expect(found[3].message == "expected an expression after '+', found ';'")
        #expect(found[4].message == "expected ';' after the statement, found 'print'")
        #expect(found[5].message.hasPrefix("unknown type 'u65'"))
        let result = Parser.parse(source)
        // `print 1;` and `print 3;` parsed between the errors.
        #expect(result.statements.count == 2)
    }

    @Test("useful expectations, never 'syntax error'")
    func messages() {
        let cases: [(String, String)] = [
            ("let 1 = 2;", "expected a binding name after 'let', found integer 1"),
            ("let for = 2;", "expected a binding name after 'let', found the keyword 'for' (keywords are reserved)"),
            ("let m = map(0) u64 -> u64;", "expected 'of' and a type after 'map(…)', found identifier 'u64'"),
            ("let m = map(0) of u64;", "expected '->' and a value type after the key type of a map, found ';'"),
            ("let c = cell(0) of u64;", "expected 'default' and an initial value after the cell's type, found ';'"),
            ("let l = log(1) of u64;", "log takes two memory ids (index, data), found 1"),
            ("for 1 in x {}", "expected a loop variable after 'for', found integer 1"),
            ("for i 0..3 {}", "expected 'in' after 'for i', found integer 0"),
            ("for i in 0..3 print i;", "expected '{' to open the loop body, found 'print'"),
            ("for i in 0..3 { print i;", "expected '}' to close the block opened at line 1, column 15"),
            ("open x;", "expected a file path in quotes after 'open', found identifier 'x'"),
            ("open \"a\" fast;", "expected 'readonly', 'raw', 'bucket_size N' or ';' after the path, found identifier 'fast'"),
            ("users.;", "expected a method or field name after '.', found ';'"),
            ("users.insert(1, {a: 1;", "expected '}' to close the record literal, found ';'"),
            ("users.insert(1, {a 1});", "expected ':' after the field name 'a', found integer 1"),
            ("type asset = record { a: u8 };", "type names start with an upper-case letter (as in Asset), found 'asset'"),
            ("type Asset = u8;", "expected 'record {' after 'type Asset =', found identifier 'u8'"),
            ("type Asset = record { a u8 };", "expected ':' and a type after the field name 'a', found identifier 'u8'"),
            ("type Asset = record { a: u8; };", "expected ',' or '}' to close the record type, found ';'"),
            ("1 < 2 < 3;", "comparisons do not chain: combine '<' and '<' with 'and'"),
            ("assert x, 3;", "expected a message string after ',' in 'assert', found integer 3"),
            ("print 1 2;", "expected ';' after the statement, found integer 2"),
            ("let m = map(0) of blob<x> -> u8;", "expected a size in bytes after 'blob<', found identifier 'x'"),
            ("m.range(1..=);", "expected an upper bound after '..=', found ')'"),
        ]
        for (source, message) in cases {
            let found = diagnostics(source)
            #expect(found.first?.message == message, "\(source)")
            #expect(!found.contains { $0.message.contains("syntax error") })
        }
    }

    @Test("lexer errors surface once, inside the failed statement")
    func lexerErrors() {
        let found = diagnostics("print 1 @ 2;\nprint \"open;")
        #expect(found.map(\.message) == [
            "unexpected character '@'",
            "unterminated string: expected '\"' to close the string started here",
        ])
    }

    @Test("the caret keeps tabs so it lines up")
    func tabs() {
        let source = "\tprint (1;"
        let found = diagnostics(source)
        #expect(found.first?.render(source: source) == "error: line 1, column 10: expected ')' to close the parenthesis, found ';'\n  \tprint (1;\n  \t        ^\n")
    }

    @Test("isComplete drives the continuation prompt")
    func completeness() {
        #expect(Parser.isComplete(""))
        #expect(Parser.isComplete("  -- just a comment\n"))
        #expect(Parser.isComplete("print 1;"))
        #expect(!Parser.isComplete("print 1"))
        #expect(!Parser.isComplete("print \"a;"))
        #expect(!Parser.isComplete("/* print 1; "))
        #expect(!Parser.isComplete("for i in 0..3 { print i;"))
        #expect(Parser.isComplete("for i in 0..3 { print i; }"))
        #expect(Parser.isComplete("for i in 0..3 {\n for j in 0..2 { print j; }\n}"))
        #expect(!Parser.isComplete("for i in 0..3 {\n for j in 0..2 { print j; }\n"))
        #expect(Parser.isComplete("print 1; -- trailing comment"))
        #expect(Session.isComplete("print (1;"))
    }
}

@Suite("Parser limits")
struct ParserLimitTests {
    @Test("deep nesting is an error, not a stack overflow")
    func deepNesting() {
        for source in [
            "print " + String(repeating: "(", count: 20_000) + "1;",
            "print " + String(repeating: "- ", count: 10_000) + "1;",
            "print " + String(repeating: "not ", count: 10_000) + "true;",
            "let m = vec(0) of " + String(repeating: "option<", count: 10_000) + "u8;",
            String(repeating: "for i in 0..1 { ", count: 2_000),
            "print 1" + String(repeating: " + 1", count: 20_000) + ";",
            "print x" + String(repeating: ".f()", count: 20_000) + ";",
        ] {
            let diagnostics = Parser.parse(source).diagnostics
            #expect(diagnostics.contains { $0.message.hasPrefix("expression or type nested too deeply") })
        }
        #expect(Parser.parse("print " + String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150) + ";").isValid)
        #expect(Parser.parse("print 1" + String(repeating: " + 1", count: 150) + ";").isValid)
    }
}
