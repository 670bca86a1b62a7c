/// The row a query is looking at: the row variables of its structure's
/// kind, filled by the scan before the query's expressions read them.
///
/// Only the variables the query uses are filled (``ScanRequest/needsKey``,
/// ``ScanRequest/needsValue``).
final class QueryRow {
    // Only the query's own closures touch a row, one at a time: no dynamic
    // exclusivity checks on the hot path.
    /// `key` (maps, sets) or `index` (vecs, logs).
    @exclusivity(unchecked) var key: Value = .unit
    /// `value` (maps, vecs, logs, heaps, cells).
    @exclusivity(unchecked) var value: Value = .unit
}

/// A row variable: the names a query's expressions use for the parts of a row.
enum RowVariable: String, CaseIterable {
    case key, value, index
}

extension StructureKind {
    /// The row variables of this kind's rows, in column order: map `key`,
    /// `value`; set `key`; vec and log `index`, `value`; heap and cell `value`.
    var rowVariables: [RowVariable] {
        switch self {
        case .map: return [.key, .value]
        case .set: return [.key]
        case .vec, .log: return [.index, .value]
        case .heap, .cell: return [.value]
        }
    }

    /// The variable that orders the rows (and that a range scan bounds):
    /// `key` for maps and sets, `index` for vecs and logs.
    var orderingVariable: RowVariable? {
        switch self {
        case .map, .set: return .key
        case .vec, .log: return .index
        case .heap, .cell: return nil
        }
    }
}
