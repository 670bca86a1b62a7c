import Foundation
import Testing

/// The real `stable-repl` on a pseudo-terminal: libedit, history, Tab, Ctrl-C.
@Suite("stable-repl interactive mode")
struct InteractiveTests {
    static let prompt = "stable> "
    static let continuation = "...> "
    static let up = "\u{1B}[A"
    static let ctrlC = "\u{3}"
    static let ctrlD = "\u{4}"

    private func start(_ state: TemporaryDirectory, colors: Bool = false) throws -> PseudoTerminal {
        try PseudoTerminal.repl(stateDirectory: state.url, colors: colors)
    }

    @Test("Ctrl-D at an empty prompt exits 0")
    func ctrlDExits() throws {
        let state = try TemporaryDirectory()
        let pty = try start(state)
        pty.send(Self.ctrlD)
        #expect(pty.waitForExit() == 0, "\(pty.output.debugDescription)")
    }

    @Test("a statement runs and prints; .quit exits 0")
    func runsStatements() throws {
        let state = try TemporaryDirectory()
        let pty = try start(state)
        #expect(pty.enter("print 41;").contains("41\r\n"))
        pty.send(".quit\r")
        #expect(pty.waitForExit() == 0)
    }

    @Test("Tab completes a partial keyword and a binding name")
    func tabCompletesKeyword() throws {
        let state = try TemporaryDirectory()
        let pty = try start(state)
        var mark = pty.mark
        pty.send("ass\t")
        #expect(pty.waitFor("ert", since: mark), "\(pty.output(since: mark))")
        let asserted = pty.enter(" 1 == 2;")
        #expect(asserted.contains("assertion failed"), "\(asserted)")
        pty.enter("let users = map(0) of u64 -> u64;")
        mark = pty.mark
        pty.send("use\t")
        #expect(pty.waitFor("rs", since: mark))
        let output = pty.enter(".len();")
        #expect(output.contains("0\r\n"), "\(output)")
    }

    @Test("Tab after `of` offers types")
    func tabCompletesTypes() throws {
        let state = try TemporaryDirectory()
        let pty = try start(state)
        let mark = pty.mark
        pty.send("let m = map(0) of u\t")
        #expect(pty.waitFor("u128", since: mark), "\(pty.output(since: mark))")
        #expect(pty.output(since: mark).contains("u64"))
    }

    @Test("Tab completes dot-commands")
    func tabCompletesDotCommand() throws {
        let state = try TemporaryDirectory()
        let pty = try start(state)
        pty.send(".bin\t")
        let output = pty.enter("")
        #expect(!output.contains("unknown command"), "\(output)")
        let mark = pty.mark
        pty.send(".m\t")  // .memories and .mode
        #expect(pty.waitFor(".mode", since: mark))
        #expect(pty.output(since: mark).contains(".memories"))
    }

    @Test("name. + Tab lists the binding's methods")
    func tabListsMethods() throws {
        let state = try TemporaryDirectory()
        let pty = try start(state)
        pty.enter("let users = map(0) of u64 -> u64;")
        let mark = pty.mark
        pty.send("users.\t")
        #expect(pty.waitFor("contains", since: mark), "\(pty.output(since: mark))")
        let listed = pty.output(since: mark)
        #expect(listed.contains("insert"))
        #expect(listed.contains("remove"))
        let cleared = pty.mark
        pty.send(Self.ctrlC)
        // Type only once the new prompt shows: libedit drops keys typed while
        // it restores the terminal after a signal. Wait for the prompt that
        // follows "^C": the one libedit redraws under the list of methods can
        // still be unread when `cleared` is taken.
        #expect(pty.waitForPrompt("^C\r\n" + Self.prompt, since: cleared), "\(pty.output(since: cleared))")
        #expect(pty.enter("print 9;").contains("9\r\n"))
    }

    @Test("arrow-up recalls the previous statement")
    func arrowUpRecalls() throws {
        let state = try TemporaryDirectory()
        let pty = try start(state)
        pty.enter("print 43;")
        let again = pty.enter(Self.up)
        #expect(again.contains("print 43;"))
        #expect(again.contains("43\r\n"))
    }

    @Test("history survives a restart")
    func historyPersists() throws {
        let state = try TemporaryDirectory()
        do {
            let pty = try start(state)
            pty.enter("print 44;")
            pty.send(Self.ctrlD)
            #expect(pty.waitForExit() == 0)
        }
        let file = state.url.appendingPathComponent("stable-repl/history")
        #expect(FileManager.default.fileExists(atPath: file.path))
        let pty = try start(state)
        let recalled = pty.enter(Self.up)
        #expect(recalled.contains("44\r\n"), "\(recalled)")
        let listed = pty.enter(".history")
        #expect(listed.contains("print 44;"))
    }

    @Test("a multi-line statement continues, runs, and is one history entry")
    func multiLine() throws {
        let state = try TemporaryDirectory()
        let pty = try start(state)
        var mark = pty.mark
        pty.send("print\r")
        #expect(pty.waitForPrompt(Self.continuation, since: mark))
        mark = pty.mark
        pty.send("45;\r")
        #expect(pty.waitFor("45\r\n", since: mark))
        #expect(pty.waitForPrompt(Self.prompt, since: mark))
        let recalled = pty.enter(Self.up)
        #expect(recalled.contains("45\r\n"), "\(recalled)")
        let history = try String(contentsOf: state.url.appendingPathComponent("stable-repl/history"), encoding: .utf8)
        #expect(history.contains("print\\01245;"), "\(history)")
    }

    @Test("Ctrl-C at the prompt clears the line and keeps the shell alive")
    func ctrlCAtPrompt() throws {
        let state = try TemporaryDirectory()
        let pty = try start(state)
        let mark = pty.mark
        pty.send("print 1" + Self.ctrlC)
        #expect(pty.waitForPrompt("^C\r\n" + Self.prompt, since: mark), "\(pty.output.debugDescription)")
        pty.send("print" + "\r")
        #expect(pty.waitForPrompt(Self.continuation, since: mark))
        let dropped = pty.mark
        pty.send(Self.ctrlC)  // also drops a pending continuation
        #expect(pty.waitForPrompt("^C\r\n" + Self.prompt, since: dropped), "\(pty.output(since: dropped))")
        #expect(pty.enter("print 46;").contains("46\r\n"))
        pty.send(Self.ctrlD)
        #expect(pty.waitForExit() == 0)
    }

    @Test("Ctrl-C interrupts a long loop, which is rolled back, and returns to the prompt")
    func ctrlCInterruptsStatement() throws {
        let state = try TemporaryDirectory()
        let image = state.path("loop.img")
        do {
            let pty = try PseudoTerminal.repl(stateDirectory: state.url, arguments: ["--image", image, "--bucket-size", "1"])
            pty.enter("let m = map(0) of u64 -> u64;")
            pty.enter("m.insert(7, 7);")
            let running = pty.mark
            pty.send("for i in 0..100000000 { m.insert(i, i); }\r")
            // The loop is inserting once its progress line shows.
            #expect(pty.waitFor(" of 100,000,000 (", since: running), "\(pty.output(since: running))")
            let mark = pty.mark
            pty.send(Self.ctrlC)
            #expect(pty.waitForPrompt(Self.prompt, since: mark))
            #expect(pty.output(since: mark).contains("interrupted"))
            let length = pty.enter("m.len();")
            #expect(length.contains("\r\n1\r\n"), "\(length)")
            pty.send(Self.ctrlD)
            #expect(pty.waitForExit() == 0)
        }
        // The image holds only what completed before the loop.
        let check = try ReplRun.run(["--image", image, "--readonly", "-c", "let m = map(0) of u64 -> u64; m.len(); m.get(7);"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.lines == ["1", "7"])
    }

    @Test("a long statement shows its progress on the terminal, erased when it ends")
    func progressLine() throws {
        let state = try TemporaryDirectory()
        let pty = try start(state)
        pty.enter("let m = map(0) of u64 -> u64;")
        let mark = pty.mark
        pty.send("for i in 0..100000000 { m.insert(i, i); }\r")
        #expect(pty.waitFor(" of 100,000,000 (", since: mark), "\(pty.output(since: mark).debugDescription)")
        #expect(pty.output(since: mark).contains("\r\u{1B}[2Kfor i: "))
        let interrupted = pty.mark
        pty.send(Self.ctrlC)
        #expect(pty.waitForPrompt(Self.prompt, since: interrupted))
        // The line was erased before the error and the prompt.
        let after = pty.output(since: interrupted)
        let erased = try #require(after.range(of: "\r\u{1B}[2K", options: .backwards))
        #expect(!after[erased.upperBound...].contains("for i:"), "\(after.debugDescription)")
        #expect(after.contains("interrupted"))
        pty.send(Self.ctrlD)
        #expect(pty.waitForExit() == 0)
    }

    @Test(".maxrows cuts a long result on a terminal unless a limit is given")
    func maxRowsOnTerminal() throws {
        let state = try TemporaryDirectory()
        let pty = try start(state)  // 24 rows
        pty.enter(".pager off")
        pty.enter("let m = map(0) of u64 -> u64;")
        pty.enter("for i in 0..100 { m.insert(i, i); }")
        let whole = pty.enter("m.iter();")
        #expect(!whole.contains("more rows"), "the default on a terminal is far above 100 rows: \(whole)")
        #expect(whole.contains("(100 rows)"))
        pty.enter(".maxrows 10")
        let cut = pty.enter("m.iter();")
        #expect(cut.contains("   9 |     9\r\n… 90 more rows\r\n(100 rows)"), "\(cut)")
        #expect(!cut.contains("  10 |    10"))
        let limited = pty.enter("m.iter() limit 30;")
        #expect(!limited.contains("more rows"))
        #expect(limited.contains("  29 |    29"))
    }

    @Test("colours: a bold prompt unless NO_COLOR")
    func colours() throws {
        let state = try TemporaryDirectory()
        let plain = try start(state)
        #expect(!plain.output.contains("\u{1B}[1m"))
        let coloured = try start(state, colors: true)
        #expect(coloured.output.contains("\u{1B}[1m"))
    }
}
