/// Where an entry's key and value bytes live in a node's arena.
@usableFromInline
struct BTreeEntrySpan: Sendable {
    @usableFromInline var keyStart: Int
    @usableFromInline var keyCount: Int
    @usableFromInline var valueStart: Int
    @usableFromInline var valueCount: Int

    @inlinable
    init(keyStart: Int, keyCount: Int, valueStart: Int, valueCount: Int) {
        self.keyStart = keyStart
        self.keyCount = keyCount
        self.valueStart = valueStart
        self.valueCount = valueCount
    }
}

/// An entry detached from any node (a median or a borrowed entry in transit).
@usableFromInline
struct BTreeOwnedEntry: Sendable {
    @usableFromInline var key: [UInt8]
    @usableFromInline var value: [UInt8]

    @inlinable
    init(key: [UInt8], value: [UInt8]) {
        self.key = key
        self.value = value
    }
}

/// A node loaded for modification.
///
/// Keys and values stay encoded: their bytes live in `arena` (initially a copy
/// of the node's stream; bytes of entries moved in are appended), and
/// `entries` records where. Saving re-encodes the node from these spans.
@usableFromInline
struct BTreeNode {
    @usableFromInline var address: UInt64
    @usableFromInline var isV1: Bool
    @usableFromInline var isLeaf: Bool
    @usableFromInline var arena: [UInt8]
    @usableFromInline var entries: [BTreeEntrySpan]
    @usableFromInline var children: [UInt64]
    /// The overflow pages the node had when loaded, in chain order (v2 only).
    @usableFromInline var overflows: [UInt64]

    @inlinable
    init(address: UInt64, isV1: Bool, isLeaf: Bool) {
        self.address = address
        self.isV1 = isV1
        self.isLeaf = isLeaf
        arena = []
        entries = []
        children = []
        overflows = []
    }

    @inlinable
    var count: Int { entries.count }

    @inlinable
    var isFull: Bool { entries.count >= BTreeLayout.capacity }

    /// Appends bytes to the arena and returns where they start.
    @inlinable
    mutating func store(_ bytes: UnsafeRawBufferPointer) -> Int {
        let start = arena.count
        arena.append(contentsOf: bytes)
        return start
    }

    @inlinable
    mutating func store(_ bytes: [UInt8]) -> Int {
        let start = arena.count
        arena.append(contentsOf: bytes)
        return start
    }

    /// A span for an entry whose bytes are appended to the arena.
    @inlinable
    mutating func span(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) -> BTreeEntrySpan {
        let keyStart = store(key)
        let valueStart = store(value)
        return BTreeEntrySpan(keyStart: keyStart, keyCount: key.count, valueStart: valueStart, valueCount: value.count)
    }

    @inlinable
    mutating func span(_ entry: BTreeOwnedEntry) -> BTreeEntrySpan {
        let keyStart = store(entry.key)
        let valueStart = store(entry.value)
        return BTreeEntrySpan(keyStart: keyStart, keyCount: entry.key.count, valueStart: valueStart, valueCount: entry.value.count)
    }

    @inlinable
    func keyBytes(_ i: Int) -> [UInt8] {
        let span = entries[i]
        return Array(arena[span.keyStart ..< span.keyStart + span.keyCount])
    }

    @inlinable
    func valueBytes(_ i: Int) -> [UInt8] {
        let span = entries[i]
        return Array(arena[span.valueStart ..< span.valueStart + span.valueCount])
    }

    /// Copies entry `i` out of the node.
    @inlinable
    func ownedEntry(_ i: Int) -> BTreeOwnedEntry {
        BTreeOwnedEntry(key: keyBytes(i), value: valueBytes(i))
    }

    /// Removes entry `i` and returns its bytes.
    @inlinable
    mutating func removeEntry(at i: Int) -> BTreeOwnedEntry {
        let entry = ownedEntry(i)
        entries.remove(at: i)
        return entry
    }

    @inlinable
    mutating func insertEntry(_ entry: BTreeOwnedEntry, at i: Int) {
        let span = span(entry)
        entries.insert(span, at: i)
    }

    @inlinable
    mutating func replaceEntry(at i: Int, with entry: BTreeOwnedEntry) {
        entries[i] = span(entry)
    }

    /// Appends entries `range` of `other` (bytes copied into this arena).
    @inlinable
    mutating func appendEntries(of other: BTreeNode, _ range: Range<Int>) {
        var total = 0
        for i in range { total += other.entries[i].keyCount + other.entries[i].valueCount }
        arena.reserveCapacity(arena.count + total)
        entries.reserveCapacity(entries.count + range.count)
        other.arena.withUnsafeBytes { source in
            for i in range {
                let span = other.entries[i]
                let keyStart = arena.count
                arena.append(contentsOf: UnsafeRawBufferPointer(rebasing: source[span.keyStart ..< span.keyStart + span.keyCount]))
                let valueStart = arena.count
                arena.append(contentsOf: UnsafeRawBufferPointer(rebasing: source[span.valueStart ..< span.valueStart + span.valueCount]))
                entries.append(BTreeEntrySpan(keyStart: keyStart, keyCount: span.keyCount,
                                              valueStart: valueStart, valueCount: span.valueCount))
            }
        }
    }

    /// Calls `body` with the key bytes of entry `i`.
    @inlinable
    func withKey<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws(StableError) -> R) throws(StableError) -> R {
        let span = entries[i]
        return try arena.btreeWithBytes { (raw) throws(StableError) -> R in
            try body(UnsafeRawBufferPointer(rebasing: raw[span.keyStart ..< span.keyStart + span.keyCount]))
        }
    }

    /// Finds `key` among the entries: `(true, index)` or `(false, insertion index)`.
    @inlinable
    func search<Key: StorableKey>(_ key: Key, encoded: UnsafeRawBufferPointer) throws(StableError) -> (found: Bool, index: Int) {
        try arena.btreeWithBytes { (raw) throws(StableError) -> (found: Bool, index: Int) in
            var low = 0
            var high = entries.count
            while low < high {
                let mid = (low &+ high) >> 1
                let span = entries[mid]
                let stored = UnsafeRawBufferPointer(rebasing: raw[span.keyStart ..< span.keyStart + span.keyCount])
                let order = try compareStoredKey(stored, key, encoded)
                if order == 0 { return (true, mid) }
                if order < 0 { low = mid + 1 } else { high = mid }
            }
            return (false, low)
        }
    }
}
