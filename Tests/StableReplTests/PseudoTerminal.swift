import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `stable-repl` running on a pseudo-terminal, driven like a user would.
///
/// The child is started with `posix_spawn` in a new session whose controlling
/// terminal is the pty, so Ctrl-C reaches it as SIGINT. Every wait is bounded.
final class PseudoTerminal {
    private let master: Int32
    private let pid: pid_t
    private var bytes: [UInt8] = []
    private var exitStatus: Int32?

    /// How long a wait may take before the program counts as stuck: far more
    /// than any step needs on a slow, loaded machine, so it fires only when
    /// something is really wrong. Waits end as soon as their event happens.
    static let stuck: TimeInterval = 60

    /// Everything the program wrote so far (escape sequences included).
    var output: String { String(decoding: bytes, as: UTF8.self) }

    init(executable: String, arguments: [String] = [], environment: [String: String], rows: UInt16 = 24, columns: UInt16 = 100) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw PtyError("openpty failed: \(errno)") }
        defer { close(slave) }
        // `ttyname_r`, not `ttyname`: tests start terminals concurrently, and
        // `ttyname`'s shared static buffer let one test open another's terminal.
        var name = [CChar](repeating: 0, count: 256)
        guard ttyname_r(slave, &name, name.count) == 0 else {
            close(master)
            throw PtyError("ttyname_r failed")
        }
        let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid (below), opening the pty makes it the controlling terminal.
        posix_spawn_file_actions_addclose(&actions, master)
        posix_spawn_file_actions_addclose(&actions, slave)
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let setsid: Int16 = 0x80  // POSIX_SPAWN_SETSID (glibc), not imported into Swift
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setflags(&attributes, setsid | Int16(POSIX_SPAWN_SETSIGDEF) | Int16(POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            close(master)
            throw PtyError("posix_spawn failed: \(rc)")
        }
        self.master = master
        self.pid = child
    }

    /// Starts the built `stable-repl` with a private HOME and XDG_STATE_HOME;
    /// `environment` adds or replaces variables.
    convenience init(
        stateDirectory: URL, arguments: [String] = [], colors: Bool = false, environment extra: [String: String] = [:]
    ) throws {
        var env = ["TERM": "xterm", "HOME": stateDirectory.path, "XDG_STATE_HOME": stateDirectory.path,
                   "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        if !colors { env["NO_COLOR"] = "1" }
        for (key, value) in extra { env[key] = value }
        try self.init(executable: Products.repl.path, arguments: arguments, environment: env)
    }

    /// The shell's primary prompt.
    static let replPrompt = "stable> "

    /// Starts the built `stable-repl` as ``init(stateDirectory:arguments:colors:environment:)``
    /// does and waits for its first prompt.
    static func repl(
        stateDirectory: URL, arguments: [String] = [], colors: Bool = false, environment: [String: String] = [:]
    ) throws -> PseudoTerminal {
        let pty = try PseudoTerminal(stateDirectory: stateDirectory, arguments: arguments, colors: colors, environment: environment)
        guard pty.waitForPrompt(replPrompt) else { throw PtyError("no prompt: \(pty.output)") }
        return pty
    }

    /// Types a line and Enter, waits for the next prompt after it, and
    /// returns what the terminal showed meanwhile.
    @discardableResult
    func enter(_ line: String) -> String {
        let mark = self.mark
        send(line + "\r")
        waitForPrompt("\r\n" + Self.replPrompt, since: mark)
        return output(since: mark)
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types text (use "\r" for Enter, "\t" for Tab, "\u{3}" for Ctrl-C).
    func send(_ text: String) {
        let data = Array(text.utf8)
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(master, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// A position in the output, to wait for what comes after it.
    var mark: Int { bytes.count }

    /// Reads until the output after `mark` contains `needle`; false on timeout.
    @discardableResult
    func waitFor(_ needle: String, since mark: Int = 0, timeout: TimeInterval = PseudoTerminal.stuck) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if String(decoding: bytes[min(mark, bytes.count)...], as: UTF8.self).contains(needle) { return true }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 || !readSome(timeout: left) { return false }
        }
    }

    /// Waits until the line editor has put the terminal in raw mode (canonical
    /// input off): keys typed before that would be handled by the kernel's
    /// line discipline, not by libedit.
    @discardableResult
    func waitForRawMode(timeout: TimeInterval = PseudoTerminal.stuck) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var attributes = termios()
        while Date() < deadline {
            if tcgetattr(master, &attributes) == 0 && attributes.c_lflag & tcflag_t(ICANON) == 0 { return true }
            _ = readSome(timeout: 0.01)
        }
        return false
    }

    /// Waits for `prompt` after `mark`, then for raw mode, so typing is safe.
    @discardableResult
    func waitForPrompt(_ prompt: String, since mark: Int = 0, timeout: TimeInterval = PseudoTerminal.stuck) -> Bool {
        waitFor(prompt, since: mark, timeout: timeout) && waitForRawMode()
    }

    /// Output after `mark`.
    func output(since mark: Int) -> String {
        String(decoding: bytes[min(mark, bytes.count)...], as: UTF8.self)
    }

    /// Waits for the program to exit and returns its exit status (nil on timeout
    /// or when it was killed by a signal).
    func waitForExit(timeout: TimeInterval = PseudoTerminal.stuck) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            _ = readSome(timeout: 0.05)
            var status: Int32 = 0
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid {
                let exited = (status & 0x7f) == 0
                exitStatus = exited ? (status >> 8) & 0xff : -1
                return exited ? exitStatus : nil
            }
        }
        return nil
    }

    /// Reads what is available within `timeout`; false when nothing can come.
    private func readSome(timeout: TimeInterval) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(1, min(timeout, 1) * 1000)))
        if ready < 0 { return errno == EINTR }
        if ready == 0 { return true }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(master, &buffer, buffer.count)
        if n <= 0 {
            usleep(20_000)  // EIO once the child has gone: let the caller time out
            return true
        }
        bytes.append(contentsOf: buffer[..<n])
        return true
    }
}

struct PtyError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
