/// Contiguous storage for slots of ``BlockOverlay/blockSize`` bytes that
/// doubles when full and keeps its size across uses, so the transactional
/// memories allocate nothing once they have reached their working size.
///
/// The storage is owned by the enclosing class, which calls ``deallocate()``
/// exactly once. Slot pointers are valid until the next ``reserve(slots:)``
/// that grows the pool.
@usableFromInline
struct BlockPool {
    @usableFromInline var base: UnsafeMutableRawPointer?
    /// The number of slots allocated.
    @usableFromInline var capacity = 0

    @usableFromInline init() {}

    /// The bytes of slot `slot` (which must be below ``capacity``).
    @inlinable
    func slot(_ slot: Int) -> UnsafeMutableRawPointer {
        base.unsafelyUnwrapped + slot &* BlockOverlay.blockSize
    }

    /// Makes room for slot `used` when the first `used` slots are in use,
    /// keeping their bytes.
    ///
    /// - Complexity: amortised O(1) per slot (the pool doubles when full).
    @usableFromInline
    mutating func reserve(slot used: Int) {
        guard used >= capacity else { return }
        let newCapacity = Swift.max(16, capacity &* 2, used &+ 1)
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: newCapacity &* BlockOverlay.blockSize, alignment: 16)
        if let base {
            fresh.copyMemory(from: base, byteCount: used &* BlockOverlay.blockSize)
            base.deallocate()
        }
        base = fresh
        capacity = newCapacity
    }

    /// Frees the storage.
    @usableFromInline
    func deallocate() {
        base?.deallocate()
    }
}
