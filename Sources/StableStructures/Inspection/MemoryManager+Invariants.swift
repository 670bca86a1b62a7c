extension MemoryManager {
    /// Checks the memory manager stored in `memory` and returns what is wrong
    /// (nothing when healthy): magic and version; a non-zero bucket size; at
    /// most 32 768 buckets handed out, and no owner recorded past them; a
    /// memory large enough for every bucket handed out; and every virtual
    /// memory's size within the buckets it owns. Reads only.
    public static func checkInvariants(of memory: M) -> [InvariantViolation] {
        var log = ViolationLog(structure: MemoryManagerLayout.structureName)
        let header: StoredHeader
        do throws(StableError) {
            header = try loadHeader(memory)
        } catch {
            log.add("\(error)")
            return log.finished()
        }
        var owned = [UInt64](repeating: 0, count: MemoryId.count)
        for owner in header.owners where owner != MemoryManagerLayout.unallocated { owned[Int(owner)] += 1 }
        for (index, pages) in header.sizes.enumerated() {
            let capacity = owned[index] * UInt64(header.bucketSize)
            if pages > capacity {
                log.add("memory \(index) has \(pages) pages but owns \(owned[index]) buckets of \(header.bucketSize) pages")
            }
        }
        return log.finished()
    }

    /// Checks the stored manager (see ``checkInvariants(of:)``) and that it
    /// still matches this manager's in-heap state: bucket count, owners and
    /// sizes.
    public func checkInvariants() -> [InvariantViolation] {
        var violations = MemoryManager.checkInvariants(of: memory)
        guard violations.isEmpty, let header = try? MemoryManager.loadHeader(memory) else { return violations }
        var log = ViolationLog(structure: MemoryManagerLayout.structureName)
        if header.allocated != allocated || header.owners != Array(owners.prefix(header.allocated)) {
            log.add("the stored bucket table no longer matches the loaded manager")
        }
        for index in 0 ..< MemoryId.count where header.sizes[index] != states[index].pages {
            log.add("memory \(index) is stored with \(header.sizes[index]) pages, the loaded manager has \(states[index].pages)")
        }
        violations += log.finished()
        return violations
    }
}
