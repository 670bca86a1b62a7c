#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)

// Reading, writing, checking and applying journal files.
extension RollbackJournal {
    /// What a journal file holds.
    enum State: Equatable {
        /// No journal file.
        case absent
        /// A torn or foreign journal: its commit never touched the image.
        case incomplete
        /// A complete journal: the image must be rolled back.
        case hot(Header)
    }

    /// Creates (or replaces) the journal at `path` with `bytes`, syncs it and
    /// its directory entry.
    ///
    /// - Parameter prefix: test seam: write only this many bytes, sync nothing
    ///   and return, as a process dying mid-write would.
    static func writeFile(_ bytes: UnsafeRawBufferPointer, to path: String, prefix: Int? = nil) throws(StableError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw .io(operation: "create journal", path: path, errno: errno) }
        defer { _ = Glibc_close(descriptor) }
        if let prefix {
            try writeAll(descriptor, UnsafeRawBufferPointer(rebasing: bytes[..<prefix]), at: 0, path: path)
            return
        }
        try writeAll(descriptor, bytes, at: 0, path: path)
        if fsync(descriptor) != 0 { throw .io(operation: "fsync journal", path: path, errno: errno) }
        try syncDirectory(containing: path)
    }

    /// Deletes the journal at `path` (the commit point), then syncs its
    /// directory unless `syncingDirectory` is false.
    static func removeFile(_ path: String, syncingDirectory: Bool = true) throws(StableError) {
        if unlink(path) != 0 && errno != ENOENT { throw .io(operation: "delete journal", path: path, errno: errno) }
        if syncingDirectory { try syncDirectory(containing: path) }
    }

    /// Syncs the directory holding `path`, so that a file's creation or
    /// deletion there is durable. File systems that cannot sync a directory
    /// (`EINVAL`) are tolerated.
    static func syncDirectory(containing path: String) throws(StableError) {
        var directory = "."
        if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) {
            directory = slash == path.utf8.startIndex ? "/" : String(path[..<slash])
        }
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor < 0 { throw .io(operation: "open directory", path: directory, errno: errno) }
        defer { _ = Glibc_close(descriptor) }
        if fsync(descriptor) != 0 && errno != EINVAL {
            throw .io(operation: "fsync directory", path: directory, errno: errno)
        }
    }

    /// Reads and checks the journal at `path`, without changing anything.
    ///
    /// - Complexity: reads the whole journal once, in 64 KiB-sized chunks.
    static func inspect(_ path: String) throws(StableError) -> State {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return .absent }
            throw .io(operation: "open journal", path: path, errno: errno)
        }
        defer { _ = Glibc_close(descriptor) }
        return try inspect(descriptor, path: path)
    }

    /// Checks the open journal `descriptor`: its header, its length and its
    /// checksum, streaming through the entries.
    static func inspect(_ descriptor: Int32, path: String) throws(StableError) -> State {
        var status = stat()
        if fstat(descriptor, &status) != 0 { throw .io(operation: "stat journal", path: path, errno: errno) }
        let length = UInt64(status.st_size)
        guard length >= UInt64(headerSize) else { return .incomplete }
        let chunkEntries = 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkEntries * entrySize, alignment: 8)
        defer { buffer.deallocate() }
        let header = UnsafeMutableRawBufferPointer(rebasing: buffer[..<headerSize])
        try readAll(descriptor, header, at: 0, path: path)
        guard let parsed = try parseHeader(UnsafeRawBufferPointer(header)),
              expectedLength(of: parsed) == length
        else { return .incomplete }
        var checksum = JournalChecksum()
        checksum.update(UnsafeRawBufferPointer(rebasing: buffer[..<checksumOffset]))
        var position = UInt64(headerSize)
        while position < length {
            let count = Int(Swift.min(UInt64(buffer.count), length - position))
            let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[..<count])
            try readAll(descriptor, chunk, at: position, path: path)
            checksum.update(UnsafeRawBufferPointer(chunk))
            position += UInt64(count)
        }
        return checksum.value == parsed.checksum ? .hot(parsed) : .incomplete
    }

    /// Rolls the image at `imagePath` back with its journal if the journal is
    /// hot, deletes an incomplete one, and reports what it did.
    ///
    /// Idempotent: a crash during recovery leaves the journal in place, and
    /// the next recovery starts over.
    static func recover(imagePath: String) throws(StableError) -> JournalRecovery {
        let journalPath = path(forImage: imagePath)
        let descriptor = open(journalPath, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return .noJournal }
            throw .io(operation: "open journal", path: journalPath, errno: errno)
        }
        defer { _ = Glibc_close(descriptor) }
        switch try inspect(descriptor, path: journalPath) {
        case .absent:
            return .noJournal
        case .incomplete:
            try removeFile(journalPath)
            return .discardedIncompleteJournal
        case let .hot(header):
            try apply(descriptor, header: header, journalPath: journalPath, imagePath: imagePath)
            try removeFile(journalPath)
            return .rolledBack(blocks: Int(clamping: header.entryCount), byteCount: header.oldByteCount)
        }
    }

    /// Writes the journal's original blocks back into the image, truncates it
    /// to its old length and syncs it.
    ///
    /// - Throws: ``StableError/corrupted(structure:reason:)`` (touching
    ///   nothing) when a checked journal names a block beyond the old length
    ///   or an old length that is not whole pages.
    static func apply(_ descriptor: Int32, header: Header, journalPath: String, imagePath: String) throws(StableError) {
        let blockSize = UInt64(BlockOverlay.blockSize)
        guard header.oldByteCount % wasmPageSize == 0,
              header.oldByteCount <= UInt64(Int64.max),
              header.entryCount <= header.oldByteCount / blockSize
        else {
            throw .corrupted(structure: "rollback journal", reason: "\(journalPath) announces an impossible image length")
        }
        let entry = UnsafeMutableRawBufferPointer.allocate(byteCount: entrySize, alignment: 8)
        defer { entry.deallocate() }
        // First pass: check every block number before writing anything.
        for index in 0..<header.entryCount {
            try readAll(descriptor, UnsafeMutableRawBufferPointer(rebasing: entry[..<8]),
                        at: UInt64(headerSize) + index * UInt64(entrySize), path: journalPath)
            let block = UInt64(littleEndian: entry.loadUnaligned(as: UInt64.self))
            guard block < header.oldByteCount / blockSize else {
                throw .corrupted(structure: "rollback journal",
                                 reason: "\(journalPath) holds block \(block), beyond the image's old length")
            }
        }
        let image = open(imagePath, O_RDWR | O_CLOEXEC)
        if image < 0 { throw .io(operation: "open", path: imagePath, errno: errno) }
        defer { _ = Glibc_close(image) }
        for index in 0..<header.entryCount {
            try readAll(descriptor, entry, at: UInt64(headerSize) + index * UInt64(entrySize), path: journalPath)
            let block = UInt64(littleEndian: entry.loadUnaligned(as: UInt64.self))
            try writeAll(image, UnsafeRawBufferPointer(rebasing: entry[8...]), at: block * blockSize, path: imagePath)
        }
        if ftruncate(image, off_t(header.oldByteCount)) != 0 {
            throw .io(operation: "truncate", path: imagePath, errno: errno)
        }
        if fsync(image) != 0 { throw .io(operation: "fsync", path: imagePath, errno: errno) }
    }

    /// `pwrite`s all of `bytes` at `offset`, retrying short writes and `EINTR`.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: UInt64, path: String) throws(StableError) {
        var done = 0
        while done < bytes.count {
            let result = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if result > 0 {
                done += result
            } else if result < 0 && errno == EINTR {
                continue
            } else {
                throw .io(operation: "write", path: path, errno: result == 0 ? EIO : errno)
            }
        }
    }

    /// `pread`s exactly `buffer.count` bytes at `offset`; a short file is an
    /// I/O error.
    static func readAll(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer, at offset: UInt64, path: String) throws(StableError) {
        var done = 0
        while done < buffer.count {
            let result = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if result > 0 {
                done += result
            } else if result < 0 && errno == EINTR {
                continue
            } else {
                throw .io(operation: "read", path: path, errno: result == 0 ? EIO : errno)
            }
        }
    }
}

#endif
