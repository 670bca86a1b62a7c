import Foundation
import StableQL

/// The one-line progress display of long-running statements, drawn on
/// standard error when it is a terminal: `for i: 352,144 of 1,000,000 (35%)`,
/// rewritten in place and erased when the statement ends or anything else
/// is written.
final class ProgressLine {
    /// Whether a progress line is on the screen now.
    private(set) var isShown = false

    /// Whether to show progress: standard error is a terminal and `NO_PROGRESS`
    /// is not set (batch runs redirected to files never see it).
    static var enabled: Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_PROGRESS"] == nil
    }

    /// How long a statement runs before progress shows: half a second, or
    /// `STABLE_PROGRESS_DELAY_MS` milliseconds.
    static var delay: Duration {
        let variable = ProcessInfo.processInfo.environment["STABLE_PROGRESS_DELAY_MS"]
        return variable.flatMap(Int.init).map { .milliseconds(max(0, $0)) } ?? .milliseconds(500)
    }

    /// Draws `progress`, or erases the line for `nil`.
    func show(_ progress: StatementProgress?) {
        guard let progress else { return clear() }
        let width = max(10, Terminal.columns - 1)
        var text = progress.text
        if text.count > width { text = String(text.prefix(width)) }
        write("\r\u{1B}[2K" + text)
        isShown = true
    }

    /// Erases the progress line if one is shown.
    func clear() {
        guard isShown else { return }
        write("\r\u{1B}[2K")
        isShown = false
    }

    private func write(_ text: String) {
        ConsoleOutput.writeAll(Array(text.utf8), to: STDERR_FILENO)
    }
}
