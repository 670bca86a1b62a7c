/// The values of a row's `group by` expressions, hashable so that groups are
/// found in constant time. Two keys are equal when their values compare
/// equal (so `1` and `1.0`, or `some(3)` and `3`, fall in one group);
/// values that do not compare (NaN) are grouped by their text.
struct GroupKey: Hashable {
    let values: [Value]

    static func == (lhs: GroupKey, rhs: GroupKey) -> Bool {
        guard lhs.values.count == rhs.values.count else { return false }
        for (a, b) in zip(lhs.values, rhs.values) {
            let order: Int?
            do throws(QLError) { order = try Value.compare(a, b) } catch { return false }
            if order == 0 { continue }
            if order != nil || a.literal != b.literal { return false }
        }
        return true
    }

    func hash(into hasher: inout Hasher) {
        for value in values { GroupKey.hash(value, into: &hasher) }
    }

    /// Hashes `value` consistently with ``Value/compare(_:_:)`` equality.
    private static func hash(_ value: Value, into hasher: inout Hasher) {
        switch value {
        case let .some(inner): hash(inner, into: &hasher)
        case .none: hasher.combine(0 as UInt8)
        case let .integer(number):
            hasher.combine(number)
        case let .float(number): hashNumber(number, into: &hasher)
        case let .float32(number): hashNumber(Double(number), into: &hasher)
        case let .bool(flag): hasher.combine(flag)
        case let .string(text): hasher.combine(text)
        case let .blob(bytes), let .principal(bytes): hasher.combine(bytes)
        case .unit: hasher.combine(1 as UInt8)
        case let .tuple(elements): for element in elements { hash(element, into: &hasher) }
        case let .record(entries):
            for entry in entries {
                hasher.combine(entry.name)
                hash(entry.value, into: &hasher)
            }
        default: hasher.combine(value.literal)
        }
    }

    /// A float that holds an integer hashes as that integer.
    private static func hashNumber(_ number: Double, into hasher: inout Hasher) {
        if number.isFinite, number == number.rounded(), abs(number) < 1e38 {
            hasher.combine(QLInteger(negative: number < 0, magnitude: UInt128(abs(number))))
        } else {
            hasher.combine(number.bitPattern)
        }
    }
}
