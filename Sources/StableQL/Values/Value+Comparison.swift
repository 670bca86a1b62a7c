import Candid

extension Value {
    /// Compares two values: negative, zero or positive; nil when unordered
    /// (a NaN is involved).
    ///
    /// Numbers compare numerically across integers and floats; strings and
    /// blobs by bytes; `false < true`; principals by length, then bytes (as
    /// the library orders them); `none` is below every present value and
    /// `some(x)` compares as `x`; tuples and records (with the same fields)
    /// lexicographically; a `cbor` scalar (integer, text, bytes, bool,
    /// float, null) compares as the plain value it stands for, other `cbor`
    /// values are only equal or unordered (a plain value compares as its
    /// CBOR document). Values of
    /// unrelated kinds cannot be compared.
    public static func compare(_ lhs: Value, _ rhs: Value) throws(QLError) -> Int? {
        switch (lhs, rhs) {
        case (.none, .none): return 0
        case (.none, _): return -1
        case (_, .none): return 1
        case let (.some(a), .some(b)): return try compare(a, b)
        case let (.some(a), _): return try compare(a, rhs)
        case let (_, .some(b)): return try compare(lhs, b)
        case let (.integer(a), .integer(b)): return a < b ? -1 : a == b ? 0 : 1
        case let (.bool(a), .bool(b)): return a == b ? 0 : (a ? 1 : -1)
        case let (.string(a), .string(b)): return bytes(Array(a.utf8), Array(b.utf8))
        case let (.blob(a), .blob(b)): return bytes(a, b)
        case let (.principal(a), .principal(b)):
            if a.count != b.count { return a.count < b.count ? -1 : 1 }
            return bytes(a, b)
        case (.unit, .unit): return 0
        case let (.tuple(a), .tuple(b)) where a.count == b.count:
            for (x, y) in zip(a, b) {
                guard let order = try compare(x, y) else { return nil }
                if order != 0 { return order }
            }
            return 0
        case let (.record(a), .record(b)):
            guard a.map(\.name) == b.map(\.name) else { return nil }
            for (x, y) in zip(a, b) {
                guard let order = try compare(x.value, y.value) else { return nil }
                if order != 0 { return order }
            }
            return 0
        case (.candid, _), (_, .candid), (.json, _), (_, .json):
            return try compareDocuments(lhs, rhs)
        case let (.cbor(a), _):
            if let plain = Value.plainScalar(a) { return try compare(plain, rhs) }
            return try RecordCBOR.document(rhs) == a ? 0 : nil
        case let (_, .cbor(b)):
            if let plain = Value.plainScalar(b) { return try compare(lhs, plain) }
            return try RecordCBOR.document(lhs) == b ? 0 : nil
        default:
            if let a = lhs.doubleValue, let b = rhs.doubleValue {
                if a.isNaN || b.isNaN { return nil }
                return a < b ? -1 : a == b ? 0 : 1
            }
            throw QLError("cannot compare \(lhs.kindName) \(lhs.literal) with \(rhs.kindName) \(rhs.literal)")
        }
    }

    private static func bytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Evaluates a comparison operator (`== != < <= > >=`).
    public static func comparison(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) throws(QLError) -> Bool {
        let order = try compare(lhs, rhs)
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order.map { $0 < 0 } ?? false
        case .lessEqual: return order.map { $0 <= 0 } ?? false
        case .greater: return order.map { $0 > 0 } ?? false
        case .greaterEqual: return order.map { $0 >= 0 } ?? false
        default: throw QLError("'\(op.rawValue)' is not a comparison")
        }
    }
}

extension Value {
    /// Candid and JSON values: Candid scalars compare as the StableQL values
    /// they lower to; otherwise values are only equal (same document, or the
    /// same Candid value) or unordered.
    static func compareDocuments(_ lhs: Value, _ rhs: Value) throws(QLError) -> Int? {
        if case let .candid(a) = lhs, case .candid = Value.lowered(a) {} else if case let .candid(a) = lhs {
            return try compare(Value.lowered(a), rhs)
        }
        if case let .candid(b) = rhs, case .candid = Value.lowered(b) {} else if case let .candid(b) = rhs {
            return try compare(lhs, Value.lowered(b))
        }
        if lhs == rhs { return 0 }
        if case let .candid(a) = lhs, case let .candid(b) = rhs, a.inWireOrder() == b.inWireOrder() { return 0 }
        if case let .candid(a) = lhs { return candidEqual(a, rhs) ? 0 : nil }
        if case let .candid(b) = rhs { return candidEqual(b, lhs) ? 0 : nil }
        return nil
    }

    /// Whether `other` is `value` once given the type of `value`'s shape
    /// (so `[1, 2]` equals a stored `vec nat16`, `{w: 3}` a stored record).
    private static func candidEqual(_ value: CandidValue, _ other: Value) -> Bool {
        guard let type = try? value.inferredType(), let text = try? CandidBridge.textValue(other),
              let typed = try? CandidText.value(of: CandidBridge.wrappingOptions(text, as: type, in: CandidTypeEnvironment()), as: type)
        else { return false }
        return typed.inWireOrder() == value.inWireOrder()
    }
}
