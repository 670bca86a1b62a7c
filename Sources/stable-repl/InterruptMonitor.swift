import CEditLine
import Foundation
import StableQL
import Synchronization

/// Turns Ctrl-C (SIGINT) into `Session.interrupt()` while a statement runs,
/// and into a wake-up of the line editor at the prompt.
///
/// Async-signal safety: the C handler (in CEditLine's shim) only writes one
/// byte to a pipe. A watcher thread blocks reading that pipe. When a byte
/// arrives while a statement runs it calls `Session.interrupt()`, which is
/// thread-safe; otherwise it passes the byte on to `promptFD`, which the line
/// editor polls beside the terminal, so a Ctrl-C is never lost whichever
/// thread the signal lands on or whatever libedit was doing. Statements
/// always run on the main thread. This file is the only one that reaches the
/// shim's signal functions (their state lives in `static inline` statics).
final class InterruptMonitor: @unchecked Sendable {
    // @unchecked: the session is only touched through `interrupt()`, which the
    // Session documents as thread-safe; `running` is guarded by its Mutex.
    private let session: Session
    /// Whether a statement is running; the watcher interrupts only then.
    private let running = Mutex(false)
    /// Readable (a byte per Ctrl-C) when Ctrl-C came while no statement ran;
    /// non-blocking. -1 until `start()` succeeds.
    private(set) var promptFD: Int32 = -1
    private var promptWriteFD: Int32 = -1

    init(session: Session) {
        self.session = session
    }

    /// Installs the handler and starts the watcher. Returns false (and leaves
    /// the default SIGINT behaviour) if the pipes cannot be made.
    @discardableResult
    func start() -> Bool {
        guard let (signalRead, signalWrite) = Self.makePipe(), let (promptRead, promptWrite) = Self.makePipe() else {
            return false
        }
        // Writers never block: a full pipe already holds a pending Ctrl-C.
        Self.setNonBlocking(signalWrite)
        Self.setNonBlocking(promptWrite)
        Self.setNonBlocking(promptRead)  // the editor drains it
        promptFD = promptRead
        promptWriteFD = promptWrite
        let thread = Thread { [self] in watch(signalRead, forwardTo: promptWrite) }
        thread.name = "stable-repl SIGINT watcher"
        thread.start()
        return ce_install_sigint_handler(signalWrite) == 0
    }

    private func watch(_ fd: Int32, forwardTo prompt: Int32) {
        var byte: UInt8 = 0
        while true {
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            running.withLock { isRunning in
                if isRunning {
                    session.interrupt()
                } else {
                    _ = write(prompt, &byte, 1)
                }
            }
        }
    }

    /// Marks the start or the end of a statement.
    func setRunning(_ value: Bool) {
        running.withLock { $0 = value }
    }

    private static func makePipe() -> (Int32, Int32)? {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    private static func setNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }
}
