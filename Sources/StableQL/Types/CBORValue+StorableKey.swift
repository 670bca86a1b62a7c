import StableStructures

/// The key order of records and `cbor` values: the order Rust derives
/// (`#[derive(Ord)]`) for the serde types these encodings come from, so
/// that a map keyed by a record iterates as a Rust canister's map keyed by
/// the same struct does.
///
/// Values are compared structurally, not by their bytes: a record (a CBOR
/// map with its fields in declaration order) field by field in order;
/// integers by value (negative below unsigned; a tag-2 bignum, used only
/// above 2⁶⁴−1, above both); text by its UTF-8 bytes; byte strings and
/// arrays lexicographically, a prefix first; `false` before `true`; `null`
/// (an `option`'s `none`) before any other value, as Rust's `None < Some`.
/// Values of different kinds (which one schema never mixes) are ordered by
/// kind. Floats get IEEE total order, though float fields are refused in
/// keys.
///
/// The B-tree compares stored keys with this order, so a record type used
/// as a key must not change its fields while the map holds data (as in
/// Rust, where changing a key type's fields changes its order).
extension CBORValue: StorableKey {
    /// The structural order described above: negative, zero or positive.
    public static func compareKeys(_ lhs: CBORValue, _ rhs: CBORValue) -> Int {
        let (left, right) = (kindRank(lhs), kindRank(rhs))
        if left != right { return left < right ? -1 : 1 }
        switch (lhs, rhs) {
        case let (.unsigned(a), .unsigned(b)): return order(a, b)
        case let (.negative(a), .negative(b)): return order(b, a)
        case let (.bool(a), .bool(b)): return a == b ? 0 : (a ? 1 : -1)
        case let (.text(a), .text(b)): return lexicographic(Array(a.utf8), Array(b.utf8)) { order($0, $1) }
        case let (.bytes(a), .bytes(b)): return lexicographic(a, b) { order($0, $1) }
        case let (.array(a), .array(b)): return lexicographic(a, b, compareKeys)
        case let (.map(a), .map(b)):
            return lexicographic(a, b) { x, y in
                let keys = compareKeys(x.key, y.key)
                return keys != 0 ? keys : compareKeys(x.value, y.value)
            }
        case let (.tagged(tagA, a), .tagged(tagB, b)):
            if tagA != tagB { return order(tagA, tagB) }
            if tagA == 2, case let .bytes(x) = a, case let .bytes(y) = b {
                // Positive bignums: a longer magnitude is larger.
                let (x, y) = (x.drop { $0 == 0 }, y.drop { $0 == 0 })
                if x.count != y.count { return order(x.count, y.count) }
                return lexicographic(Array(x), Array(y)) { order($0, $1) }
            }
            return compareKeys(a, b)
        case let (.simple(a), .simple(b)): return order(a.rawValue, b.rawValue)
        default:
            if let a = lhs.doubleValue, let b = rhs.doubleValue {
                return order(a.totalOrderKey, b.totalOrderKey)
            }
            return 0  // null/null, undefined/undefined
        }
    }

    /// The rank of a value's kind, for values of different kinds.
    static func kindRank(_ value: CBORValue) -> Int {
        switch value {
        case .null: return 0
        case .undefined: return 1
        case .bool: return 2
        case .negative: return 3
        case .unsigned: return 4
        case let .tagged(tag, _) where tag == 2: return 5
        case .float16, .float32, .float64: return 6
        case .bytes: return 7
        case .text: return 8
        case .array: return 9
        case .map: return 10
        case .tagged: return 11
        case .simple: return 12
        }
    }

    static func order<T: Comparable>(_ a: T, _ b: T) -> Int {
        a < b ? -1 : (a == b ? 0 : 1)
    }

    /// Element by element, then the shorter first.
    static func lexicographic<T>(_ a: [T], _ b: [T], _ compare: (T, T) -> Int) -> Int {
        for (x, y) in zip(a, b) {
            let result = compare(x, y)
            if result != 0 { return result }
        }
        return order(a.count, b.count)
    }
}

extension Double {
    /// A key whose integer order is IEEE 754 total order.
    fileprivate var totalOrderKey: Int64 {
        let bits = Int64(bitPattern: bitPattern)
        return bits < 0 ? bits ^ Int64.max : bits
    }
}
