#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)

extension FileMemory: JournalingBase {
    /// Sets the file's length to `pages` pages (shrinking or zero-extending).
    ///
    /// - Throws: ``StableError/readOnly(path:)`` on a read-only memory,
    ///   ``StableError/io(operation:path:errno:)`` if the file cannot be resized.
    public func truncate(toPages pages: UInt64) throws(StableError) {
        if handle.isReadOnly { throw .readOnly(path: handle.path) }
        guard pages <= UInt64(Int64.max) / wasmPageSize else { throw .growFailed(pages: pages) }
        if ftruncate(handle.descriptor, off_t(pages * wasmPageSize)) != 0 {
            throw .io(operation: "truncate", path: handle.path, errno: errno)
        }
        handle.byteCount = pages * wasmPageSize
    }
}

extension FileMemory {
    /// The path of the rollback journal of the image at `imagePath`:
    /// `imagePath + "-journal"`.
    public static func journalPath(forImage imagePath: String) -> String {
        RollbackJournal.path(forImage: imagePath)
    }

    /// Finishes what an interrupted commit left behind, before the image at
    /// `imagePath` is opened: rolls the image back with a complete (hot)
    /// journal, or deletes an incomplete one. Either way the image then holds
    /// exactly the state of its last completed commit.
    ///
    /// Does nothing (and returns ``JournalRecovery/noJournal``) when there is
    /// no journal. Safe to run again after a crash during recovery.
    ///
    /// - Throws: ``StableError/io(operation:path:errno:)`` on a file failure,
    ///   ``StableError/unsupportedVersion(structure:version:)`` for a journal
    ///   of an unknown format version, ``StableError/corrupted(structure:reason:)``
    ///   for a journal whose checksum holds but whose contents are impossible;
    ///   the journal is then left in place.
    /// - Complexity: O(journal length): one pass to check the journal, one to
    ///   apply it.
    public static func recoverJournal(forImage imagePath: String) throws(StableError) -> JournalRecovery {
        try RollbackJournal.recover(imagePath: imagePath)
    }

    /// Opens the image at `path` like ``init(path:readOnly:)``, first
    /// recovering from an interrupted commit (see ``recoverJournal(forImage:)``).
    ///
    /// Use this, not ``init(path:readOnly:)``, for images written through a
    /// ``TransactionalMemory``.
    ///
    /// A read-only open writes nothing: it ignores an incomplete journal (the
    /// image was not touched by its commit) and refuses an image with a hot
    /// journal, whose bytes may be half-updated.
    ///
    /// - Throws: what ``recoverJournal(forImage:)`` and ``init(path:readOnly:)``
    ///   throw; for a read-only open of an image with a hot journal,
    ///   ``StableError/corrupted(structure:reason:)`` saying that a read-write
    ///   open must recover it first.
    public init(recovering path: String, readOnly: Bool = false) throws(StableError) {
        if readOnly {
            let journal = RollbackJournal.path(forImage: path)
            if case .hot = try RollbackJournal.inspect(journal) {
                throw .corrupted(
                    structure: "memory image",
                    reason: "\(path) has a hot rollback journal \(journal) from an interrupted commit; "
                        + "open it read-write once to recover it")
            }
        } else {
            _ = try RollbackJournal.recover(imagePath: path)
        }
        try self.init(path: path, readOnly: readOnly)
    }
}

#endif
