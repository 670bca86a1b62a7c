/// A binding whose rows are walked in key order and removed by key (maps and
/// sets): scanning and `delete` are the same for both, written once here.
protocol KeyedQueryableBinding: QueryableBinding {
    /// The library's native key (a map's key, a set's element).
    associatedtype StoredKey

    /// Walks the rows of `request`, filling `row` and handing each native
    /// key to `body`, until `body` returns false.
    func walk(_ request: ScanRequest, into row: QueryRow, _ body: (StoredKey) throws(QLError) -> Bool) throws(QLError)

    /// Removes the row with the native key `key`.
    func removeStored(_ key: StoredKey) throws(QLError)
}

extension KeyedQueryableBinding {
    func scan(_ request: ScanRequest, into row: QueryRow, _ body: () throws(QLError) -> Bool) throws(QLError) {
        try walk(request, into: row) { (_) throws(QLError) -> Bool in try body() }
    }

    /// Collects the matching keys first (a walk must not see its own
    /// removals), then removes them one by one.
    ///
    /// - Complexity: O(n) to scan plus one removal per match; the matching
    ///   keys are held in memory.
    func deleteRows(
        _ request: ScanRequest, row: QueryRow, matches: () throws(QLError) -> Bool,
        progress: (_ phase: ChangePhase, _ done: UInt64, _ total: UInt64?) throws(QLError) -> Void
    ) throws(QLError) -> UInt64 {
        var doomed: [StoredKey] = []
        var scanned: UInt64 = 0
        try walk(request, into: row) { (key) throws(QLError) -> Bool in
            try progress(.scanning, scanned, nil)
            scanned &+= 1
            if try matches() { doomed.append(key) }
            return true
        }
        let total = UInt64(doomed.count)
        for (done, key) in doomed.enumerated() {
            try progress(.changing, UInt64(done), total)
            try removeStored(key)
        }
        return total
    }
}
