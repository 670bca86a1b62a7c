#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)

/// A folder written by `dfx canister snapshot download --dir DIR`:
/// `metadata.json`, `stable_memory.bin` (absent when the stable memory is
/// empty), `wasm_memory.bin`, `wasm_module.bin` and `wasm_chunk_store/`.
///
/// The stable memory is an ordinary image file (a whole number of 64 KiB
/// pages); open it with ``FileMemory``. After a commit that changed its
/// size, ``synchronizeMetadata()`` sets `metadata.json`'s
/// `stable_memory_size` to the file's size — `dfx canister snapshot upload`
/// needs the two equal — by writing a temporary file and renaming it over
/// the old one, so the metadata is always either the old or the new text.
///
/// ```swift
/// let folder = try SnapshotFolder(path: "backup")
/// let file = try FileMemory(path: folder.stableMemoryPath)
/// // … commit writes …
/// try folder.synchronizeMetadata()
/// ```
public struct SnapshotFolder: Sendable {
    /// The folder's path.
    public let path: String

    /// The name of the metadata file.
    public static let metadataName = "metadata.json"
    /// The name of the stable memory file.
    public static let stableMemoryName = "stable_memory.bin"

    /// Whether `path` is a directory holding a `metadata.json`.
    public static func isSnapshotFolder(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return false }
        return access(path + "/" + metadataName, F_OK) == 0
    }

    /// Whether `path` is a directory (a folder that may lack `metadata.json`).
    public static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// A snapshot folder at `path`; its metadata is read and checked.
    ///
    /// - Throws: ``StableError/io(operation:path:errno:)`` when `metadata.json`
    ///   cannot be read, ``StableError/corrupted(structure:reason:)`` when it
    ///   is not snapshot metadata.
    public init(path: String) throws(StableError) {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.path = trimmed
        _ = try metadata()
    }

    /// `DIR/metadata.json`.
    public var metadataPath: String { path + "/" + SnapshotFolder.metadataName }
    /// `DIR/stable_memory.bin`.
    public var stableMemoryPath: String { path + "/" + SnapshotFolder.stableMemoryName }

    /// Whether `stable_memory.bin` exists.
    public var hasStableMemory: Bool { access(stableMemoryPath, F_OK) == 0 }

    /// The size of `stable_memory.bin` in bytes (0 when absent).
    public func stableMemoryFileSize() throws(StableError) -> UInt64 {
        var status = stat()
        if stat(stableMemoryPath, &status) != 0 {
            if errno == ENOENT { return 0 }
            throw .io(operation: "stat", path: stableMemoryPath, errno: errno)
        }
        return UInt64(status.st_size)
    }

    /// Reads and parses `metadata.json`.
    public func metadata() throws(StableError) -> SnapshotMetadata {
        try SnapshotMetadata(text: SnapshotFolder.readFile(metadataPath))
    }

    /// Makes `stable_memory_size` equal to the stable memory file's size:
    /// rewrites `metadata.json` (temporary file, `fsync`, `rename`, `fsync`
    /// of the folder) when they differ; does nothing when they agree.
    ///
    /// - Returns: true when the metadata was rewritten.
    /// - Throws: ``StableError/io(operation:path:errno:)``; the old metadata
    ///   is then still in place.
    @discardableResult
    public func synchronizeMetadata() throws(StableError) -> Bool {
        let current = try metadata()
        let size = try stableMemoryFileSize()
        guard current.stableMemorySize != size else { return false }
        try SnapshotFolder.replaceFile(metadataPath, with: current.settingStableMemorySize(size).text, folder: path)
        return true
    }

    // MARK: - Files

    /// The whole contents of the file at `path`.
    public static func readFile(_ path: String) throws(StableError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { throw .io(operation: "open", path: path, errno: errno) }
        defer { _ = Glibc_close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "read", path: path, errno: errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Replaces the file at `path` with `bytes` atomically: writes and syncs
    /// `path.tmp`, renames it over `path`, then syncs `folder`.
    public static func replaceFile(_ path: String, with bytes: [UInt8], folder: String) throws(StableError) {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw .io(operation: "open", path: temporary, errno: errno) }
        var failure: StableError? = nil
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = .io(operation: "write", path: temporary, errno: errno)
                break
            }
            done += count
        }
        if failure == nil && fsync(descriptor) != 0 { failure = .io(operation: "fsync", path: temporary, errno: errno) }
        _ = Glibc_close(descriptor)
        if failure == nil && rename(temporary, path) != 0 { failure = .io(operation: "rename", path: path, errno: errno) }
        if let failure {
            _ = unlink(temporary)
            throw failure
        }
        let directory = open(folder, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            _ = Glibc_close(directory)
        }
    }
}

#endif
