import Foundation
import Testing

/// `delete` and `update` on a pseudo-terminal: Ctrl-C undoes the whole statement.
@Suite("stable-repl interrupts of delete and update")
struct QueryInterruptTests {
    static let prompt = "stable> "

    /// Sends `statement`, waits for its progress line with `progress`, then Ctrl-C.
    private func interrupt(_ pty: PseudoTerminal, _ statement: String, progress: String) {
        let running = pty.mark
        pty.send(statement + "\r")
        #expect(pty.waitFor(progress, since: running), "\(pty.output(since: running))")
        let mark = pty.mark
        pty.send("\u{3}")
        #expect(pty.waitForPrompt(Self.prompt, since: mark))
        #expect(pty.output(since: mark).contains("interrupted"), "\(pty.output(since: mark))")
    }

    @Test("Ctrl-C during a delete or an update leaves every entry as it was")
    func interruptedChangesRollBack() throws {
        let state = try TemporaryDirectory()
        let image = state.path("query.img")
        let count = 200_000
        let sum = (0..<count).reduce(0, +)
        do {
            let pty = try PseudoTerminal.repl(stateDirectory: state.url, arguments: ["--image", image])
            pty.enter("let m = map(0) of u64 -> u64;")
            pty.enter("for i in 0..\(count) { m.insert(i, i); }")
            // The changing phase knows its total: its progress line shows " of ".
            interrupt(pty, "delete from m where value % 2 == 0;", progress: " of 100,000 (")
            interrupt(pty, "update m set value = value + 1;", progress: " of 200,000 (")
            let after = pty.enter("select count(*), sum(value) from m;")
            #expect(after.contains("\(count)") && after.contains("\(sum)"), "\(after)")
            pty.send("\u{4}")
            #expect(pty.waitForExit() == 0)
        }
        let check = try ReplRun.run(["--image", image, "--readonly", "--mode", "json", "-c",
                                     "let m = map(0) of u64 -> u64; select count(*), sum(value), max(value) from m;"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.lines == ["[[\(count),\(sum),\(count - 1)]]"])
    }
}
