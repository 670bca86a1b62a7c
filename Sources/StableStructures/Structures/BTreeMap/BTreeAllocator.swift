/// The B-tree's fixed-size chunk allocator (StableStructures.docc/ByteLayout.md, "B-tree map and set").
///
/// Chunks of `16 + allocationSize` bytes are carved from offset 100 onwards;
/// each begins with a 16-byte chunk header (`"CHK"`, version 1, allocated flag,
/// next-free address). Free chunks form a LIFO list whose last element is
/// always the never-used tail chunk. The 48-byte allocator header lives at
/// offset 52 and is rewritten after every allocation and free.
///
/// Invariants: `head` is the address of a free chunk *header*; a node address
/// handed out is a chunk header address plus 16.
@usableFromInline
struct BTreeAllocator: Sendable {
    /// Offset of the allocator header.
    @usableFromInline static let headerOffset: UInt64 = 52
    /// Offset of the first chunk header.
    @usableFromInline static let firstChunk: UInt64 = 100
    /// Size of a chunk header.
    @usableFromInline static let chunkHeaderSize: UInt64 = 16

    /// Payload bytes per chunk.
    @usableFromInline var allocationSize: UInt64
    /// Chunks currently allocated.
    @usableFromInline var allocatedCount: UInt64
    /// The free-list head: a chunk header address.
    @usableFromInline var head: UInt64

    @inlinable
    init(allocationSize: UInt64, allocatedCount: UInt64, head: UInt64) {
        self.allocationSize = allocationSize
        self.allocatedCount = allocatedCount
        self.head = head
    }

    /// Bytes per chunk, header included.
    @inlinable
    var chunkSize: UInt64 { allocationSize &+ BTreeAllocator.chunkHeaderSize }

    /// Whether `address` is a chunk payload address that lies within `limit` bytes.
    @inlinable
    func isValidPayloadAddress(_ address: UInt64, limit: UInt64) -> Bool {
        let first = BTreeAllocator.firstChunk + BTreeAllocator.chunkHeaderSize
        guard address >= first, (address - first) % chunkSize == 0 else { return false }
        let (end, overflow) = address.addingReportingOverflow(allocationSize)
        return !overflow && end <= limit
    }

    /// Creates an empty allocator (the crate's `Allocator::new`/`clear`):
    /// writes the tail chunk header at 100, then the allocator header.
    @inlinable
    static func create<M: Memory>(in memory: M, allocationSize: UInt64) throws(StableError) -> BTreeAllocator {
        let allocator = BTreeAllocator(allocationSize: allocationSize, allocatedCount: 0, head: firstChunk)
        try writeChunkHeader(memory, at: firstChunk, allocated: false, next: 0)
        try allocator.save(memory)
        return allocator
    }

    /// Loads and validates the allocator header at offset 52.
    @inlinable
    static func load<M: Memory>(from memory: M) throws(StableError) -> BTreeAllocator {
        var header = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        try withUnsafeMutableBytes(of: &header) { (raw) throws(StableError) in
            try memory.read(headerOffset, into: raw)
        }
        return try withUnsafeBytes(of: &header) { (raw) throws(StableError) -> BTreeAllocator in
            guard raw[0] == 0x42, raw[1] == 0x54, raw[2] == 0x41 else {
                throw .corrupted(structure: "BTreeMap", reason: "bad allocator magic")
            }
            guard raw[3] == 1 else { throw .unsupportedVersion(structure: "BTreeMap allocator", version: UInt32(raw[3])) }
            let size = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            let count = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
            let head = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
            guard size >= 128, size <= UInt64(UInt32.max) else {
                throw .corrupted(structure: "BTreeMap", reason: "allocation size \(size) is impossible")
            }
            let allocator = BTreeAllocator(allocationSize: size, allocatedCount: count, head: head)
            guard allocator.isValidHeaderAddress(head, limit: memory.byteCount) else {
                throw .corrupted(structure: "BTreeMap", reason: "free-list head \(head) is not a chunk")
            }
            return allocator
        }
    }

    /// Whether `address` is a chunk header address within `limit` bytes.
    @inlinable
    func isValidHeaderAddress(_ address: UInt64, limit: UInt64) -> Bool {
        guard address >= BTreeAllocator.firstChunk, (address - BTreeAllocator.firstChunk) % chunkSize == 0 else { return false }
        let (end, overflow) = address.addingReportingOverflow(BTreeAllocator.chunkHeaderSize)
        return !overflow && end <= limit
    }

    /// Rewrites the 48-byte allocator header.
    @inlinable
    func save<M: Memory>(_ memory: M) throws(StableError) {
        var header = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &header) { raw in
            raw[0] = 0x42; raw[1] = 0x54; raw[2] = 0x41; raw[3] = 1
            raw.storeBytes(of: allocationSize.littleEndian, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: allocatedCount.littleEndian, toByteOffset: 16, as: UInt64.self)
            raw.storeBytes(of: head.littleEndian, toByteOffset: 24, as: UInt64.self)
        }
        try withUnsafeBytes(of: &header) { (raw) throws(StableError) in
            try memory.writeGrowing(BTreeAllocator.headerOffset, raw)
        }
    }

    @inlinable
    static func writeChunkHeader<M: Memory>(_ memory: M, at address: UInt64, allocated: Bool, next: UInt64) throws(StableError) {
        var header = (UInt64(0), next.littleEndian)
        withUnsafeMutableBytes(of: &header) { raw in
            raw[0] = 0x43; raw[1] = 0x48; raw[2] = 0x4B; raw[3] = 1
            raw[4] = allocated ? 1 : 0
        }
        try withUnsafeBytes(of: &header) { (raw) throws(StableError) in
            try memory.writeGrowing(address, raw)
        }
    }

    /// Reads a chunk header, returning (allocated, next); throws on a bad one.
    @inlinable
    func readChunkHeader<M: Memory>(_ memory: M, at address: UInt64) throws(StableError) -> (allocated: Bool, next: UInt64) {
        guard isValidHeaderAddress(address, limit: memory.byteCount) else {
            throw .corrupted(structure: "BTreeMap", reason: "chunk address \(address) is off the chunk grid")
        }
        // Magic, flag and link with one read.
        var words: (UInt64, UInt64) = (0, 0)
        try withUnsafeMutableBytes(of: &words) { (raw) throws(StableError) in try memory.read(address, into: raw) }
        let word = UInt64(littleEndian: words.0)
        let next = UInt64(littleEndian: words.1)
        guard word & 0xFF_FFFF == 0x4B_4843, (word >> 24) & 0xFF == 1 else {
            throw .corrupted(structure: "BTreeMap", reason: "bad chunk header at \(address)")
        }
        let flag = (word >> 32) & 0xFF
        guard flag <= 1 else { throw .corrupted(structure: "BTreeMap", reason: "bad chunk flag at \(address)") }
        return (flag == 1, next)
    }

    /// Takes the free-list head (StableStructures.docc/ByteLayout.md, "B-tree map and set") and returns its payload address.
    @inlinable
    mutating func allocate<M: Memory>(_ memory: M) throws(StableError) -> UInt64 {
        let chunk = head
        let (allocated, next) = try readChunkHeader(memory, at: chunk)
        guard !allocated else { throw .corrupted(structure: "BTreeMap", reason: "free-list chunk \(chunk) is allocated") }
        let newHead: UInt64
        if next != 0 {
            guard isValidHeaderAddress(next, limit: memory.byteCount) else {
                throw .corrupted(structure: "BTreeMap", reason: "free-list link \(next) is not a chunk")
            }
            newHead = next
        } else {
            let (tail, overflow) = chunk.addingReportingOverflow(chunkSize)
            if overflow { throw .corrupted(structure: "BTreeMap", reason: "allocator tail overflows") }
            newHead = tail
        }
        // Grow first (the only growing write is the new tail header), so a
        // failed grow leaves the image untouched.
        if next == 0 { try memory.ensureCapacity(end: newHead, count: Int(BTreeAllocator.chunkHeaderSize)) }
        // The reused chunk keeps its stale `next` (StableStructures.docc/ByteLayout.md, "B-tree map and set").
        try BTreeAllocator.writeChunkHeader(memory, at: chunk, allocated: true, next: next)
        if next == 0 {
            try BTreeAllocator.writeChunkHeader(memory, at: newHead, allocated: false, next: 0)
        }
        head = newHead
        allocatedCount &+= 1
        try save(memory)
        return chunk + BTreeAllocator.chunkHeaderSize
    }

    /// Returns the chunk of payload address `address` to the free list.
    @inlinable
    mutating func deallocate<M: Memory>(_ memory: M, _ address: UInt64) throws(StableError) {
        guard address >= BTreeAllocator.firstChunk + BTreeAllocator.chunkHeaderSize else {
            throw .corrupted(structure: "BTreeMap", reason: "freeing address \(address)")
        }
        let chunk = address - BTreeAllocator.chunkHeaderSize
        let (allocated, _) = try readChunkHeader(memory, at: chunk)
        guard allocated else { throw .corrupted(structure: "BTreeMap", reason: "freeing free chunk \(chunk)") }
        try BTreeAllocator.writeChunkHeader(memory, at: chunk, allocated: false, next: head)
        head = chunk
        allocatedCount &-= 1
        try save(memory)
    }
}
