import Foundation

/// Shows results taller than the terminal through a pager (`$PAGER`, else
/// `less -FRX`), as psql does: a result's text is held until it has more
/// lines than the screen, then the pager starts and gets the rest as it
/// comes; a shorter result is written straight to the terminal.
final class Pager {
    /// The shell command that runs the pager.
    let command: String
    /// The screen height; results with more lines than this are paged.
    var screenRows: () -> Int?
    private var held: [UInt8] = []
    private var lines = 0
    private var process: Process?
    private var pipe: Pipe?

    init(command: String, screenRows: @escaping () -> Int?) {
        self.command = command
        self.screenRows = screenRows
    }

    /// The pager command from the environment: `$PAGER`, else `less -FRX`
    /// when `less` is installed; nil when there is none.
    static func defaultCommand(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let pager = environment["PAGER"], !pager.trimmingCharacters(in: .whitespaces).isEmpty { return pager }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/less") {
            return "less -FRX"
        }
        return nil
    }

    /// Whether standard output is a terminal, so paging makes sense.
    var wants: Bool { Terminal.stdoutIsTerminal }

    /// Takes a result's next bytes.
    func write(_ bytes: [UInt8]) {
        if process != nil {
            // Once the user has left the pager, the rest of the result is dropped.
            if let pipe, !ConsoleOutput.writeAll(bytes, to: pipe.fileHandleForWriting.fileDescriptor) { stopFeeding() }
            return
        }
        held.append(contentsOf: bytes)
        lines += bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        if let rows = screenRows(), lines >= rows { start() }
    }

    /// Ends the result: writes a short one to the terminal, or closes the
    /// pager's input and waits for the user to leave it.
    func finish() {
        if let process {
            stopFeeding()
            process.waitUntilExit()
            self.process = nil
            signal(SIGPIPE, SIG_DFL)
        } else if !held.isEmpty {
            ConsoleOutput.writeAll(held, to: STDOUT_FILENO)
        }
        held = []
        lines = 0
    }

    private func start() {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardInput = pipe
        do {
            try process.run()
        } catch {
            // No pager after all: show the result plainly.
            ConsoleOutput.writeAll(held, to: STDOUT_FILENO)
            held = []
            return
        }
        // The user may leave the pager before the result ends: a write to
        // its closed pipe must fail, not kill the shell.
        signal(SIGPIPE, SIG_IGN)
        self.process = process
        self.pipe = pipe
        let text = held
        held = []
        write(text)
    }

    private func stopFeeding() {
        try? pipe?.fileHandleForWriting.close()
        pipe = nil
    }
}
