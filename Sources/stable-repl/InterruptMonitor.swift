import CEditLine
import Foundation
import Synchronization

/// Turns Ctrl-C (SIGINT) into `Session.interrupt()` while a statement runs,
/// and into an "interrupted" answer from the line editor at the prompt.
///
/// Async-signal safety: the C handler (in CEditLine's shim) only stores a
/// `sig_atomic_t` flag and writes one byte to a pipe. A watcher thread blocks
/// reading that pipe; when a byte arrives while a statement runs it calls
/// `Session.interrupt()`, which is thread-safe. Statements themselves always
/// run on the main thread. This file is the only one that reaches the shim's
/// signal functions (their state lives in `static inline` function statics).
final class InterruptMonitor: @unchecked Sendable {
    // @unchecked: the session is only touched through `interrupt()`, which the
    // Session documents as thread-safe; `running` is guarded by its Mutex.
    private let session: Session
    /// Whether a statement is running; the watcher interrupts only then.
    private let running = Mutex(false)

    init(session: Session) {
        self.session = session
    }

    /// Installs the handler and starts the watcher. Returns false (and leaves
    /// the default SIGINT behaviour) if the pipe cannot be made.
    @discardableResult
    func start() -> Bool {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return false }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        // The handler must never block: a full pipe just drops the byte.
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        let thread = Thread { [self] in watch(readEnd) }
        thread.name = "stable-repl SIGINT watcher"
        thread.start()
        return ce_install_sigint_handler(writeEnd) == 0
    }

    private func watch(_ fd: Int32) {
        var byte: UInt8 = 0
        while true {
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            running.withLock { isRunning in
                if isRunning { session.interrupt() }
            }
        }
    }

    /// Marks the start or the end of a statement.
    func setRunning(_ value: Bool) {
        running.withLock { $0 = value }
    }

    /// Whether SIGINT arrived since the last call (clears the flag).
    func takeInterrupt() -> Bool {
        ce_take_sigint() != 0
    }
}
