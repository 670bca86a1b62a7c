import StableStructures

/// Expected page-0 bytes of a memory manager, written from StableStructures.docc/ByteLayout.md, "Memory manager"
/// independently of the implementation.
enum ManagerImage {
    static let headerSize = 2080
    static let tableOffset = 2080
    static let tableSize = 32_768

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0 ..< MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    /// The 2080-byte header.
    static func header(allocated: UInt16, bucketSize: UInt16, sizes: [Int: UInt64]) -> [UInt8] {
        var bytes: [UInt8] = [0x4D, 0x47, 0x52, 1]
        bytes += littleEndian(allocated)
        bytes += littleEndian(bucketSize)
        bytes += [UInt8](repeating: 0, count: 32)
        for id in 0 ..< 255 { bytes += littleEndian(sizes[id] ?? 0) }
        return bytes
    }

    /// The first `count` bytes of the bucket table: owners, then 0xFF.
    static func table(_ owners: [UInt8?], count: Int) -> [UInt8] {
        var bytes = owners.map { $0 ?? 0xFF }
        bytes += [UInt8](repeating: 0xFF, count: count - owners.count)
        return bytes
    }

    /// The table bytes of `memory` (which holds a manager), as raw bytes.
    static func readTable<M: Memory>(_ memory: M, count: Int = 64) throws -> [UInt8] {
        try memory.readBytes(UInt64(tableOffset), count: count)
    }

    /// The bytes a virtual memory should hold: its buckets in ascending index
    /// order, found from the raw table bytes, concatenated and cut to `pages`.
    static func virtualBytes(image: [UInt8], id: UInt8, pages: UInt64) -> [UInt8] {
        let bucketSize = Int(image[6]) | Int(image[7]) << 8
        let allocated = Int(image[4]) | Int(image[5]) << 8
        let bucketBytes = bucketSize * 65_536
        var bytes: [UInt8] = []
        for bucket in 0 ..< allocated where image[tableOffset + bucket] == id {
            let start = 65_536 + bucket * bucketBytes
            bytes += image[start ..< start + bucketBytes]
        }
        return Array(bytes.prefix(Int(pages) * 65_536))
    }
}
