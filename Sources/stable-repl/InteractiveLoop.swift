import Foundation
import StableQL

/// The interactive shell: prompt, continuation lines, history, Tab and Ctrl-C.
final class InteractiveLoop {
    static let prompt = "stable> "
    static let continuationPrompt = "   ...> "
    static let origin = "<stdin>"
    /// The most rows an iteration shows on a terminal unless `.maxrows` is given.
    static let defaultMaxRows = 1000

    private let shell: Shell
    private let editor: LineEditor
    private let interrupts: InterruptMonitor
    private let bold: Bool
    /// The lines of a statement typed so far.
    private var pending = ""
    /// A `.check <<END` waiting for its lines up to END.
    private var hereDocument: (command: DotCommand, end: Substring, lines: [String])?

    init?(shell: Shell) {
        // Before libedit starts, or non-ASCII input breaks.
        setlocale(LC_CTYPE, "")
        let interrupts = InterruptMonitor(session: shell.session)
        interrupts.start()
        guard let editor = LineEditor(
            program: "stable-repl",
            historyPath: HistoryFile.path(),
            interruptFD: interrupts.promptFD
        ) else { return nil }
        self.shell = shell
        self.editor = editor
        self.interrupts = interrupts
        bold = Terminal.colorsEnabled
    }

    /// Runs until `.quit` or Ctrl-D; returns the exit code.
    func run() -> Int32 {
        shell.interactive = true
        shell.output.flushEachWrite = true
        shell.historyProvider = { [editor] in editor.historyEntries }
        shell.runObserver = { [interrupts] running in interrupts.setRunning(running) }
        // The terminal echoes ^C where the cursor is; start the error below it.
        shell.output.beforeError = { [interrupts] in interrupts.takeStatementInterrupt() ? "\n" : "" }
        // On a terminal an iteration shows at most `defaultMaxRows` rows
        // (unless `.maxrows` says otherwise, in the startup file say), table
        // mode measures a screenful before it streams, and results taller
        // than the screen go through the pager.
        if !shell.maxRowsChosen { shell.session.options.maxRows = Self.defaultMaxRows }
        if shell.output.pager == nil, !shell.pagerChosen, let command = Pager.defaultCommand() {
            shell.output.pager = Pager(command: command, screenRows: { Terminal.rows })
        }
        shell.willRun = { [unowned shell] in shell.session.options.measureRows = Terminal.rows ?? 1000 }
        editor.completer = { [unowned self] before, after in completions(before: before, after: after) }

        while !shell.shouldStop {
            editor.setPrompt(pending.isEmpty && hereDocument == nil ? Self.prompt : Self.continuationPrompt, bold: bold)
            shell.output.finishPage()
            switch editor.readLine() {
            case .interrupted:
                // Ctrl-C at the prompt drops the statement being typed.
                pending = ""
                hereDocument = nil
                shell.output.write("^C\n")
            case .endOfInput:
                shell.output.write("\n")
                if !pending.isEmpty {
                    shell.output.writeError("warning: the unfinished statement was not run\n")
                }
                shell.output.flush()
                return shell.exitCode
            case .line(let line):
                accept(line)
            }
        }
        shell.output.flush()
        return shell.exitCode
    }

    private func accept(_ line: String) {
        if var document = hereDocument {
            var line = Substring(line)
            while line.last == "\n" { line.removeLast() }
            document.lines.append(String(line))
            hereDocument = document
            if line.trimmingCharacters(in: .whitespacesAndNewlines) == String(document.end) {
                hereDocument = nil
                var command = document.command
                command.body = document.lines
                shell.run(command, origin: Self.origin, line: 1)
            }
            return
        }
        if pending.isEmpty {
            if line.allSatisfy(\.isWhitespace) { return }
            if let command = DotCommand(line: Substring(line)) {
                editor.addHistory(line.trimmingCharacters(in: .whitespacesAndNewlines))
                if let end = ScriptSplitter.hereDocumentEnd(command) {
                    hereDocument = (command, end, [])
                    return
                }
                shell.run(command, origin: Self.origin, line: 1)
                return
            }
        }
        pending += line.hasSuffix("\n") ? line : line + "\n"
        let code = pending.trimmingCharacters(in: .whitespacesAndNewlines)
        if code.hasPrefix("--") && !code.contains("\n") {
            pending = ""  // a comment alone on a line
            return
        }
        guard Session.isComplete(pending) else { return }
        let statement = pending
        pending = ""
        editor.addHistory(statement.trimmingCharacters(in: .whitespacesAndNewlines))
        shell.runStatements(statement, origin: Self.origin)
    }

    // MARK: - Completion

    private func completions(before: String, after: String) -> [String] {
        if pending.isEmpty, let dot = dotCommandCompletions(before) { return dot }
        let text = pending + before + after
        return shell.session.completions(for: text, cursor: (pending + before).count)
    }

    /// Candidates for a dot-command line, or nil when `before` is not one.
    private func dotCommandCompletions(_ before: String) -> [String]? {
        let line = before.drop { $0 == " " || $0 == "\t" }
        guard line.first == "." else { return nil }
        let words = line.split(separator: " ", omittingEmptySubsequences: false)
        if words.count <= 1 {
            return DotCommand.all.map { "." + $0.name }.filter { $0.hasPrefix(line) }
        }
        let word = String(words.last ?? "")
        let options: [String]
        switch words[0].dropFirst().lowercased() {
        case "help": options = HelpTopics.names
        case "mode": options = OutputMode.allCases.map(\.rawValue)
        case "timer", "echo", "headers", "pager": options = ["on", "off"]
        case "maxrows": options = ["off"]
        case "open", "read", "output", "once": options = Self.fileNames(matching: word)
        case "import": options = words.count == 2 ? Self.fileNames(matching: word) : shell.session.bindingNames + ["--csv", "--json", "--no-header"]
        case "dump": options = shell.session.bindingNames
        default: options = []
        }
        return options.filter { $0.hasPrefix(word) }
    }

    /// Paths that start with `prefix` (folders end with `/`).
    static func fileNames(matching prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        let listed = folder.isEmpty ? "." : (folder as NSString).expandingTildeInPath
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: listed) else { return [] }
        let base = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        return names.sorted().compactMap { name in
            guard name.hasPrefix(base), name.first != "." || base.hasPrefix(".") else { return nil }
            let path = folder + name
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (listed as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            return isDirectory.boolValue ? path + "/" : path
        }
    }
}
