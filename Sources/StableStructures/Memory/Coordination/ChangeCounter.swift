#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)

/// The change counter of an image, kept in a side file next to it
/// (`IMAGE-changes`), so that the image's bytes stay exactly the crate's.
///
/// The file holds 12 bytes, little-endian: the counter (`UInt64`), which a
/// writer increments as soon as it holds the write lock, before it changes
/// anything (so a writer that dies mid-commit still leaves a new value), and
/// the process id (`Int32`) of the last process that claimed the write lock,
/// for "locked by process N" messages. A missing or short file reads as zeros.
///
/// Nothing here is synced to disk: the counter only matters to processes
/// running at the same time, which share the operating system's page cache.
///
/// Not thread-safe: one counter per session, used from one thread.
public final class ChangeCounter {
    /// The side file's path.
    public let path: String
    /// Whether this process only reads the counter (and never creates its file).
    public let isReadOnly: Bool
    private var descriptor: Int32 = -1

    /// The side file's path for the image at `imagePath`.
    public static func path(forImage imagePath: String) -> String {
        imagePath + "-changes"
    }

    /// Opens the counter of the image at `imagePath`. Read-write, it creates
    /// the side file when absent; read-only, it never creates or writes it
    /// and a missing file (a read-only file system) reads as zero.
    ///
    /// - Throws: ``StableError/io(operation:path:errno:)`` when a read-write
    ///   counter cannot open or create its file.
    public init(forImage imagePath: String, readOnly: Bool) throws(StableError) {
        path = Self.path(forImage: imagePath)
        isReadOnly = readOnly
        if readOnly {
            reopenIfAbsent()
        } else {
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            if descriptor < 0 { throw .io(operation: "open", path: path, errno: errno) }
        }
    }

    deinit {
        if descriptor >= 0 { _ = Glibc_close(descriptor) }
    }

    /// Whether the side file is open (false only read-only, while it does not exist).
    public var exists: Bool {
        reopenIfAbsent()
        return descriptor >= 0
    }

    /// The counter now; zero while the side file does not exist.
    ///
    /// - Throws: ``StableError/io(operation:path:errno:)`` when the file cannot be read.
    public func value() throws(StableError) -> UInt64 {
        try contents().counter
    }

    /// The process that last claimed the write lock, if recorded.
    public func lastWriter() -> Int32? {
        guard let pid = try? contents().pid, pid > 0 else { return nil }
        return pid
    }

    /// Increments the counter and records this process as the writer.
    ///
    /// - Returns: the new value.
    /// - Throws: ``StableError/readOnly(path:)`` for a read-only counter,
    ///   ``StableError/io(operation:path:errno:)`` when the write fails.
    @discardableResult
    public func increment() throws(StableError) -> UInt64 {
        if isReadOnly { throw .readOnly(path: path) }
        let next = try contents().counter &+ 1
        var bytes = [UInt8](repeating: 0, count: 12)
        for index in 0..<8 { bytes[index] = UInt8(truncatingIfNeeded: next >> (8 * UInt64(index))) }
        let pid = UInt32(bitPattern: getpid())
        for index in 0..<4 { bytes[8 + index] = UInt8(truncatingIfNeeded: pid >> (8 * UInt32(index))) }
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress!, 12, 0) }
        if written != 12 { throw .io(operation: "write", path: path, errno: written < 0 ? errno : EIO) }
        return next
    }

    private func contents() throws(StableError) -> (counter: UInt64, pid: Int32) {
        reopenIfAbsent()
        guard descriptor >= 0 else { return (0, 0) }
        var bytes = [UInt8](repeating: 0, count: 12)
        var count = -1
        while count < 0 {
            count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, 12, 0) }
            if count < 0 && errno != EINTR { throw .io(operation: "read", path: path, errno: errno) }
        }
        if count < 12 { return (0, 0) }
        var counter: UInt64 = 0
        for index in 0..<8 { counter |= UInt64(bytes[index]) << (8 * UInt64(index)) }
        var pid: UInt32 = 0
        for index in 0..<4 { pid |= UInt32(bytes[8 + index]) << (8 * UInt32(index)) }
        return (counter, Int32(bitPattern: pid))
    }

    /// Read-only: opens the side file if it appeared since.
    private func reopenIfAbsent() {
        if descriptor < 0 && isReadOnly { descriptor = open(path, O_RDONLY | O_CLOEXEC) }
    }
}

#endif
