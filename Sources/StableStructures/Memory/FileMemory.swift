#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)

/// A memory backed by a file: byte `i` of the memory is byte `i` of the file,
/// with no header, exactly as the Rust crate's `FileMemory` (so an image file
/// holds what a canister's stable memory would hold).
///
/// Reads and writes use positioned I/O (`pread`/`pwrite`), one system call per
/// access; the size is cached (after another process may have changed the
/// file, ``reloadSize()`` reads it again; ``ImageCoordinator`` says when).
/// Growing extends the file with zeros. Writes reach the operating
/// system at once; ``sync()`` makes them durable.
///
/// Differences from the crate, all in favour of typed errors over panics: a
/// file whose length is not a whole number of pages is refused at open; I/O
/// failures throw ``StableError/io(operation:path:errno:)``; accesses past the
/// end throw ``StableError/outOfBounds(offset:count:memorySize:)`` instead of
/// extending the file; `grow` returns `-1` when the file cannot be extended.
///
/// Copies of a `FileMemory` share one open file, which is closed when the last
/// copy goes away or on ``close()``.
public struct FileMemory: Memory {
    @usableFromInline
    final class Handle {
        @exclusivity(unchecked) @usableFromInline var descriptor: Int32
        @exclusivity(unchecked) @usableFromInline var byteCount: UInt64
        @usableFromInline let path: String
        @usableFromInline let isReadOnly: Bool

        init(descriptor: Int32, byteCount: UInt64, path: String, isReadOnly: Bool) {
            self.descriptor = descriptor
            self.byteCount = byteCount
            self.path = path
            self.isReadOnly = isReadOnly
        }

        deinit {
            if descriptor >= 0 { _ = Glibc_close(descriptor) }
        }
    }

    @usableFromInline let handle: Handle

    /// Opens (and, unless `readOnly`, creates if absent) the image file at `path`.
    ///
    /// - Parameters:
    ///   - path: the file's path.
    ///   - readOnly: open without write access; writes and growth then throw
    ///     ``StableError/readOnly(path:)``.
    /// - Throws: ``StableError/io(operation:path:errno:)`` if the file cannot be
    ///   opened, ``StableError/corrupted(structure:reason:)`` if its length is
    ///   not a whole number of 64 KiB pages.
    public init(path: String, readOnly: Bool = false) throws(StableError) {
        let flags = readOnly ? O_RDONLY : (O_RDWR | O_CREAT)
        let descriptor = open(path, flags | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw .io(operation: "open", path: path, errno: errno) }
        var status = stat()
        if fstat(descriptor, &status) != 0 {
            let code = errno
            _ = Glibc_close(descriptor)
            throw .io(operation: "stat", path: path, errno: code)
        }
        let length = UInt64(status.st_size)
        guard length % wasmPageSize == 0 else {
            _ = Glibc_close(descriptor)
            throw .corrupted(
                structure: "memory image",
                reason: "\(path) has \(length) bytes, not a whole number of 64 KiB pages")
        }
        handle = Handle(descriptor: descriptor, byteCount: length, path: path, isReadOnly: readOnly)
    }

    /// The path the memory was opened from.
    public var path: String { handle.path }

    /// Whether the memory was opened read-only.
    public var isReadOnly: Bool { handle.isReadOnly }

    @inlinable
    public var size: UInt64 { handle.byteCount / wasmPageSize }

    /// Extends the file by `pages` zero-filled pages.
    ///
    /// - Returns: the previous size in pages, or `-1` if the file is read-only,
    ///   closed, too large, or cannot be extended.
    public func grow(_ pages: UInt64) -> Int64 {
        let old = size
        if pages == 0 { return Int64(old) }
        guard !handle.isReadOnly, handle.descriptor >= 0 else { return -1 }
        let (newPages, overflow) = old.addingReportingOverflow(pages)
        guard !overflow, newPages <= UInt64(Int64.max) / wasmPageSize else { return -1 }
        let newCount = newPages * wasmPageSize
        if ftruncate(handle.descriptor, off_t(newCount)) != 0 { return -1 }
        handle.byteCount = newCount
        return Int64(old)
    }

    @inlinable
    public func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        try checkBounds(offset, buffer.count, limit: handle.byteCount)
        var done = 0
        while done < buffer.count {
            let result = pread(handle.descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if result > 0 {
                done += result
            } else if result < 0 && errno == EINTR {
                continue
            } else {
                throw .io(operation: "read", path: handle.path, errno: result == 0 ? EIO : errno)
            }
        }
    }

    @inlinable
    public func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        if handle.isReadOnly { throw .readOnly(path: handle.path) }
        try checkBounds(offset, bytes.count, limit: handle.byteCount)
        var done = 0
        while done < bytes.count {
            let result = pwrite(handle.descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if result > 0 {
                done += result
            } else if result < 0 && errno == EINTR {
                continue
            } else {
                throw .io(operation: "write", path: handle.path, errno: result == 0 ? EIO : errno)
            }
        }
    }

    /// Flushes the file's data and size to stable storage (`fsync`).
    public func sync() throws(StableError) {
        if handle.isReadOnly { return }
        if fsync(handle.descriptor) != 0 { throw .io(operation: "fsync", path: handle.path, errno: errno) }
    }

    /// Closes the file now; later accesses through any copy fail with an I/O error.
    public func close() {
        if handle.descriptor >= 0 {
            _ = Glibc_close(handle.descriptor)
            handle.descriptor = -1
            handle.byteCount = 0
        }
    }
}

/// The C library's `close`, named apart from ``FileMemory/close()``.
@usableFromInline
func Glibc_close(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

#endif
