import Foundation
import StableQL

/// The session's output: results to standard output, errors to standard error.
///
/// Standard output is buffered (results can be long) and flushed at every
/// error, at every `flush()` the shell makes before it waits for input, and
/// after every statement when `flushEachWrite` is set (interactive use, so a
/// long statement shows its output as it goes).
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
        flush()
        progressLine?.clear()
        let line = text.hasSuffix("\n") ? text : text + "\n"
        let styled = colorErrors ? Terminal.Style.red + line.dropLast() + Terminal.Style.reset + "\n" : line
        Self.writeAll(Array(styled.utf8), to: STDERR_FILENO)
    }

    /// Writes everything buffered to standard output.
    func flush() {
        guard !buffer.isEmpty else { return }
        progressLine?.clear()
        Self.writeAll(buffer, to: STDOUT_FILENO)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes all of `bytes` to `fd`, retrying after signals; gives up
    /// quietly on a closed pipe.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return  // a closed pipe: nothing useful left to do
                }
                offset += n
            }
        }
    }
}
