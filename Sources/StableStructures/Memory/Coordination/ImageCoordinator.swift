#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)

/// Lets several processes share one image file safely, one unit of work
/// (a statement of the shell) at a time.
///
/// Each unit starts with ``begin(_:)``, which
/// 1. takes the image's ``ImageLock`` — shared to read, exclusive to write —
///    waiting up to ``busyTimeoutMilliseconds`` and otherwise throwing
///    ``StableError/busy(path:process:)``;
/// 2. as a writer, increments the ``ChangeCounter`` before anything is written;
/// 3. rolls back a hot journal left by a writer that died (under the write
///    lock, so exactly one process does it, before anyone reads);
/// 4. tells the caller whether another process changed the image since this
///    process's last unit: the caller must then reload what it caches (a
///    ``FileMemory``'s size through ``FileMemory/reloadSize()``, a memory
///    manager, the structures' headers), and never write a stale header back.
///
/// The unit ends with ``end()`` after its commit. Readers thus only ever see
/// the image between two writers' commits.
///
/// ```swift
/// let coordinator = try ImageCoordinator(imagePath: "shared.img")
/// let file = try FileMemory(path: "shared.img")
/// let memory = TransactionalMemory(file)
/// if try coordinator.begin(.write) { try file.reloadSize() /* and re-attach */ }
/// try memory.atomically { () throws(StableError) in try work(on: memory) }
/// coordinator.end()
/// ```
///
/// Not thread-safe: one coordinator per session, used from one thread.
public final class ImageCoordinator {
    /// What a unit of work does with the image.
    public enum Access: Equatable, Sendable {
        /// Only reads (a shared lock).
        case read
        /// May write (the exclusive lock).
        case write
    }

    /// The image's path.
    public let imagePath: String
    /// Whether this process only reads: it then never creates or writes a file.
    public let isReadOnly: Bool
    /// How long ``begin(_:)`` waits for a lock before it throws ``StableError/busy(path:process:)``.
    public var busyTimeoutMilliseconds: Int
    /// The byte-range locks on the image file.
    public let lock: ImageLock
    /// The change counter in the side file.
    public let counter: ChangeCounter
    /// What the last journal recovery found (``JournalRecovery/noJournal`` when
    /// this process recovered nothing).
    public private(set) var lastRecovery: JournalRecovery = .noJournal

    /// The counter's value at this process's last ``begin(_:)``.
    private var seen: UInt64

    /// Prepares to coordinate access to the image at `imagePath`. Read-write,
    /// it creates the image (empty) and its side file when absent; read-only,
    /// it creates and writes nothing.
    ///
    /// - Parameters:
    ///   - imagePath: the image file's path.
    ///   - readOnly: whether this process only reads (shared locks only, no
    ///     file created or written).
    ///   - busyTimeoutMilliseconds: how long a lock is waited for (0: not at
    ///     all).
    /// - Throws: ``StableError/io(operation:path:errno:)`` when a file cannot
    ///   be opened (or, read-write, created).
    public init(imagePath: String, readOnly: Bool = false, busyTimeoutMilliseconds: Int = 5000) throws(StableError) {
        self.imagePath = imagePath
        isReadOnly = readOnly
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        lock = try ImageLock(path: imagePath, readOnly: readOnly)
        counter = try ChangeCounter(forImage: imagePath, readOnly: readOnly)
        seen = try counter.value()
    }

    /// Whether a unit of work is under way (between ``begin(_:)`` and ``end()``).
    public var isActive: Bool { lock.mode != .none }

    /// Starts a unit of work: takes the lock `access` needs (shared when
    /// read-only), recovers a hot journal, and reports whether the image
    /// changed since this process's last unit.
    ///
    /// - Returns: true when another process committed (or a journal was
    ///   rolled back) since the last call: reload everything cached.
    /// - Throws: ``StableError/busy(path:process:)`` when the lock is not
    ///   free within the busy timeout (nothing is then held);
    ///   ``StableError/corrupted(structure:reason:)`` for a read-only process
    ///   that finds a hot journal no read-write process rolls back within the
    ///   busy timeout; what
    ///   recovery throws. Nothing is held when it throws.
    public func begin(_ access: Access) throws(StableError) -> Bool {
        let deadline = Deadline(milliseconds: busyTimeoutMilliseconds)
        let exclusive = access == .write && !isReadOnly
        try acquire(exclusive ? .exclusive : .shared, until: deadline)
        do {
            var changed = try claim()
            if try recoverIfNeeded(until: deadline) { changed = true }
            return changed
        } catch {
            release()
            throw error
        }
    }

    /// Ends the unit of work (after its commit): releases the lock, and when
    /// another process waits, gives it a moment to take over.
    public func end() {
        guard lock.mode != .none else { return }
        release()
        guard lock.othersAreWaiting else { return }
        // Locks are polled: without this pause, a busy process could take
        // the lock back before any waiter polls again.
        let handover = Deadline(milliseconds: 20)
        while !lock.isHeldByOthers && !handover.hasPassed { Deadline.pause(microseconds: 100) }
    }

    // MARK: - Steps

    /// Reads (or, as the writer, increments) the counter; true when it moved.
    private func claim() throws(StableError) -> Bool {
        let now: UInt64
        if lock.mode == .exclusive {
            now = try counter.increment()
            defer { seen = now }
            return now &- 1 != seen
        }
        now = try counter.value()
        defer { seen = now }
        return now != seen
    }

    /// Rolls back a journal left behind by a writer that died (none can be
    /// alive while this process holds a lock); true when it changed the image.
    private func recoverIfNeeded(until deadline: Deadline) throws(StableError) -> Bool {
        let journal = RollbackJournal.path(forImage: imagePath)
        guard access(journal, F_OK) == 0 else { return false }
        if isReadOnly {
            // Only a read-write process can roll the journal back: wait for
            // one (as for a lock) up to the busy timeout.
            var waited = false
            while case .hot = try RollbackJournal.inspect(journal) {
                guard !deadline.hasPassed else {
                    throw .corrupted(
                        structure: "memory image",
                        reason: "\(imagePath) has a hot rollback journal \(journal) from an interrupted commit; "
                            + "open it read-write once to recover it")
                }
                release()
                lock.setWaiting(true)
                Deadline.pause(microseconds: 1000)
                lock.setWaiting(false)
                try acquire(.shared, until: deadline)
                _ = try claim()
                waited = true
            }
            return waited
        }
        let downgrade = lock.mode == .shared
        if downgrade {
            release()
            try acquire(.exclusive, until: deadline)
            _ = try claim()
        }
        let recovery = try RollbackJournal.recover(imagePath: imagePath)
        if recovery != .noJournal { lastRecovery = recovery }
        if downgrade { _ = try lock.tryLock(.shared) }
        return true
    }

    /// Takes `mode`, polling until `deadline`.
    private func acquire(_ mode: ImageLock.Mode, until deadline: Deadline) throws(StableError) {
        if try lock.tryLock(mode) { return }
        lock.setWaiting(true)
        defer { lock.setWaiting(false) }
        while !deadline.hasPassed {
            Deadline.pause(microseconds: 1000)
            if try lock.tryLock(mode) { return }
        }
        let holder = lock.holder(excluding: mode)
        lock.abandonWait()
        throw .busy(path: imagePath, process: holder == .exclusive ? counter.lastWriter() : nil)
    }

    private func release() {
        lock.abandonWait()
        _ = try? lock.tryLock(.none)
    }
}

/// A point in time on the monotonic clock.
struct Deadline {
    let nanoseconds: UInt64

    init(milliseconds: Int) {
        nanoseconds = Deadline.now() &+ UInt64(max(0, milliseconds)) &* 1_000_000
    }

    var hasPassed: Bool { Deadline.now() >= nanoseconds }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    static func pause(microseconds: Int) {
        var time = timespec(tv_sec: 0, tv_nsec: microseconds * 1000)
        _ = nanosleep(&time, nil)
    }
}

#endif
