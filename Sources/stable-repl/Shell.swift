import Foundation
import StableQL

/// The shell around a `Session`: runs StableQL text, scripts and dot-commands,
/// and remembers whether anything failed and whether the user asked to quit.
///
/// Used by both batch and interactive mode; everything runs on the main thread.
final class Shell {
    let session: Session
    let output: ConsoleOutput
    /// Continue after a failing statement (the process still exits 1 at the end).
    let keepGoing: Bool
    /// Interactive use: errors never stop the shell or change its exit status.
    var interactive = false
    /// Whether any statement or command has failed so far.
    private(set) var anyFailed = false
    /// Set by `.quit` / `.exit`: the exit code the user asked for.
    private(set) var quitCode: Int32?
    /// The entries `.history` lists (the interactive history, or the
    /// statements run so far in batch mode).
    var historyProvider: () -> [String]
    /// Called around every `Session.run`, so Ctrl-C can reach the session.
    var runObserver: ((_ running: Bool) -> Void)?
    /// Called before every `Session.run`, to refresh options such as the
    /// screen height.
    var willRun: (() -> Void)?

    /// Whether `.maxrows` was given (the interactive default then stays out).
    var maxRowsChosen = false
    /// Whether `.pager` was given (the interactive default then stays out).
    var pagerChosen = false
    /// The `.testcase` being captured, if any.
    var testCase: TestCase?

    private var batchHistory: [String] = []
    private var readDepth = 0
    private static let maxReadDepth = 16

    init(session: Session, output: ConsoleOutput, keepGoing: Bool) {
        self.session = session
        self.output = output
        self.keepGoing = keepGoing
        historyProvider = { [] }
        historyProvider = { [unowned self] in batchHistory }
    }

    /// Whether the shell should stop reading input: `.quit`, or a failure
    /// without `--keep-going`.
    var shouldStop: Bool { quitCode != nil || (anyFailed && !keepGoing && !interactive) }

    /// The process's exit status so far.
    var exitCode: Int32 { quitCode ?? (anyFailed && !interactive ? 1 : 0) }

    // MARK: - Running text

    /// Runs StableQL statements that start on line `line` of `origin`.
    @discardableResult
    func runStatements(_ text: String, origin: String, line: Int = 1) -> Bool {
        willRun?()
        // Leading newlines make the session count lines as the file does.
        let source = line > 1 ? String(repeating: "\n", count: line - 1) + text : text
        runObserver?(true)
        let ok = session.run(source, origin: origin, keepGoing: keepGoing)
        runObserver?(false)
        output.flush()
        if !ok { anyFailed = true }
        return ok
    }

    /// Runs a script (statements and dot-commands) until it ends, fails
    /// (unless `keepGoing`) or quits. Returns false if anything in it failed.
    @discardableResult
    func runScript(_ text: String, origin: String) -> Bool {
        var ok = true
        for piece in ScriptSplitter(isComplete: Session.isComplete).split(text) {
            if shouldStop { break }
            switch piece {
            case let .statements(statements, line):
                batchHistory.append(statements.trimmingCharacters(in: .whitespacesAndNewlines))
                if !runStatements(statements, origin: origin, line: line) { ok = false }
            case let .command(command, line):
                // A command with a here-document (`.check <<END`) carries its lines.
                var lines = command.split(separator: "\n", omittingEmptySubsequences: false)
                let first = lines.removeFirst()
                if var parsed = DotCommand(line: first) {
                    if !lines.isEmpty { parsed.body = lines.map(String.init) }
                    if !run(parsed, origin: origin, line: line) { ok = false }
                }
            }
        }
        return ok
    }

    /// Runs a script file.
    @discardableResult
    func runFile(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else {
            return fail(.io, "cannot read file \(path)", origin: nil, line: nil)
        }
        guard readDepth < Self.maxReadDepth else {
            return fail(.runtime, ".read nested more than \(Self.maxReadDepth) deep at \(path)", origin: nil, line: nil)
        }
        readDepth += 1
        defer { readDepth -= 1 }
        return runScript(String(decoding: data, as: UTF8.self), origin: path)
    }

    // MARK: - Dot-commands

    /// Runs one dot-command; returns false if it failed.
    @discardableResult
    func run(_ command: DotCommand, origin: String, line: Int) -> Bool {
        if session.options.echo {
            output.write("." + ([command.name] + command.arguments).joined(separator: " ") + "\n")
        }
        let args = command.arguments
        func usage() -> Bool { self.usage(command, origin: origin, line: line) }
        switch command.name {
        case "help":
            guard args.count <= 1 else { return usage() }
            if let topic = args.first {
                guard let text = HelpTopics.detail(topic) else {
                    return fail(.name, "no help on \"\(topic)\"; type .help for the list", origin: origin, line: line)
                }
                output.write(text)
            } else {
                output.write(HelpTopics.overview)
            }
            output.flush()
            return true
        case "open":
            guard let path = args.first else { return usage() }
            let extra = args.dropFirst().joined(separator: " ")
            return runStatements("open \(Value.quote(path))\(extra.isEmpty ? "" : " " + extra);", origin: origin, line: line)
        case "read":
            guard args.count == 1 else { return usage() }
            return runFile(args[0])
        case "mode":
            guard args.count <= 1 else { return usage() }
            guard let name = args.first else {
                output.write("mode: \(session.options.mode.rawValue)\n")
                output.flush()
                return true
            }
            guard let mode = OutputMode(rawValue: name.lowercased()) else {
                return fail(.name, "unknown mode \"\(name)\"; use one of: "
                    + OutputMode.allCases.map(\.rawValue).joined(separator: ", "), origin: origin, line: line)
            }
            session.options.mode = mode
            return true
        case "timer", "echo":
            guard args.count <= 1 else { return usage() }
            let current = command.name == "timer" ? session.options.timer : session.options.echo
            guard let word = args.first else {
                output.write("\(command.name): \(current ? "on" : "off")\n")
                output.flush()
                return true
            }
            guard let on = Self.parseSwitch(word) else { return usage() }
            if command.name == "timer" { session.options.timer = on } else { session.options.echo = on }
            return true
        case "timeout":
            guard args.count <= 1 else { return usage() }
            guard let word = args.first else {
                output.write("timeout: \(session.options.busyTimeoutMilliseconds) ms\n")
                output.flush()
                return true
            }
            guard let milliseconds = Int(word), milliseconds >= 0 else { return usage() }
            session.options.busyTimeoutMilliseconds = milliseconds
            return true
        case "bindings":
            guard args.isEmpty else { return usage() }
            let names = session.bindingNames
            if session.options.mode == .json {
                output.write("[" + names.map { JSONRenderer.string($0) }.joined(separator: ",") + "]\n")
            } else {
                output.write(names.map { $0 + "\n" }.joined())
            }
            output.flush()
            return true
        case "memories":
            guard args.isEmpty else { return usage() }
            return runStatements("memories;", origin: origin, line: line)
        case "history":
            guard args.isEmpty else { return usage() }
            let entries = historyProvider()
            let width = String(entries.count).count
            for (index, entry) in entries.enumerated() {
                let number = String(index + 1)
                let indent = String(repeating: " ", count: width + 2)
                let body = entry.replacingOccurrences(of: "\n", with: "\n" + indent)
                output.write(String(repeating: " ", count: width - number.count) + number + "  " + body + "\n")
            }
            output.flush()
            return true
        case "quit", "exit":
            guard args.count <= 1 else { return usage() }
            if let word = args.first {
                guard let code = Int32(word) else { return usage() }
                quitCode = code
            } else {
                quitCode = anyFailed && !interactive ? 1 : 0
            }
            return true
        default:
            if let handled = runOutputCommand(command, origin: origin, line: line) { return handled }
            if let handled = runDataCommand(command, origin: origin, line: line) { return handled }
            return fail(.name, "unknown command \".\(command.name)\"; type .help for the list", origin: origin, line: line)
        }
    }

    /// Reports the usage line of `command` as an error.
    func usage(_ command: DotCommand, origin: String, line: Int) -> Bool {
        let synopsis = DotCommand.all.first { $0.name == command.name }?.synopsis ?? ""
        return fail(.runtime, "usage: .\(command.name) \(synopsis)", origin: origin, line: line)
    }

    static func parseSwitch(_ word: String) -> Bool? {
        switch word.lowercased() {
        case "on", "yes", "true", "1": true
        case "off", "no", "false", "0": false
        default: nil
        }
    }

    /// Records a failure reported elsewhere (by the session).
    func noteFailure() { anyFailed = true }

    /// Reports a shell-level error through the language's one renderer (so
    /// it reads as the session's errors do) and records the failure.
    func fail(_ kind: QLError.Kind, _ message: String, origin: String?, line: Int?) -> Bool {
        // A dot-command takes one line: the place is its line, not a column.
        let error = QLError(kind, message, location: line.map { SourceLocation(offset: 0, line: $0, column: 1) })
        output.writeError(error.render(source: "", file: origin))
        anyFailed = true
        return false
    }
}
