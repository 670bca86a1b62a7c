import Foundation
import Testing

/// The shell's terminal-only behaviour: the pager and the startup file.
@Suite("stable-repl pager and startup file")
struct InteractiveShellTests {
    static let prompt = "stable> "

    private func start(_ state: TemporaryDirectory, extra: [String: String] = [:], arguments: [String] = []) throws -> PseudoTerminal {
        try PseudoTerminal.repl(stateDirectory: state.url, arguments: arguments, environment: extra)
    }

    @Test("a result taller than the terminal goes through $PAGER; a short one does not")
    func pager() throws {
        let state = try TemporaryDirectory()
        // The "pager" marks every line it gets, so its output is recognisable.
        let pty = try start(state, extra: ["PAGER": "sed 's/^/paged: /'"])
        pty.enter("let m = map(0) of u64 -> u64;")
        pty.enter("for i in 0..100 { m.insert(i, i); }")
        let long = pty.enter("m.iter();")
        #expect(long.contains("paged:    0 |     0"), "\(long)")
        #expect(long.contains("paged: (100 rows)"))
        let short = pty.enter("m.iter() limit 3;")
        #expect(short.contains("(3 rows)"))
        #expect(!short.contains("paged:"), "\(short)")
        #expect(pty.enter(".show").contains("pager: on (sed"))
        pty.enter(".pager off")
        let plain = pty.enter("m.iter();")
        #expect(plain.contains("(100 rows)"))
        #expect(!plain.contains("paged:"))
        pty.send("\u{4}")
        #expect(pty.waitForExit() == 0)
    }

    @Test(".testcase and .check <<END typed at the prompt")
    func checkAtPrompt() throws {
        let state = try TemporaryDirectory()
        let pty = try start(state)
        pty.enter(".testcase typed")
        #expect(!pty.enter("print 1; print 2;").contains("1\r\n"), "captured, not shown")
        var mark = pty.mark
        pty.send(".check <<END\r")
        #expect(pty.waitForPrompt("   ...> ", since: mark))
        for line in ["1", "2"] {
            mark = pty.mark
            pty.send(line + "\r")
            #expect(pty.waitForPrompt("\r\n   ...> ", since: mark), "the expected lines belong to .check")
        }
        let passed = pty.enter("END")
        #expect(!passed.contains("error"), "\(passed)")
        #expect(pty.enter(".show").contains("testcase: none"), "the check ended the test case")
        pty.enter(".testcase again")
        pty.enter("print 3;")
        mark = pty.mark
        pty.send(".check <<EOF\r")
        #expect(pty.waitForPrompt("   ...> ", since: mark))
        let failed = pty.enter("EOF")
        #expect(failed.contains("test case again failed"), "\(failed)")
        #expect(failed.contains("+ 3"))
        #expect(pty.enter("print 4;").contains("4\r\n"), "the shell goes on after a failed check")
    }

    @Test("~/.stablereplrc runs before the first prompt; --no-init skips it; --init replaces it")
    func startupFile() throws {
        let state = try TemporaryDirectory()
        try state.file(".stablereplrc", ".maxrows 2\nlet greeting = \"from rc\";\n")
        let pty = try start(state)
        #expect(pty.enter("print greeting;").contains("from rc"))
        #expect(pty.enter(".show").contains("maxrows: 2"))
        pty.enter(".pager off")
        let cut = pty.enter("for i in 0..5 { print i; } let v = vec(0) of u8; for i in 0..5 { v.push(i); } v.iter();")
        #expect(cut.contains("… 3 more rows"), "\(cut)")

        let skipped = try start(state, arguments: ["--no-init"])
        #expect(skipped.enter("print greeting;").contains("unknown name 'greeting'"))

        let other = try state.file("other.sql", "let greeting = \"from init\";\n")
        let replaced = try start(state, arguments: ["--init", other])
        #expect(replaced.enter("print greeting;").contains("from init"))
    }
}
