import StableStructures

extension Session {
    /// The most buckets `memories` draws; the rest are summarised.
    static let bucketMapLimit = 512

    /// The memory manager's buckets drawn as text, 16 to a row: each cell is
    /// a bucket, showing the id of the memory that owns it, or `.` when it is
    /// free (after a reclaim). The left column is the first bucket's index.
    ///
    /// ```
    /// bucket map: 4 buckets of 1 page (owner memory id; . = free)
    ///      0 |   2   1   .   1
    /// ```
    func bucketMap(_ manager: MemoryManager<StatementMemory>) -> String {
        let owners = manager.bucketOwners()
        let pages = manager.bucketSizeInPages
        let pageText = pages == 1 ? "1 page" : "\(pages) pages"
        guard !owners.isEmpty else { return "bucket map: no buckets allocated yet (\(pageText) per bucket)\n" }
        let bucketText = owners.count == 1 ? "1 bucket" : "\(owners.count) buckets"
        var text = "bucket map: \(bucketText) of \(pageText) (owner memory id; . = free)\n"
        let shown = min(owners.count, Self.bucketMapLimit)
        for rowStart in stride(from: 0, to: shown, by: 16) {
            text += Self.padded(String(rowStart), to: 6) + " |"
            for bucket in rowStart..<min(rowStart + 16, shown) {
                text += Self.padded(owners[bucket].map { String($0.rawValue) } ?? ".", to: 4)
            }
            text += "\n"
        }
        if owners.count > shown {
            let free = owners[shown...].filter { $0 == nil }.count
            text += "… \(owners.count - shown) more buckets (\(free) of them free)\n"
        }
        return text
    }

    private static func padded(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
