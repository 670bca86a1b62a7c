/// A memory stored in a file that ``TransactionalMemory`` can commit to
/// crash-safely, through a rollback journal kept at `path + "-journal"`.
///
/// ``FileMemory`` adopts it. The journal's recovery runs when the image is
/// opened (``FileMemory/init(recovering:readOnly:)``).
public protocol JournalingBase: Memory {
    /// The path of the image file; the journal lives at `path + "-journal"`,
    /// in the same directory.
    var path: String { get }

    /// Whether the file was opened read-only (a commit of changes then fails
    /// with ``StableError/readOnly(path:)`` before writing anything).
    var isReadOnly: Bool { get }

    /// Makes every write and the size durable (`fsync`).
    func sync() throws(StableError)

    /// Sets the file's size to `pages` pages, dropping the pages above it
    /// (the in-place undo of a commit's growth).
    func truncate(toPages pages: UInt64) throws(StableError)
}
