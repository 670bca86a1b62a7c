/// What opening an image found of an interrupted commit
/// (``FileMemory/recoverJournal(forImage:)``).
public enum JournalRecovery: Equatable, Sendable {
    /// There was no journal: the last commit completed (or none was made).
    case noJournal

    /// An incomplete journal was deleted: a commit died while writing its
    /// journal, before touching the image, which therefore holds the state
    /// before that commit.
    case discardedIncompleteJournal

    /// A complete journal was applied: a commit died while updating the image;
    /// `blocks` original 1 KiB blocks were written back and the image was
    /// truncated to its old length of `byteCount` bytes. The image holds the
    /// state before that commit.
    case rolledBack(blocks: Int, byteCount: UInt64)
}
