/// The file operations a journaled commit needs from a ``JournalingBase``,
/// captured once when a ``TransactionalMemory`` is created, so that the
/// memory's commit can use them whatever its static `Base` type.
struct JournalingOperations {
    /// The image's path.
    let path: String
    /// Whether the image is open read-only.
    let isReadOnly: () -> Bool
    /// `fsync`s the image.
    let sync: () throws(StableError) -> Void
    /// Sets the image's size in pages.
    let truncate: (UInt64) throws(StableError) -> Void

    /// The operations of `base`.
    init<Base: JournalingBase>(_ base: Base) {
        path = base.path
        isReadOnly = { base.isReadOnly }
        sync = { () throws(StableError) in try base.sync() }
        truncate = { (pages) throws(StableError) in try base.truncate(toPages: pages) }
    }
}
