import StableStructures
import Synchronization

/// A StableQL session: the bindings, the session memory and the output
/// settings that a sequence of statements runs against. The shell creates
/// one per process; tests create one per case.
///
/// Each top-level statement is atomic: if it fails, the scalar bindings
/// it changed are restored (and, with structures, every write it made to the
/// memory is undone).
///
/// Error messages go to ``OutputSink/writeError(_:)``:
/// - syntax errors: `error: line L, column C: MESSAGE`, the source line and a
///   caret line; for a file origin `error: FILE:L:C: MESSAGE` and the same two lines;
/// - run-time errors: `error: MESSAGE`, or `error: FILE:LINE: MESSAGE` for a
///   file origin (origins in angle brackets such as `<stdin>` are not files).
///
/// A text with syntax errors is not run at all (unless `keepGoing`): every
/// syntax error is reported instead.
public final class Session {
    /// The output settings; change them between statements.
    public var options: SessionOptions

    let output: OutputSink
    /// Scalar bindings (`let x = …;`).
    var variables: [String: Value] = [:]
    /// Structure bindings, by name.
    var structures: [String: BindingRecord] = [:]
    /// The record types declared with `type`, by name (the latest
    /// declaration of a name wins for later declarations and `upgrade`).
    var types: [String: RecordType] = [:]
    /// The Candid types and services declared by `import`.
    var candid = ImportedCandid()
    /// The session memory (in-heap, or an image file).
    var memory = StatementMemory()
    /// The memory manager; nil in raw mode.
    var manager: MemoryManager<StatementMemory>?
    /// The open image's settings; nil for the in-heap memory.
    var image: ImageSettings?
    /// The Ctrl-C flag, set from any thread or a signal handler.
    let interruptFlag = Atomic<Bool>(false)

    /// The source and origin of the running `run` call, for messages.
    var currentSource = ""
    var currentOrigin = ""
    /// The statement that is executing (innermost), for error lines.
    var currentStatement: Statement?
    /// How many `for` and `while` loops enclose the executing statement.
    var loopDepth = 0
    /// A `break` or `continue` that the innermost loop has yet to act on.
    var pendingJump: LoopJump?
    /// Progress bookkeeping of the running top-level statement.
    var progress = ProgressMeter()
    /// The last single value printed: the value of `_`.
    var lastValue: Value?

    /// Receives progress of long-running statements (a `for` over many
    /// items, the checks of `upgrade`), and `nil` when the statement ends
    /// after a report, so a display can clear itself. Called on the thread
    /// running the statement. No reports when nil (the default).
    public var progressHandler: ((StatementProgress?) -> Void)?
    /// How long a statement runs before its first progress report.
    public var progressDelay: Duration = .milliseconds(500)
    /// The least time between two progress reports.
    public var progressInterval: Duration = .milliseconds(100)

    /// Creates a session on an in-heap memory, writing to `output`.
    public init(options: SessionOptions = SessionOptions(), output: OutputSink) {
        self.options = options
        self.output = output
        manager = try? MemoryManager(memory)
    }

    /// Whether `text` is a complete input (see ``Parser/isComplete(_:)``):
    /// the REPL shows its continuation prompt while this is false.
    public static func isComplete(_ text: String) -> Bool {
        Parser.isComplete(text)
    }

    /// The names of all live bindings, sorted.
    public var bindingNames: [String] {
        (Array(variables.keys) + Array(structures.keys)).sorted()
    }

    /// Asks the running statement to stop: it fails with "interrupted" and
    /// is rolled back. Safe to call from another thread or a signal handler
    /// (a lock-free atomic store).
    public func interrupt() {
        interruptFlag.store(true, ordering: .relaxed)
    }

    /// Flushes and closes the session memory; the session returns to an
    /// empty in-heap memory.
    public func close() {
        closeImage()
        variables.removeAll()
    }

    /// Runs all complete statements in `source`; returns false if any failed.
    ///
    /// - Parameters:
    ///   - origin: a file name, or `<stdin>` / `<command line>`, used in error messages.
    ///   - keepGoing: run the statements after a failed one (and the valid
    ///     statements of a text with syntax errors) instead of stopping.
    @discardableResult
    public func run(_ source: String, origin: String, keepGoing: Bool = false) -> Bool {
        interruptFlag.store(false, ordering: .relaxed)
        currentSource = source
        currentOrigin = origin
        defer {
            currentStatement = nil
        }
        let parsed = Parser.parse(source)
        if !parsed.isValid && !keepGoing {
            for diagnostic in parsed.diagnostics { report(diagnostic) }
            return false
        }
        return runItems(parsed, keepGoing: keepGoing)
    }

    /// Runs parsed items (each top-level statement commits its own writes),
    /// then commits anything still pending.
    private func runItems(_ parsed: ParseResult, keepGoing: Bool) -> Bool {
        var succeeded = true
        items: for item in parsed.items {
            switch item {
            case let .error(diagnostics):
                for diagnostic in diagnostics { report(diagnostic) }
                succeeded = false
            case let .statement(statement):
                if !runTopLevel(statement) {
                    succeeded = false
                    if !keepGoing { break items }
                }
            }
        }
        return saveWrites() && succeeded
    }

    /// Commits any writes still pending at the end of a `run` (durably, for
    /// an image file); false, with an error, when that fails — the memory is
    /// then as it was after the last committed statement, and every binding
    /// is re-attached to it. Statements commit one by one, so this normally
    /// has nothing to do.
    func saveWrites() -> Bool {
        do throws(StableError) {
            try memory.commitDurably()
            return synchronizeSnapshotMetadata()
        } catch {
            report(QLError(.library(error), "the changes could not be saved: \(error); they are undone"))
            reattachAll()
            return false
        }
    }

    /// Makes a finished statement's writes durable: a journaled commit for an
    /// image file (nothing at all when the statement wrote nothing), a copy
    /// into the in-heap memory otherwise. When the commit fails the memory is
    /// as it was before the statement, so the statement is undone as a whole:
    /// its scalar and structure bindings are restored and re-attached.
    func saveStatement(
        _ statement: Statement, _ journaled: StatementMemory,
        variables savedVariables: [String: Value], structures savedStructures: [String: BindingRecord]
    ) -> Bool {
        do throws(StableError) {
            try memory.commitDurably()
            return synchronizeSnapshotMetadata()
        } catch {
            report(QLError(.library(error), "the changes could not be saved: \(error); the statement is undone"), at: statement)
            if journaled === memory {
                variables = savedVariables
                structures = savedStructures
            }
            reattachAll()
            return false
        }
    }

    /// Runs one top-level statement atomically and commits it; false when it failed.
    func runTopLevel(_ statement: Statement) -> Bool {
        if options.echo { output.write(text(of: statement.range) + "\n") }
        let savedVariables = variables
        let savedStructures = structures
        let savedTypes = types
        let savedCandid = candid
        let clock = ContinuousClock()
        let start = clock.now
        progress.begin()
        defer { endProgress() }
        let coordinator: ImageCoordinator?
        do throws(QLError) {
            coordinator = try beginCoordination(for: statement)
        } catch {
            report(error, at: statement)
            return false
        }
        defer { endCoordination(coordinator) }
        var succeeded = true
        let journaled = memory
        do throws(QLError) {
            do throws(StableError) {
                try journaled.begin()
            } catch {
                throw QLError(.library(error), "cannot start the statement's transaction: \(error)")
            }
            try execute(statement)
            journaled.commit()
        } catch {
            variables = savedVariables
            types = savedTypes
            candid = savedCandid
            report(error, at: currentStatement ?? statement)
            succeeded = false
            rollBack(journaled, structures: savedStructures)
        }
        if succeeded && !saveStatement(statement, journaled, variables: savedVariables, structures: savedStructures) {
            succeeded = false
        }
        currentStatement = nil
        loopDepth = 0
        pendingJump = nil
        if options.timer {
            let elapsed = clock.now - start
            let (seconds, attoseconds) = elapsed.components
            let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
            output.write("time: \(Session.formatMilliseconds(milliseconds)) ms\n")
        }
        return succeeded
    }

    static func formatMilliseconds(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    /// The source text of `range` in the running source.
    func text(of range: SourceRange) -> String {
        let utf8 = Array(currentSource.utf8)
        let start = min(max(0, range.start.offset), utf8.count)
        let end = min(max(start, range.end.offset), utf8.count)
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// Whether the origin names a file (as opposed to `<stdin>`).
    var originIsFile: Bool { !currentOrigin.hasPrefix("<") && !currentOrigin.isEmpty }

    func report(_ diagnostic: Diagnostic) {
        report(QLError(diagnostic))
    }

    /// Writes `error` to the error output, placed at `statement` unless it
    /// already has a location.
    func report(_ error: QLError, at statement: Statement? = nil) {
        let placed = statement.map { error.located($0.range.start) } ?? error
        output.writeError(placed.render(source: currentSource, file: originIsFile ? currentOrigin : nil))
    }

    /// Throws "interrupted" once ``interrupt()`` was called.
    func checkInterrupt() throws(QLError) {
        if interruptFlag.load(ordering: .relaxed) { throw QLError(.runtime, "interrupted") }
    }

    /// Writes a result in the current output mode; a single value becomes
    /// the value of `_`.
    func emit(_ result: QueryResult) {
        switch result {
        case let .value(value):
            lastValue = value
            output.write(options.mode.renderer.render(result))
        case let .rows(rows):
            output.write(options.mode.render(rows, headers: options.headers))
        case .message:
            output.write(options.mode.renderer.render(result))
        }
        output.endResult()
    }
}
