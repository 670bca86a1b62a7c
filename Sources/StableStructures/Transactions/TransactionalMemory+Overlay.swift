// The transaction's view of the memory: dirty blocks from the overlay, the
// rest from the base (or zeros above the base's end, for grown pages).
extension TransactionalMemory {
    /// Copies bytes that touch no dirty block: from the base below its end,
    /// zeros above it. The range must lie within the logical size.
    @usableFromInline
    func readClean(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        guard buffer.count > 0 else { return }
        let end = offset + UInt64(buffer.count)
        if end <= baseByteCount { return try base.read(offset, into: buffer) }
        let below = offset < baseByteCount ? Int(baseByteCount - offset) : 0
        if below > 0 {
            try base.read(offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<below]))
        }
        UnsafeMutableRawBufferPointer(rebasing: buffer[below...]).initializeMemory(as: UInt8.self, repeating: 0)
    }

    /// Copies bytes from the overlay where blocks are dirty and from the base
    /// elsewhere, reading each run of clean blocks with one base read.
    @usableFromInline
    func readMerged(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        try checkBounds(offset, buffer.count, limit: logicalByteCount)
        var done = 0
        var cleanStart = -1  // start in `buffer` of the pending clean run, or -1
        while done < buffer.count {
            let position = offset + UInt64(done)
            let within = Int(truncatingIfNeeded: position) & (BlockOverlay.blockSize - 1)
            let chunk = Swift.min(BlockOverlay.blockSize - within, buffer.count - done)
            if let slot = overlay.slot(of: position >> BlockOverlay.blockShift) {
                if cleanStart >= 0 {
                    try readClean(offset + UInt64(cleanStart),
                                  into: UnsafeMutableRawBufferPointer(rebasing: buffer[cleanStart..<done]))
                    cleanStart = -1
                }
                (buffer.baseAddress.unsafelyUnwrapped + done)
                    .copyMemory(from: overlay.bytes(ofSlot: slot) + within, byteCount: chunk)
            } else if cleanStart < 0 {
                cleanStart = done
            }
            done += chunk
        }
        if cleanStart >= 0 {
            try readClean(offset + UInt64(cleanStart),
                          into: UnsafeMutableRawBufferPointer(rebasing: buffer[cleanStart...]))
        }
    }

    /// Writes into the overlay, making each touched block dirty.
    @usableFromInline
    func writeOverlay(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        try checkBounds(offset, bytes.count, limit: logicalByteCount)
        var done = 0
        while done < bytes.count {
            let position = offset + UInt64(done)
            let within = Int(truncatingIfNeeded: position) & (BlockOverlay.blockSize - 1)
            let chunk = Swift.min(BlockOverlay.blockSize - within, bytes.count - done)
            let block = position >> BlockOverlay.blockShift
            let slot = try writableSlot(for: block, filled: chunk < BlockOverlay.blockSize)
            (overlay.bytes(ofSlot: slot) + within)
                .copyMemory(from: bytes.baseAddress.unsafelyUnwrapped + done, byteCount: chunk)
            done += chunk
        }
    }

    /// The slot to write `block` in: its dirty slot (preserved first if a
    /// savepoint needs its earlier bytes), or a new one (see
    /// ``dirtySlot(for:filled:)``).
    @inlinable
    func writableSlot(for block: UInt64, filled: Bool) throws(StableError) -> Int {
        if let slot = overlay.slot(of: block) {
            if slot < overlay.savepointSlotCount { overlay.preserve(slot) }
            return slot
        }
        return try dirtySlot(for: block, filled: filled)
    }

    /// Makes the clean `block` dirty and returns its slot; when `filled`, the
    /// slot first receives the block's current bytes (the base's, or zeros
    /// above the base's end). On a failed base read nothing changes.
    @usableFromInline
    func dirtySlot(for block: UInt64, filled: Bool) throws(StableError) -> Int {
        let slot = overlay.insert(block)
        guard filled else { return slot }
        let start = block << BlockOverlay.blockShift
        let target = UnsafeMutableRawBufferPointer(start: overlay.bytes(ofSlot: slot), count: BlockOverlay.blockSize)
        if start < baseByteCount {
            do {
                try base.read(start, into: target)
            } catch {
                overlay.removeLast(block)
                throw error
            }
        } else {
            target.initializeMemory(as: UInt8.self, repeating: 0)
        }
        return slot
    }
}
