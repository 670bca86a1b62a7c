/// A result row with its sort keys and its place in the scan, so that rows
/// that tie in `order by` keep the structure's order.
struct SortableRow {
    var columns: [Value]
    var keys: [Value]
    var sequence: Int
}

/// The order of an `order by`: each key ascending or descending; `none`
/// first in ascending order (as `Value.compare` puts it below every `some`);
/// values that do not compare (NaN) tie; ties keep the scan's order.
struct RowOrder {
    let descending: [Bool]

    /// Whether `a` comes before `b`. Keys of kinds that cannot be compared
    /// (a string with a number) fail.
    func precedes(_ a: SortableRow, _ b: SortableRow) throws(QLError) -> Bool {
        for (index, isDescending) in descending.enumerated() {
            let order = try Value.compare(a.keys[index], b.keys[index]) ?? 0
            if order != 0 { return isDescending ? order > 0 : order < 0 }
        }
        return a.sequence < b.sequence
    }

    /// `rows` sorted (a stable merge sort, with typed errors).
    func sorted(_ rows: [SortableRow]) throws(QLError) -> [SortableRow] {
        if rows.count < 2 { return rows }
        var source = rows
        var buffer = rows
        var width = 1
        while width < source.count {
            var start = 0
            while start < source.count {
                let middle = min(start + width, source.count)
                let end = min(start + 2 * width, source.count)
                var left = start
                var right = middle
                var out = start
                while left < middle && right < end {
                    if try precedes(source[right], source[left]) {
                        buffer[out] = source[right]
                        right += 1
                    } else {
                        buffer[out] = source[left]
                        left += 1
                    }
                    out += 1
                }
                while left < middle { buffer[out] = source[left]; left += 1; out += 1 }
                while right < end { buffer[out] = source[right]; right += 1; out += 1 }
                start = end
            }
            swap(&source, &buffer)
            width *= 2
        }
        return source
    }
}

/// The first `capacity` rows of an order, keeping only `capacity` rows in
/// memory: a binary heap whose top is the row that would be dropped next.
struct TopRows {
    let order: RowOrder
    let capacity: Int
    private(set) var heap: [SortableRow] = []

    init(order: RowOrder, capacity: Int) {
        self.order = order
        self.capacity = capacity
        heap.reserveCapacity(Swift.min(capacity, 4096))
    }

    /// Offers a row: kept when fewer than `capacity` rows are held or when it
    /// precedes the last row held.
    mutating func offer(_ row: SortableRow) throws(QLError) {
        guard capacity > 0 else { return }
        if heap.count < capacity {
            heap.append(row)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard try order.precedes(heap[parent], heap[child]) else { break }
                heap.swapAt(parent, child)
                child = parent
            }
            return
        }
        guard try order.precedes(row, heap[0]) else { return }
        heap[0] = row
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var last = parent
            if left < heap.count, try order.precedes(heap[last], heap[left]) { last = left }
            if right < heap.count, try order.precedes(heap[last], heap[right]) { last = right }
            if last == parent { return }
            heap.swapAt(parent, last)
            parent = last
        }
    }

    /// The rows held, in order.
    func sortedRows() throws(QLError) -> [SortableRow] { try order.sorted(heap) }
}
