import StableStructures

extension BTreeStatistics {
    /// The lines `describe` prints for a map or a set.
    var describeLines: [String] {
        let fill = entrySlots == 0 ? 0 : Double(entryCount) * 100 / Double(entrySlots)
        let percent = (fill * 10).rounded() / 10
        return [
            "tree depth: \(depth)",
            "nodes: \(nodeCount) holding \(entryCount) entries (\(allocatedChunkCount) chunks of \(chunkSize) bytes in use, overflow pages included)",
            "fill: \(percent)% of \(entrySlots) entry slots",
        ]
    }
}
