import StableStructures

/// The memory a session runs on — an in-heap ``VectorMemory`` or an image
/// ``FileMemory`` — with an undo journal that makes each statement atomic.
///
/// While a statement runs (``begin()``), the first write to each 4 KiB chunk
/// that existed before the statement saves the chunk's old bytes.
/// ``rollback()`` writes them back and zeroes any pages the statement grew
/// (a memory cannot shrink, so the size stays), ``commit()`` forgets them.
/// Copies share one storage (memories have reference semantics).
struct SessionMemory: Memory {
    /// What the bytes live in.
    enum Backing {
        case vector(VectorMemory)
        case file(FileMemory)
    }

    final class Storage {
        let backing: Backing
        let readOnlyPath: String?
        var journal: [UInt64: [UInt8]] = [:]
        var sizeAtBegin: UInt64? = nil

        init(backing: Backing, readOnlyPath: String?) {
            self.backing = backing
            self.readOnlyPath = readOnlyPath
        }
    }

    static let chunkSize: UInt64 = 4096

    let storage: Storage

    /// An in-heap memory.
    init() {
        storage = Storage(backing: .vector(VectorMemory()), readOnlyPath: nil)
    }

    /// An image file; with `readOnly`, every write or growth throws.
    init(file: FileMemory, readOnly: Bool) {
        storage = Storage(backing: .file(file), readOnlyPath: readOnly ? file.path : nil)
    }

    /// The image path, nil for the in-heap memory.
    var path: String? {
        if case let .file(file) = storage.backing { return file.path }
        return nil
    }

    var isReadOnly: Bool { storage.readOnlyPath != nil }

    /// True when the running statement wrote or grew the memory.
    var hasChanges: Bool {
        guard let sizeAtBegin = storage.sizeAtBegin else { return false }
        return !storage.journal.isEmpty || size != sizeAtBegin
    }

    /// Whether two handles share one storage.
    static func === (lhs: SessionMemory, rhs: SessionMemory) -> Bool { lhs.storage === rhs.storage }

    // MARK: - Journal

    /// Starts recording undo information for one statement.
    func begin() {
        storage.journal.removeAll(keepingCapacity: true)
        storage.sizeAtBegin = size
    }

    /// Keeps the statement's writes.
    func commit() {
        storage.journal.removeAll(keepingCapacity: true)
        storage.sizeAtBegin = nil
    }

    /// Undoes every write since ``begin()``.
    func rollback() throws(StableError) {
        defer { commit() }
        guard let sizeAtBegin = storage.sizeAtBegin else { return }
        let journal = storage.journal
        storage.sizeAtBegin = nil
        for (chunk, bytes) in journal {
            try rawWrite(chunk * SessionMemory.chunkSize, bytes)
        }
        let oldEnd = sizeAtBegin * wasmPageSize
        let newEnd = size * wasmPageSize
        if newEnd > oldEnd {
            let zeros = [UInt8](repeating: 0, count: Int(wasmPageSize))
            var offset = oldEnd
            while offset < newEnd {
                try rawWrite(offset, zeros)
                offset += wasmPageSize
            }
        }
    }

    /// Flushes the image to disk (a no-op in memory).
    func sync() throws(StableError) {
        if case let .file(file) = storage.backing { try file.sync() }
    }

    /// Closes the image file.
    func close() {
        if case let .file(file) = storage.backing { file.close() }
    }

    private func record(_ offset: UInt64, count: Int) throws(StableError) {
        guard let sizeAtBegin = storage.sizeAtBegin, count > 0 else { return }
        let limit = sizeAtBegin * wasmPageSize
        let end = offset + UInt64(count)
        var chunk = offset / SessionMemory.chunkSize
        while chunk * SessionMemory.chunkSize < min(end, limit) {
            if storage.journal[chunk] == nil {
                let start = chunk * SessionMemory.chunkSize
                let length = Int(min(SessionMemory.chunkSize, limit - start))
                storage.journal[chunk] = try readBytes(start, count: length)
            }
            chunk += 1
        }
    }

    private func rawWrite(_ offset: UInt64, _ bytes: [UInt8]) throws(StableError) {
        switch storage.backing {
        case let .vector(memory): try memory.write(offset, bytes: bytes)
        case let .file(memory): try memory.write(offset, bytes: bytes)
        }
    }

    private func rawWrite(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        switch storage.backing {
        case let .vector(memory): try memory.write(offset, bytes)
        case let .file(memory): try memory.write(offset, bytes)
        }
    }

    // MARK: - Memory

    var size: UInt64 {
        switch storage.backing {
        case let .vector(memory): return memory.size
        case let .file(memory): return memory.size
        }
    }

    func grow(_ pages: UInt64) -> Int64 {
        if isReadOnly && pages > 0 { return -1 }
        switch storage.backing {
        case let .vector(memory): return memory.grow(pages)
        case let .file(memory): return memory.grow(pages)
        }
    }

    func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        switch storage.backing {
        case let .vector(memory): try memory.read(offset, into: buffer)
        case let .file(memory): try memory.read(offset, into: buffer)
        }
    }

    func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        if let path = storage.readOnlyPath { throw .readOnly(path: path) }
        try record(offset, count: bytes.count)
        try rawWrite(offset, bytes)
    }

    func withBytes<Result>(
        at offset: UInt64, count: Int,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> Result
    ) throws(StableError) -> Result {
        switch storage.backing {
        case let .vector(memory): return try memory.withBytes(at: offset, count: count, body)
        case let .file(memory): return try memory.withBytes(at: offset, count: count, body)
        }
    }

    func load<T: FixedWidthInteger>(_: T.Type, at offset: UInt64) throws(StableError) -> T {
        var value = T.zero
        try withUnsafeMutableBytes(of: &value) { (raw) throws(StableError) in try read(offset, into: raw) }
        return T(littleEndian: value)
    }

    func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        var little = value.littleEndian
        try withUnsafeBytes(of: &little) { (raw) throws(StableError) in try write(offset, raw) }
    }
}
