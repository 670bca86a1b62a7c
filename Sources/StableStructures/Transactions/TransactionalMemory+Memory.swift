extension TransactionalMemory {
    /// The size in pages: the open transaction's logical size, or the base's.
    @inlinable
    public var size: UInt64 {
        isOpen ? logicalByteCount / wasmPageSize : base.size
    }

    /// Grows the memory by `pages` zero-filled pages.
    ///
    /// Within a transaction only the logical size changes (the base grows at
    /// the commit, which throws ``StableError/growFailed(pages:)`` if it
    /// cannot); outside one, the base grows at once.
    ///
    /// - Returns: the previous size in pages, or `-1` if the size would pass
    ///   `Int64.max` bytes (or, outside a transaction, the base refuses).
    /// - Complexity: O(1) within a transaction.
    @inlinable
    public func grow(_ pages: UInt64) -> Int64 {
        guard isOpen else { return base.grow(pages) }
        let old = logicalByteCount / wasmPageSize
        let (new, overflow) = old.addingReportingOverflow(pages)
        guard !overflow, new <= UInt64(Int64.max) / wasmPageSize else { return -1 }
        logicalByteCount = new * wasmPageSize
        return Int64(old)
    }

    /// Copies `buffer.count` bytes at `offset` into `buffer`: within a
    /// transaction, the transaction's bytes (its writes over the base's).
    ///
    /// - Complexity: O(n) plus, with dirty blocks, one lookup per 1 KiB block
    ///   and one base read per run of clean blocks.
    @inlinable
    public func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        guard isOpen else { return try base.read(offset, into: buffer) }
        if overlay.isEmpty {
            try checkBounds(offset, buffer.count, limit: logicalByteCount)
            return try readClean(offset, into: buffer)
        }
        try readMerged(offset, into: buffer)
    }

    /// Copies `bytes` into the memory at `offset`: within a transaction into
    /// its overlay (the first write to a block copies the block from the
    /// base), otherwise into the base.
    ///
    /// - Complexity: O(n) plus one lookup per 1 KiB block touched.
    @inlinable
    public func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        guard isOpen else { return try base.write(offset, bytes) }
        try writeOverlay(offset, bytes)
    }

    /// Reads a little-endian integer at `offset`, without allocating.
    ///
    /// - Complexity: O(1): one lookup within a transaction with dirty blocks.
    @inlinable
    public func load<T: FixedWidthInteger>(_: T.Type, at offset: UInt64) throws(StableError) -> T {
        guard isOpen else { return try base.load(T.self, at: offset) }
        let width = MemoryLayout<T>.size
        try checkBounds(offset, width, limit: logicalByteCount)
        let block = offset >> BlockOverlay.blockShift
        let within = Int(truncatingIfNeeded: offset) & (BlockOverlay.blockSize - 1)
        guard within + width <= BlockOverlay.blockSize else {
            var value = T.zero
            try withUnsafeMutableBytes(of: &value) { (buffer) throws(StableError) in
                try readMerged(offset, into: buffer)
            }
            return T(littleEndian: value)
        }
        if let slot = overlay.slot(of: block) {
            return T(littleEndian: overlay.bytes(ofSlot: slot).loadUnaligned(fromByteOffset: within, as: T.self))
        }
        // A clean block lies wholly below or wholly above the base's end.
        return offset < baseByteCount ? try base.load(T.self, at: offset) : T.zero
    }

    /// Writes a little-endian integer at `offset`, without allocating (after
    /// the block's first copy into the overlay).
    ///
    /// - Complexity: O(1) amortised.
    @inlinable
    public func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        guard isOpen else { return try base.store(value, at: offset) }
        let width = MemoryLayout<T>.size
        let within = Int(truncatingIfNeeded: offset) & (BlockOverlay.blockSize - 1)
        guard within + width <= BlockOverlay.blockSize else {
            var encoded = value.littleEndian
            return try withUnsafeBytes(of: &encoded) { (buffer) throws(StableError) in
                try writeOverlay(offset, buffer)
            }
        }
        try checkBounds(offset, width, limit: logicalByteCount)
        let block = offset >> BlockOverlay.blockShift
        let slot = try writableSlot(for: block, filled: true)
        overlay.bytes(ofSlot: slot).storeBytes(of: value.littleEndian, toByteOffset: within, as: T.self)
    }

    /// Within a transaction: a pointer into the overlay when the range lies in
    /// one dirty block, the base's own view when it touches no dirty block
    /// (zero-copy for an in-heap base), a merged temporary copy otherwise.
    @inlinable
    public func withBytes<Result>(
        at offset: UInt64, count: Int,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> Result
    ) throws(StableError) -> Result {
        guard isOpen else { return try base.withBytes(at: offset, count: count, body) }
        guard count >= 0 else { throw .invalidArgument("negative byte count \(count)") }
        try checkBounds(offset, count, limit: logicalByteCount)
        if count == 0 { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let end = offset + UInt64(count)
        let first = offset >> BlockOverlay.blockShift
        let last = (end - 1) >> BlockOverlay.blockShift
        if first == last, let slot = overlay.slot(of: first) {
            let within = Int(truncatingIfNeeded: offset) & (BlockOverlay.blockSize - 1)
            return try body(UnsafeRawBufferPointer(start: overlay.bytes(ofSlot: slot) + within, count: count))
        }
        if end <= baseByteCount && !overlay.containsAny(first...last) {
            return try base.withBytes(at: offset, count: count, body)
        }
        return try withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) {
            (buffer) throws(StableError) -> Result in
            try readMerged(offset, into: buffer)
            return try body(UnsafeRawBufferPointer(buffer))
        }
    }
}
