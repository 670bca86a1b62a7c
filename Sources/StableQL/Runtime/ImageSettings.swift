import StableStructures

/// How the session's image file was opened, to re-open it on `upgrade`.
struct ImageSettings {
    /// The file's path.
    let path: String
    /// Opened with `readonly`.
    let readOnly: Bool
    /// No memory manager: one structure at offset 0.
    let raw: Bool
    /// The image's lock and change counter, shared with other processes.
    let coordinator: ImageCoordinator
}
