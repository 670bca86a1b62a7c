import StableStructures

/// How the session's image file was opened, to re-open it on `upgrade`.
struct ImageSettings {
    /// The file's path.
    let path: String
    /// Opened with `readonly`.
    let readOnly: Bool
    /// No memory manager: one structure at offset 0.
    let raw: Bool
    /// The image's lock and change counter, shared with other processes; nil
    /// for the empty stable memory of a snapshot folder opened read-only
    /// (there is no file to lock).
    let coordinator: ImageCoordinator?
    /// The snapshot folder the image belongs to, when one was opened.
    var snapshot: SnapshotBinding? = nil
}

/// An open snapshot folder and the stable memory size its metadata records.
final class SnapshotBinding {
    /// The folder.
    let folder: SnapshotFolder
    /// `stable_memory_size` as last read or written.
    var recordedSize: UInt64

    init(folder: SnapshotFolder, recordedSize: UInt64) {
        self.folder = folder
        self.recordedSize = recordedSize
    }
}
