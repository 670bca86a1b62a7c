import CEditLine
import Foundation

/// Facts about the process's standard streams that decide how the shell behaves.
enum Terminal {
    /// Whether standard input is a terminal (interactive mode uses libedit).
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Whether standard output is a terminal.
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Colours (bold prompt, red errors) only on a terminal and unless the
    /// user opted out with `NO_COLOR` (https://no-color.org).
    static var colorsEnabled: Bool {
        stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// The number of rows of the terminal on standard output, if known.
    static var rows: Int? {
        let rows = Int(ce_terminal_rows(STDOUT_FILENO))
        return rows > 0 ? rows : nil
    }

    /// ANSI escape sequences used by the shell.
    enum Style {
        static let bold = "\u{1B}[1m"
        static let red = "\u{1B}[31m"
        static let reset = "\u{1B}[0m"
    }
}

extension Terminal {
    /// The number of columns of the terminal on standard output (80 if unknown).
    static var columns: Int {
        let columns = Int(ce_terminal_columns(STDOUT_FILENO))
        return columns > 0 ? columns : 80
    }
}
