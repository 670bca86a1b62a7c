#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)

/// Advisory byte-range locks on an image file, the way SQLite coordinates
/// processes: the locked bytes lie far past any image's data (locks never
/// block reads or writes, they only exclude other locks), so they work
/// whatever side files exist.
///
/// Three bytes are used:
/// - the **pending** byte: a writer holds it exclusively from the moment it
///   wants to write until it is done, so that new readers wait while the
///   readers already inside finish (a stream of readers cannot starve it);
///   a reader holds it shared only for the instant it takes the access byte;
/// - the **access** byte: shared by readers while a statement reads,
///   exclusive to the one writer while it writes and commits;
/// - the **waiting** byte: held shared by every process waiting for a lock,
///   so that a process releasing one can see that somebody waits and leave
///   it a moment to take over (locks are polled, and would otherwise go to
///   whoever asks first, again and again).
///
/// On Linux the locks are open-file-description locks (`F_OFD_SETLK`): they
/// belong to this lock's own descriptor, so opening and closing the image
/// elsewhere in the process (a re-open on `upgrade`) never drops them, as it
/// would classic per-process POSIX locks. Elsewhere classic `F_SETLK` locks
/// are used. Either way the kernel drops them when the process dies.
///
/// Not thread-safe: one lock per session, used from one thread.
public final class ImageLock {
    /// What a process may do with the image while it holds the lock.
    public enum Mode: Equatable, Sendable {
        /// Not locked.
        case none
        /// Reading: any number of processes at once.
        case shared
        /// Writing: one process, no readers.
        case exclusive
    }

    /// The image file's path, for messages.
    public let path: String
    /// The lock's own descriptor on the image file.
    private var descriptor: Int32
    /// What this process holds now.
    public private(set) var mode: Mode = .none

    /// The first locked byte: far beyond any real image (the offsets stay
    /// below `Int64.max`, as `fcntl` requires).
    static let regionStart: Int64 = 0x7FFF_FFFF_FFFF_0000
    static let pendingByte = regionStart
    static let accessByte = regionStart + 1
    static let waitingByte = regionStart + 2

    #if os(Linux)
    // `F_OFD_*` from <fcntl.h> (Linux 3.15+), not exported without _GNU_SOURCE.
    static let setCommand: Int32 = 37
    static let getCommand: Int32 = 36
    #else
    static let setCommand: Int32 = F_SETLK
    static let getCommand: Int32 = F_GETLK
    #endif

    /// Opens the image at `path` for locking: read-write (a write lock needs
    /// a descriptor open for writing), creating an empty image when absent,
    /// unless `readOnly`, which never creates it.
    ///
    /// - Throws: ``StableError/io(operation:path:errno:)`` when it cannot be opened.
    public init(path: String, readOnly: Bool) throws(StableError) {
        self.path = path
        descriptor = open(path, (readOnly ? O_RDONLY : O_RDWR | O_CREAT) | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw .io(operation: "open", path: path, errno: errno) }
    }

    deinit {
        if descriptor >= 0 { _ = Glibc_close(descriptor) }
    }

    /// Tries once to take `mode` without waiting; true when it is held.
    ///
    /// Going from ``Mode/exclusive`` to ``Mode/shared`` is atomic (no other
    /// writer can slip in). ``Mode/none`` releases.
    ///
    /// - Throws: ``StableError/io(operation:path:errno:)`` for a failure other
    ///   than a conflicting lock.
    public func tryLock(_ mode: Mode) throws(StableError) -> Bool {
        switch mode {
        case .none:
            try set(Int16(F_UNLCK), from: Self.pendingByte, count: 2)
            pendingHeld = false
        case .shared:
            if self.mode == .exclusive {
                try set(Int16(F_RDLCK), from: Self.accessByte, count: 1)
                try set(Int16(F_UNLCK), from: Self.pendingByte, count: 1)
                break
            }
            if self.mode == .shared { return true }
            // Through the pending byte, so that a waiting writer holds new readers back.
            guard try set(Int16(F_RDLCK), from: Self.pendingByte, count: 1, mayConflict: true) else { return false }
            let took = try set(Int16(F_RDLCK), from: Self.accessByte, count: 1, mayConflict: true)
            try set(Int16(F_UNLCK), from: Self.pendingByte, count: 1)
            if !took { return false }
        case .exclusive:
            if self.mode == .exclusive { return true }
            // From shared, an upgrade: the access byte stays shared meanwhile.
            guard try set(Int16(F_WRLCK), from: Self.pendingByte, count: 1, mayConflict: true) else { return false }
            // The pending byte stays ours while readers drain: a second try
            // finds it already held.
            guard try set(Int16(F_WRLCK), from: Self.accessByte, count: 1, mayConflict: true) else {
                pendingHeld = true
                return false
            }
            pendingHeld = false
        }
        self.mode = mode
        return true
    }

    /// Whether this process holds the pending byte while it waits for readers.
    private var pendingHeld = false

    /// Releases what a failed wait for the exclusive lock still holds (the
    /// pending byte), keeping the shared lock when the process had one.
    public func abandonWait() {
        guard pendingHeld else { return }
        pendingHeld = false
        _ = try? set(Int16(F_UNLCK), from: Self.pendingByte, count: 1)
    }

    /// Marks this process as waiting (or no longer waiting) for a lock.
    public func setWaiting(_ waiting: Bool) {
        _ = try? set(Int16(waiting ? F_RDLCK : F_UNLCK), from: Self.waitingByte, count: 1, mayConflict: true)
    }

    /// Whether some other process is waiting for a lock.
    public var othersAreWaiting: Bool {
        (try? conflicts(Int16(F_WRLCK), from: Self.waitingByte, count: 1)) ?? false
    }

    /// What another process holds that excludes `mode`: `.exclusive` when a
    /// writer holds or claims the image, `.shared` when only readers hold it,
    /// `.none` when nothing would stop this process now.
    public func holder(excluding mode: Mode) -> Mode {
        if (try? conflicts(Int16(F_RDLCK), from: Self.pendingByte, count: 2)) == true { return .exclusive }
        if mode == .exclusive, (try? conflicts(Int16(F_WRLCK), from: Self.accessByte, count: 1)) == true {
            return .shared
        }
        return .none
    }

    /// Whether another process holds the pending or the access byte in any mode.
    public var isHeldByOthers: Bool {
        (try? conflicts(Int16(F_WRLCK), from: Self.pendingByte, count: 2)) ?? false
    }

    // MARK: - fcntl

    /// Sets a lock of `type` on `count` bytes; with `mayConflict`, returns
    /// false when another process's lock conflicts, instead of throwing.
    @discardableResult
    private func set(_ type: Int16, from start: Int64, count: Int64, mayConflict: Bool = false) throws(StableError) -> Bool {
        var request = Self.request(type, from: start, count: count)
        while fcntl(descriptor, Self.setCommand, &request) != 0 {
            let code = errno
            if code == EINTR { continue }
            if mayConflict && (code == EAGAIN || code == EACCES) { return false }
            throw .io(operation: "lock", path: path, errno: code)
        }
        return true
    }

    /// Whether a lock of `type` on the bytes would conflict with another process's lock.
    private func conflicts(_ type: Int16, from start: Int64, count: Int64) throws(StableError) -> Bool {
        var request = Self.request(type, from: start, count: count)
        if fcntl(descriptor, Self.getCommand, &request) != 0 {
            throw .io(operation: "test lock", path: path, errno: errno)
        }
        return request.l_type != Int16(F_UNLCK)
    }

    private static func request(_ type: Int16, from start: Int64, count: Int64) -> flock {
        var request = flock()
        request.l_type = type
        request.l_whence = Int16(SEEK_SET)
        request.l_start = off_t(start)
        request.l_len = off_t(count)
        request.l_pid = 0
        return request
    }
}

#endif
