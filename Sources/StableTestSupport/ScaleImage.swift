#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import StableStructures

#if canImport(Glibc) || canImport(Musl)

/// A memory-manager image file holding one `BTreeMap<UInt64, UInt64>` of `n`
/// entries in memory 0 (keys `0 ..< n`, values ``value(for:)``), and the
/// probe that opens it and looks up one key as an upgraded canister would:
/// used by the scale test and the `scale_file_map_*` benchmarks.
public enum ScaleImage {
    /// The map of the image: on a memory manager's memory 0.
    public typealias Map<M: Memory> = BTreeMap<UInt64, UInt64, VirtualMemory<M>>

    /// The value stored under `key`.
    public static func value(for key: UInt64) -> UInt64 { (key &* 0x9E37_79B9_7F4A_7C15) ^ 0x5EED }

    /// Builds the image at `path` (replacing any file there) and returns its
    /// size in bytes.
    ///
    /// The map is built with sequential inserts in an in-heap memory (the
    /// fast way to make a big image), then the bytes are written to the file
    /// through a ``FileMemory``, so the file holds exactly what the same
    /// inserts on the file would leave.
    public static func build(entries: UInt64, path: String, bucketSize: UInt16 = 128) throws(StableError) -> UInt64 {
        let heap = VectorMemory()
        let manager = try MemoryManager(heap, bucketSize: bucketSize)
        let map = try Map<VectorMemory>(memory: manager.memory(MemoryId(0)))
        for key in 0 ..< entries { _ = try map.insert(key, value(for: key)) }
        unlink(path)
        unlink(FileMemory.journalPath(forImage: path))
        let file = try FileMemory(path: path)
        if file.grow(heap.size) == -1 { throw .growFailed(pages: heap.size) }
        let chunk: UInt64 = 256 * wasmPageSize
        var offset: UInt64 = 0
        while offset < heap.byteCount {
            let count = Int(min(chunk, heap.byteCount - offset))
            try heap.withBytes(at: offset, count: count) { (bytes) throws(StableError) in
                try file.write(offset, bytes)
            }
            offset += UInt64(count)
        }
        try file.sync()
        return file.byteCount
    }

    /// Drops the image's pages from the operating system's page cache, so the
    /// next open reads from the disk (best effort).
    public static func evictFromPageCache(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_DONTNEED))
        _ = close(descriptor)
    }

    /// What ``probe(path:key:)`` measured.
    public struct Probe {
        /// Bytes and read calls to open: the file, the memory manager, the map.
        public var openBytes: UInt64
        public var openReads: UInt64
        /// Bytes and read calls of the lookup.
        public var getBytes: UInt64
        public var getReads: UInt64
        /// The seconds to open, and to look up.
        public var openSeconds: Double
        public var getSeconds: Double
        /// The resident set's growth during open and lookup, in bytes.
        public var residentGrowth: Int64
        /// The map's length, and the value found.
        public var count: Int
        public var value: UInt64?
    }

    /// Opens the image at `path` from nothing — a ``FileMemory`` (recovering
    /// any journal), the ``MemoryManager``, the map's load — and gets `key`,
    /// counting the bytes read from the file; everything is dropped on return.
    public static func probe(path: String, key: UInt64) throws(StableError) -> Probe {
        let residentBefore = residentBytes()
        let start = now()
        let file = CountingMemory(try FileMemory(recovering: path, readOnly: true))
        let manager = try MemoryManager(file)
        let map = try Map<CountingMemory<FileMemory>>.load(memory: manager.memory(MemoryId(0)))
        let opened = now()
        let openBytes = file.counters.bytesRead
        let openReads = file.counters.reads
        file.reset()
        let found = try map.get(key)
        let end = now()
        let residentAfter = residentBytes()
        return Probe(
            openBytes: openBytes, openReads: openReads,
            getBytes: file.counters.bytesRead, getReads: file.counters.reads,
            openSeconds: opened - start, getSeconds: end - opened,
            residentGrowth: Int64(residentAfter) - Int64(residentBefore),
            count: map.count, value: found)
    }

    /// This process's resident set size in bytes (`/proc/self/statm`), 0
    /// where that is unavailable.
    public static func residentBytes() -> UInt64 {
        let descriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { _ = close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return 0 }
        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = UInt64(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * UInt64(sysconf(Int32(_SC_PAGESIZE)))
    }
}

#endif
