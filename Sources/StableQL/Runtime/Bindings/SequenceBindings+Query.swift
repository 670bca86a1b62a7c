import StableStructures

/// The indexes `request` covers in a sequence of `count` elements, as a
/// half-open range (empty when the bounds exclude everything).
func indexRange(_ request: ScanRequest, count: UInt64) -> Range<UInt64> {
    var start: UInt64 = 0
    var end = count
    if let lower = request.lower, case let .integer(value) = lower.value, !value.isNegative {
        if let first = value.exactly(UInt64.self) {
            start = lower.inclusive ? first : (first == UInt64.max ? count : first + 1)
        } else {
            start = count
        }
    }
    if let upper = request.upper, case let .integer(value) = upper.value {
        if value.isNegative {
            end = 0
        } else if let last = value.exactly(UInt64.self) {
            let bound = upper.inclusive ? (last == UInt64.max ? UInt64.max : last + 1) : last
            end = min(end, bound)
        }
    }
    return start < end ? start..<end : 0..<0
}

/// Visits the indexes of `range` in the request's direction until `body` returns false.
func walkIndexes(_ range: Range<UInt64>, descending: Bool, _ body: (UInt64) throws(QLError) -> Bool) throws(QLError) {
    if descending {
        var index = range.upperBound
        while index > range.lowerBound {
            index -= 1
            if try !body(index) { return }
        }
    } else {
        var index = range.lowerBound
        while index < range.upperBound {
            if try !body(index) { return }
            index += 1
        }
    }
}

extension VecBinding: QueryableBinding {
    var scanOrderMatchesValues: Bool { true }

    func walk(_ request: ScanRequest, into row: QueryRow, _ body: (UInt64) throws(QLError) -> Bool) throws(QLError) {
        try walkIndexes(indexRange(request, count: vec.count), descending: request.descending) { (index) throws(QLError) -> Bool in
            if request.needsKey { row.key = .int(index) }
            if request.needsValue {
                guard let item = try libraryCall("the vec", { () throws(StableError) in try vec.get(index) }) else { return false }
                row.value = try elements.decode(item)
            }
            return try body(index)
        }
    }

    func scan(_ request: ScanRequest, into row: QueryRow, _ body: () throws(QLError) -> Bool) throws(QLError) {
        try walk(request, into: row) { (_) throws(QLError) -> Bool in try body() }
    }

    func updateRows(
        _ request: ScanRequest, row: QueryRow, matches: () throws(QLError) -> Bool,
        newValue: () throws(QLError) -> Value,
        progress: (_ phase: ChangePhase, _ done: UInt64, _ total: UInt64?) throws(QLError) -> Void
    ) throws(QLError) -> UInt64 {
        var changes: [(UInt64, T)] = []
        var scanned: UInt64 = 0
        try walk(request, into: row) { (index) throws(QLError) -> Bool in
            try progress(.scanning, scanned, nil)
            scanned &+= 1
            guard try matches() else { return true }
            changes.append((index, try convertArgument(elements, try newValue(), role: "index \(index): value")))
            return true
        }
        let total = UInt64(changes.count)
        for (done, change) in changes.enumerated() {
            try progress(.changing, UInt64(done), total)
            try libraryCall("the vec") { () throws(StableError) in try vec.set(change.0, change.1) }
        }
        return total
    }
}

extension LogBinding: QueryableBinding {
    var scanOrderMatchesValues: Bool { true }

    func scan(_ request: ScanRequest, into row: QueryRow, _ body: () throws(QLError) -> Bool) throws(QLError) {
        try walkIndexes(indexRange(request, count: log.count), descending: request.descending) { (index) throws(QLError) -> Bool in
            if request.needsKey { row.key = .int(index) }
            if request.needsValue {
                guard let value = try decodedEntry(at: index) else { return false }
                row.value = value
            }
            return try body()
        }
    }
}

extension HeapBinding: QueryableBinding {
    func scan(_ request: ScanRequest, into row: QueryRow, _ body: () throws(QLError) -> Bool) throws(QLError) {
        let all = try libraryCall("the heap") { () throws(StableError) in try heap.elements() }
        for item in all {
            row.value = try elements.decode(item)
            if try !body() { return }
        }
    }
}

extension CellBinding: QueryableBinding {
    func scan(_ request: ScanRequest, into row: QueryRow, _ body: () throws(QLError) -> Bool) throws(QLError) {
        row.value = try values.decode(cell.get())
        _ = try body()
    }

    func updateRows(
        _ request: ScanRequest, row: QueryRow, matches: () throws(QLError) -> Bool,
        newValue: () throws(QLError) -> Value,
        progress: (_ phase: ChangePhase, _ done: UInt64, _ total: UInt64?) throws(QLError) -> Void
    ) throws(QLError) -> UInt64 {
        row.value = try values.decode(cell.get())
        guard try matches() else { return 0 }
        let replacement = try convertArgument(values, try newValue(), role: "value")
        _ = try libraryCall("the cell") { () throws(StableError) in try cell.set(replacement) }
        return 1
    }
}
