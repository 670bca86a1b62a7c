/// The points of a journaled commit at which a test can simulate a crash
/// (``TransactionalMemory``'s internal `simulatedCrash` seam). At the chosen
/// point the commit stops at once, leaving the files as a dying process
/// would, and throws an I/O error whose operation names the step.
enum CommitStep: String, CaseIterable, Sendable {
    /// Half of the journal file is written (not synced); the image is untouched.
    case journalPartiallyWritten = "journal-partially-written"
    /// The journal is complete and synced; the image is untouched.
    case journalWritten = "journal-written"
    /// The image has grown to its new size; no block is written yet.
    case imageGrown = "image-grown"
    /// About half of the dirty blocks are written to the image.
    case imagePartiallyWritten = "image-partially-written"
    /// Every dirty block is written and the image synced; the journal remains.
    case imageWritten = "image-written"
    /// The journal is unlinked; its directory entry's removal is not yet synced.
    case journalDeleted = "journal-deleted"
}
