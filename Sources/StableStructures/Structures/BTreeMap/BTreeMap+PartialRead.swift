/// Reading parts of a v2 node: the leading bytes a descent needs (header,
/// children, keys) and single values, so that a lookup moves the bytes it
/// uses rather than whole nodes (a system call costs 1 per byte in a canister).
extension BTreeMap {
    /// Whether descents read key prefixes: only where values are large or
    /// unbounded (small nodes are cheaper read whole, and the check is then
    /// compiled away).
    @inlinable
    static var readsKeyPrefixes: Bool {
        guard let maxValue = Value.bound.maxSize else { return true }
        return maxValue > 64
    }

    /// Calls `body` with a partial view of the first ``keysPrefix`` bytes of
    /// the node at `address` when its header, children and keys lie in them;
    /// nil (and `body` not called) otherwise: a v1 node, or keys further on
    /// (then the prefix grows for the next descent). The caller has checked
    /// the address.
    @inlinable
    func withKeysPrefix<R>(_ address: UInt64, _ body: (BTreeNodeView) throws(StableError) -> R) throws(StableError) -> R? {
        let prefix = Swift.min(keysPrefix, layout.pageSize)
        let layout = self.layout
        let fixedKeySize = self.fixedKeySize
        let outcome = try memory.withBytes(at: address, count: prefix) { (raw) throws(StableError) -> R? in
            let header = try BTreeNodeView.parseHeader(raw.loadUnaligned(as: UInt64.self), address: address)
            guard header.version == 2 else { return nil }
            var end = BTreeLayout.v2ChildrenOffset &+ (header.isLeaf ? 0 : 8 &* (header.count &+ 1))
            if fixedKeySize >= 0 {
                end &+= header.count &* fixedKeySize
            } else {
                for _ in 0 ..< header.count {
                    guard prefix &- end >= 4 else { return nil }
                    let length = raw.loadUnaligned(fromByteOffset: end, as: UInt32.self)
                    guard UInt64(UInt32(littleEndian: length)) <= UInt64(prefix &- end &- 4) else { return nil }
                    end &+= 4 &+ Int(UInt32(littleEndian: length))
                }
            }
            guard end <= prefix else { return nil }
            var view = try BTreeNodeView(bytes: raw, isV1: false, isLeaf: header.isLeaf, count: header.count,
                                         fixedKeySize: fixedKeySize, layout: layout)
            view.isPartial = true
            return try body(view)
        }
        if outcome == nil, fixedKeySize < 0, keysPrefix < layout.pageSize { keysPrefix = Swift.min(keysPrefix &* 2, layout.pageSize) }
        return outcome
    }

    /// Calls `body` with value `index` of the v2 node at `address`, whose
    /// values begin at stream offset `valuesStart` and whose first page links
    /// to `link`: reads the value lengths before it and the value only.
    @inlinable
    func withStoredValue<R>(
        _ address: UInt64, link: UInt64, valuesStart: Int, index: Int,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> R
    ) throws(StableError) -> R {
        var cursor = BTreeStreamCursor(next: link)
        var offset = valuesStart
        var remaining = index
        let pageSize = layout.pageSize
        while true {
            let word: UInt32
            if offset &+ 4 <= pageSize {
                word = try memory.load(UInt32.self, at: address &+ UInt64(offset))
            } else {
                var bytes: UInt32 = 0
                try withUnsafeMutableBytes(of: &bytes) { (raw) throws(StableError) in
                    try readStream(address, at: offset, into: raw, cursor: &cursor)
                }
                word = UInt32(littleEndian: bytes)
            }
            let length = Int(truncatingIfNeeded: word)
            let (next, overflow) = offset.addingReportingOverflow(4 &+ length)
            guard length >= 0, !overflow, UInt64(length) <= memory.byteCount else {
                throw BTreeMap.corrupt("value length past the stream end in node \(address)")
            }
            if remaining == 0 {
                let start = offset &+ 4
                if !readBufferInUse {
                    // The map's read buffer: no allocation per lookup.
                    readBufferInUse = true
                    defer { readBufferInUse = false }
                    reserveReadBuffer(length)
                    let buffer = UnsafeMutableRawBufferPointer(start: readBuffer, count: length)
                    try readStream(address, at: start, into: buffer, cursor: &cursor)
                    return try body(UnsafeRawBufferPointer(buffer))
                }
                return try withUnsafeTemporaryAllocation(byteCount: length, alignment: 8) {
                    (buffer) throws(StableError) -> R in
                    try readStream(address, at: start, into: buffer, cursor: &cursor)
                    return try body(UnsafeRawBufferPointer(buffer))
                }
            }
            offset = next
            remaining &-= 1
        }
    }

    /// Grows `readBuffer` to hold at least `count` bytes (its content is not kept).
    @inlinable
    func reserveReadBuffer(_ count: Int) {
        guard readCapacity < count else { return }
        let grown = Swift.max(count, readCapacity &* 2)
        readBuffer.deallocate()
        readBuffer = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
        readCapacity = grown
    }

    /// Reads `buffer.count` bytes at `offset` of the v2 stream of the node at
    /// `address`, following its overflow chain as far as needed (the pages
    /// found so far are kept in `chainBuffer`, counted by `cursor`).
    @inlinable
    func readStream(_ address: UInt64, at offset: Int, into buffer: UnsafeMutableRawBufferPointer,
                    cursor: inout BTreeStreamCursor) throws(StableError) {
        let pageSize = layout.pageSize
        let capacity = layout.overflowCapacity
        var offset = offset
        var done = 0
        while done < buffer.count {
            let physical: UInt64
            let available: Int
            if offset < pageSize {
                physical = address &+ UInt64(offset)
                available = pageSize &- offset
            } else {
                let relative = offset &- pageSize
                let page = relative / capacity
                let within = relative &- page &* capacity
                physical = try streamPage(address, page, cursor: &cursor) &+ UInt64(BTreeLayout.overflowDataOffset &+ within)
                available = capacity &- within
            }
            let count = Swift.min(available, buffer.count &- done)
            try memory.read(physical, into: UnsafeMutableRawBufferPointer(rebasing: buffer[done ..< done &+ count]))
            done &+= count
            offset &+= count
        }
    }

    /// The address of overflow page `page` (0-based) of the node at
    /// `address`, reading links up to it (each checked: grid, magic, cycles).
    @inlinable
    func streamPage(_ address: UInt64, _ page: Int, cursor: inout BTreeStreamCursor) throws(StableError) -> UInt64 {
        while cursor.known <= page {
            let next = cursor.next
            guard next != 0 else { throw BTreeMap.corrupt("entry past the end of node \(address)") }
            guard cursor.known < maxChainLength else { throw BTreeMap.corrupt("overflow chain of node \(address) cycles") }
            guard allocator.isValidPayloadAddress(next, limit: memory.byteCount) else {
                throw BTreeMap.corrupt("overflow page address \(next) is off the chunk grid")
            }
            let following = try memory.withBytes(at: next, count: BTreeLayout.overflowDataOffset) {
                (header) throws(StableError) -> UInt64 in
                guard header.loadUnaligned(as: UInt32.self) & 0xFF_FFFF == 0x46_4F4E else {
                    throw BTreeMap.corrupt("bad overflow page magic at \(next)")
                }
                return UInt64(littleEndian: header.loadUnaligned(fromByteOffset: 3, as: UInt64.self))
            }
            // A page seen before is a cycle (the chain is read in part, so
            // the length bound alone would not catch it).
            for j in 0 ..< cursor.known where chainBuffer[j] == next {
                throw BTreeMap.corrupt("overflow chain of node \(address) cycles")
            }
            reserveChain(cursor.known &+ 1)
            chainBuffer[cursor.known] = next
            cursor.known &+= 1
            cursor.next = following
        }
        return chainBuffer[page]
    }
}

/// How far a partial read has followed a node's overflow chain.
@usableFromInline
struct BTreeStreamCursor {
    /// Overflow pages found so far (their addresses are in `chainBuffer`).
    @usableFromInline var known = 0
    /// The link out of the last page found (the first page's link at first).
    @usableFromInline var next: UInt64

    @inlinable
    init(next: UInt64) { self.next = UInt64(littleEndian: next) }
}
