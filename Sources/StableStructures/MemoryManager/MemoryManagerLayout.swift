/// Byte positions and limits of the memory manager's page 0
/// (StableStructures.docc/ByteLayout.md, "Memory manager").
///
/// ```
/// 0      3  magic "MGR"
/// 3      1  layout version (1)
/// 4      2  allocated bucket count, u16 LE (high-water mark)
/// 6      2  bucket size in pages, u16 LE
/// 8     32  reserved, written as zeros
/// 40  2040  255 × u64 LE: size in pages of memory i at 40 + 8 i
/// 2080 32768 bucket table: owner id of bucket i, 0xFF = unallocated
/// 65536     bucket area: bucket b at 65536 + b × bucketSize × 65536
/// ```
@usableFromInline
enum MemoryManagerLayout {
    /// `"MGR"`.
    static let magic: (UInt8, UInt8, UInt8) = (0x4D, 0x47, 0x52)
    /// The only layout version there is.
    static let version: UInt8 = 1
    static let allocatedBucketsOffset = 4
    static let bucketSizeOffset = 6
    static let reservedOffset = 8
    static let reservedCount = 32
    static let sizesOffset = 40
    /// The header (magic through the size fields), always written whole.
    static let headerSize = 2080
    /// Where the bucket table starts, right after the header.
    static let tableOffset: UInt64 = 2080
    /// One table byte per possible bucket.
    static let maxBuckets = 32_768
    /// The table byte of a bucket that no memory owns.
    static let unallocated: UInt8 = 0xFF
    /// The first byte of bucket 0: page 1.
    @usableFromInline static let bucketAreaStart: UInt64 = 65_536
    /// The crate's default bucket size: 128 pages (8 MiB).
    static let defaultBucketSize: UInt16 = 128
    /// The structure name used in errors.
    static let structureName = "MemoryManager"

    /// The byte offset in page 0 of the size field of memory `index`.
    static func sizeFieldOffset(_ index: Int) -> Int { sizesOffset + 8 * index }
}
