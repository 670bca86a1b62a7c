#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)

extension FileMemory {
    /// Reads the file's length again, after another process may have grown
    /// or (recovering a journal) shrunk it; ``size`` is cached otherwise.
    ///
    /// - Throws: ``StableError/io(operation:path:errno:)`` if the file cannot
    ///   be examined, ``StableError/corrupted(structure:reason:)`` if its
    ///   length is not a whole number of 64 KiB pages (the size is then unchanged).
    public func reloadSize() throws(StableError) {
        guard handle.descriptor >= 0 else { return }
        var status = stat()
        if fstat(handle.descriptor, &status) != 0 { throw .io(operation: "stat", path: handle.path, errno: errno) }
        let length = UInt64(status.st_size)
        guard length % wasmPageSize == 0 else {
            throw .corrupted(
                structure: "memory image",
                reason: "\(handle.path) has \(length) bytes, not a whole number of 64 KiB pages")
        }
        handle.byteCount = length
    }
}

#endif
