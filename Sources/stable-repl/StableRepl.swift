import ArgumentParser
import Foundation
import StableQL

/// `stable-repl`: the StableQL shell, interactive on a terminal, batch otherwise.
@main
struct StableRepl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stable-repl",
        abstract: "Run StableQL on StableStructures: interactively, or from scripts and stdin.",
        discussion: """
            With no FILES and no -c, stable-repl reads statements from standard input: \
            interactively with line editing, history and Tab completion when it is a \
            terminal, plainly otherwise. Scripts stop at their first error and the process \
            exits with status 1 (see --keep-going). Type .help in the shell for the language.

            Examples:
              stable-repl
              stable-repl --image demo.img --bucket-size 1
              stable-repl setup.sql check.sql
              stable-repl --image demo.img --readonly -c 'memories;'
              stable-repl --mode json -c 'let m = map(0) of u64 -> u64; m.iter();'
              echo 'print 1 + 2;' | stable-repl --keep-going
            """,
        version: "stable-repl \(StableQL.version)"
    )

    @Argument(help: "StableQL script files to run in order.")
    var files: [String] = []

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements (after any FILES); repeatable.", valueName: "stmts"))
    var commands: [String] = []

    @Option(help: ArgumentHelp("Open this image file first (created if absent).", valueName: "path"))
    var image: String?

    @Flag(help: "Open the --image read-only: never write to it.")
    var readonly = false

    @Option(help: ArgumentHelp("Bucket size in pages for a new --image (default 128).", valueName: "n"))
    var bucketSize: Int?

    @Option(help: ArgumentHelp(
        "Wait up to this long for another process's lock on the image (default 5000).", valueName: "ms"))
    var busyTimeout: Int?

    @Flag(help: "Print each statement before running it.")
    var echo = false

    @Option(help: "Output mode.")
    var mode: ModeArgument = .table

    @Flag(help: "Print how long each statement took.")
    var timer = false

    @Flag(help: "Continue after an error; the exit status is still 1 if anything failed.")
    var keepGoing = false

    @Option(help: ArgumentHelp(
        "Run this script first, in any mode (instead of ~/.stablereplrc in an interactive session).",
        valueName: "file"))
    var `init`: String?

    @Flag(help: "Do not run ~/.stablereplrc at the start of an interactive session.")
    var noInit = false

    func validate() throws {
        if image == nil && readonly { throw ValidationError("--readonly needs --image PATH.") }
        if image == nil && bucketSize != nil { throw ValidationError("--bucket-size needs --image PATH.") }
        if let busyTimeout, busyTimeout < 0 { throw ValidationError("--busy-timeout must be 0 or more milliseconds.") }
        if `init` != nil && noInit { throw ValidationError("--init and --no-init exclude each other.") }
        if let bucketSize, !(1...65535).contains(bucketSize) {
            throw ValidationError("--bucket-size must be between 1 and 65535.")
        }
    }

    /// The statements the options stand for, run before anything else.
    var startupStatements: String? {
        guard let image else { return nil }
        var statement = "open \(Value.quote(image))"
        if readonly { statement += " readonly" }
        if let bucketSize { statement += " bucket_size \(bucketSize)" }
        return statement + ";"
    }

    func run() throws {
        var options = SessionOptions()
        options.mode = mode.outputMode
        options.echo = echo
        options.timer = timer
        if let busyTimeout { options.busyTimeoutMilliseconds = busyTimeout }
        let output = ConsoleOutput(colorErrors: Terminal.colorsEnabled && isatty(STDERR_FILENO) == 1)
        let session = Session(options: options, output: output)
        if ProgressLine.enabled {
            let line = ProgressLine()
            output.progressLine = line
            session.progressDelay = ProgressLine.delay
            session.progressHandler = { progress in
                output.flush()
                line.show(progress)
            }
        }
        let shell = Shell(session: session, output: output, keepGoing: keepGoing)
        let code = run(shell)
        output.flush()
        session.close()
        if code != 0 { throw ExitCode(code) }
    }

    private func run(_ shell: Shell) -> Int32 {
        if let startup = startupStatements, !shell.runStatements(startup, origin: "<command line>") {
            return 1
        }
        let batch = !files.isEmpty || !commands.isEmpty || !Terminal.stdinIsTerminal
        if let initFile = `init` {
            if !shell.runFile(initFile) && !keepGoing { return 1 }
        } else if !batch && !noInit, FileManager.default.fileExists(atPath: StartupFile.path()) {
            // A broken startup file is reported; the session still starts.
            shell.interactive = true
            shell.runFile(StartupFile.path())
        }
        if !files.isEmpty || !commands.isEmpty {
            for file in files where !shell.shouldStop {
                shell.runFile(file)
            }
            for command in commands where !shell.shouldStop {
                shell.runScript(command, origin: "<command line>")
            }
            return shell.exitCode
        }
        if Terminal.stdinIsTerminal, let loop = InteractiveLoop(shell: shell) {
            return loop.run()
        }
        let input = FileHandle.standardInput.readDataToEndOfFile()
        shell.runScript(String(decoding: input, as: UTF8.self), origin: "stdin")
        return shell.exitCode
    }
}

/// The `--mode` values.
enum ModeArgument: String, CaseIterable, ExpressibleByArgument {
    case table, list, csv, json

    var outputMode: OutputMode {
        switch self {
        case .table: .table
        case .list: .list
        case .csv: .csv
        case .json: .json
        }
    }
}
