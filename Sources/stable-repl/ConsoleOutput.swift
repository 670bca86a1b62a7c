import Foundation
import StableQL

/// The session's output: results to standard output (or the file of
/// `.output` / `.once`, the capture of `.testcase`, a pager), errors to
/// standard error.
///
/// Results are buffered (they can be long) and flushed at every error, at
/// every `flush()` the shell makes before it waits for input, and after
/// every write when `flushEachWrite` is set (interactive use, so a long
/// statement shows its output as it goes).
final class ConsoleOutput: OutputSink {
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 16
    /// Whether errors are written in red.
    var colorErrors: Bool
    /// Whether every write reaches the terminal at once.
    var flushEachWrite: Bool
    /// Text to write before an error (a newline after an echoed `^C`).
    var beforeError: (() -> String)?
    /// The progress display, erased before anything else reaches the terminal.
    var progressLine: ProgressLine?
    /// The file results go to instead of standard output (`.output`, `.once`).
    var redirection: OutputRedirection?
    /// What `.testcase` captured so far; nil when not capturing.
    var capture: [UInt8]?
    /// The pager for results taller than the terminal; nil when off.
    var pager: Pager?

    init(colorErrors: Bool = false, flushEachWrite: Bool = false) {
        self.colorErrors = colorErrors
        self.flushEachWrite = flushEachWrite
        buffer.reserveCapacity(bufferLimit)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if flushEachWrite || buffer.count >= bufferLimit { flush() }
    }

    func writeError(_ text: String) {
        if let prefix = beforeError?(), !prefix.isEmpty { write(prefix) }
        finishPage()
        progressLine?.clear()
        let line = text.hasSuffix("\n") ? text : text + "\n"
        let styled = colorErrors ? Terminal.Style.red + line.dropLast() + Terminal.Style.reset + "\n" : line
        Self.writeAll(Array(styled.utf8), to: STDERR_FILENO)
    }

    /// Ends one result: a `.once` redirection ends, a pager showing the
    /// result is closed (the shell waits for it).
    func endResult() {
        finishPage()
        if let redirection, redirection.once {
            redirection.close()
            self.redirection = nil
        }
    }

    /// Writes everything buffered to where results go now.
    func flush() {
        guard !buffer.isEmpty else { return }
        if capture != nil {
            capture?.append(contentsOf: buffer)
        } else if let redirection {
            redirection.write(buffer)
        } else if let pager, pager.wants {
            pager.write(buffer)
        } else {
            progressLine?.clear()
            Self.writeAll(buffer, to: STDOUT_FILENO)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, then lets out what the pager held (a result shorter than the
    /// screen) or waits for the pager to be closed.
    func finishPage() {
        flush()
        if let pager {
            progressLine?.clear()
            pager.finish()
        }
    }

    /// Writes all of `bytes` to `fd`, retrying after signals; false when
    /// the write failed (a closed pipe, a full disk).
    @discardableResult
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }
}
