/// What a query asks of a structure's scan: the part of the key (or index)
/// order to walk, in which direction, and which row variables to decode.
///
/// Bounds are a superset of the rows the query keeps: the query's `where`
/// still runs on every row produced. A bound a structure cannot use (a
/// constant that does not fit the key type) is ignored.
struct ScanRequest {
    /// One end of the walk.
    struct Bound {
        var value: Value
        var inclusive: Bool
    }

    /// The lowest key or index to produce.
    var lower: Bound?
    /// The highest key or index to produce.
    var upper: Bound?
    /// Walk from the highest key (or index) down.
    var descending = false
    /// Whether the query reads `key` (or `index`).
    var needsKey = true
    /// Whether the query reads `value`.
    var needsValue = true
}

/// A structure box that queries, `delete` and `update` can scan.
protocol QueryableBinding: StructureBinding {
    /// Whether the scan's order and bounds agree with the query language's
    /// comparison of the ordering variable (so bounds and `order by key`
    /// can use the structure's order).
    var scanOrderMatchesValues: Bool { get }

    /// Fills `row` with each row of the request in order and calls `body`,
    /// until `body` returns false.
    func scan(_ request: ScanRequest, into row: QueryRow, _ body: () throws(QLError) -> Bool) throws(QLError)

    /// Removes the rows of the request for which `matches` is true; returns
    /// how many. `progress` is called once per row scanned and removed.
    func deleteRows(
        _ request: ScanRequest, row: QueryRow, matches: () throws(QLError) -> Bool,
        progress: (_ phase: ChangePhase, _ done: UInt64, _ total: UInt64?) throws(QLError) -> Void
    ) throws(QLError) -> UInt64

    /// Replaces the value of the rows of the request for which `matches` is
    /// true by `newValue`; returns how many.
    func updateRows(
        _ request: ScanRequest, row: QueryRow, matches: () throws(QLError) -> Bool,
        newValue: () throws(QLError) -> Value,
        progress: (_ phase: ChangePhase, _ done: UInt64, _ total: UInt64?) throws(QLError) -> Void
    ) throws(QLError) -> UInt64
}

/// The two phases of a `delete` or `update`: finding the rows, then changing them.
enum ChangePhase: String {
    case scanning, changing
}

extension QueryableBinding {
    var scanOrderMatchesValues: Bool { false }

    func deleteRows(
        _ request: ScanRequest, row: QueryRow, matches: () throws(QLError) -> Bool,
        progress: (_ phase: ChangePhase, _ done: UInt64, _ total: UInt64?) throws(QLError) -> Void
    ) throws(QLError) -> UInt64 {
        throw QLError(.type, kind.deleteRefusal)
    }

    func updateRows(
        _ request: ScanRequest, row: QueryRow, matches: () throws(QLError) -> Bool,
        newValue: () throws(QLError) -> Value,
        progress: (_ phase: ChangePhase, _ done: UInt64, _ total: UInt64?) throws(QLError) -> Void
    ) throws(QLError) -> UInt64 {
        throw QLError(.type, kind.updateRefusal)
    }
}

extension StructureKind {
    /// Why `delete` does not apply to this kind.
    var deleteRefusal: String {
        switch self {
        case .log: return "delete does not apply to a log: a log is append-only, entries cannot be removed from the middle (clear() empties it)"
        case .vec: return "delete does not apply to a vec: removing an element from the middle would shift every later index (pop() removes the last element, clear() empties it)"
        case .heap: return "delete does not apply to a heap: only its smallest element can be removed (pop())"
        case .cell: return "delete does not apply to a cell: a cell always holds a value (use update … set value = …)"
        case .map, .set: return "delete does not apply to a \(rawValue)"
        }
    }

    /// Why `update` does not apply to this kind.
    var updateRefusal: String {
        switch self {
        case .set: return "update does not apply to a set: its elements are keys (delete the element and insert the new one)"
        case .log: return "update does not apply to a log: a log is append-only, its entries cannot change"
        case .heap: return "update does not apply to a heap: changing an element in place would break the heap order (pop() and push() instead)"
        case .map, .vec, .cell: return "update does not apply to a \(rawValue)"
        }
    }
}

extension QueryableBinding where Self: ForwardingBinding, Base: QueryableBinding {
    var scanOrderMatchesValues: Bool { base.scanOrderMatchesValues }

    func scan(_ request: ScanRequest, into row: QueryRow, _ body: () throws(QLError) -> Bool) throws(QLError) {
        try base.scan(request, into: row, body)
    }

    func deleteRows(
        _ request: ScanRequest, row: QueryRow, matches: () throws(QLError) -> Bool,
        progress: (_ phase: ChangePhase, _ done: UInt64, _ total: UInt64?) throws(QLError) -> Void
    ) throws(QLError) -> UInt64 {
        try base.deleteRows(request, row: row, matches: matches, progress: progress)
    }

    func updateRows(
        _ request: ScanRequest, row: QueryRow, matches: () throws(QLError) -> Bool,
        newValue: () throws(QLError) -> Value,
        progress: (_ phase: ChangePhase, _ done: UInt64, _ total: UInt64?) throws(QLError) -> Void
    ) throws(QLError) -> UInt64 {
        try base.updateRows(request, row: row, matches: matches, newValue: newValue, progress: progress)
    }
}

extension MapU64U64: QueryableBinding {}
extension MapU64String: QueryableBinding {}
extension MapU64Blob: QueryableBinding {}
extension MapU64Record: QueryableBinding {}
extension MapStringU64: QueryableBinding {}
extension MapStringString: QueryableBinding {}
extension MapStringBlob: QueryableBinding {}
extension SetU64: QueryableBinding {}
extension SetString: QueryableBinding {}
extension VecU64: QueryableBinding {}
extension HeapU64: QueryableBinding {}
extension CellU64: QueryableBinding {}
extension LogString: QueryableBinding {}
extension LogBlob: QueryableBinding {}
