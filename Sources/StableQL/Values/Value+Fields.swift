extension Value {
    /// `value.name`: a record's field, a tuple's element when `name` is a
    /// decimal index (`key.0`), or the entry of a `cbor` map whose key is the
    /// text `name`. Field access looks through `some(…)`, so that
    /// `assets.get(1).created_at` reads the field of the entry found, and
    /// through `none` gives `none`, so that a chain over a missing value
    /// (`value.owner.name`) is `none` instead of an error.
    ///
    /// This is the one place where fields, indexes and variant payloads are
    /// read: a Candid variant's `x.Tag` is its payload when `x` has the tag
    /// `Tag`, else `none`.
    public func field(_ name: String) throws(QLError) -> Value {
        switch self {
        case let .record(entries):
            guard let entry = entries.first(where: { $0.name == name }) else {
                let names = entries.isEmpty ? "no fields" : entries.map(\.name).joined(separator: ", ")
                throw QLError("the record has no field '\(name)' (it has \(names))")
            }
            return entry.value
        case let .tuple(elements):
            guard let index = Value.fieldIndex(name) else {
                throw QLError("cannot read field '\(name)' of a \(elements.count)-tuple: its elements are .0 to .\(elements.count - 1)")
            }
            guard index < elements.count else {
                throw QLError("a \(elements.count)-tuple has no element \(index) (its elements are .0 to .\(elements.count - 1))")
            }
            return elements[index]
        case let .some(inner):
            return try inner.field(name)
        case .none:
            return .none
        case let .cbor(item):
            guard case .map = item else {
                throw QLError("cannot read field '\(name)' of a cbor value that is \(item.kindDescription), not a map")
            }
            guard let found = item[name] else { throw QLError("the cbor map has no key \"\(name)\"") }
            return .cbor(found)
        case let .candid(value):
            return try Value.candidField(value, name)
        case let .json(document):
            guard case .object = document else {
                throw QLError("cannot read field '\(name)' of the json value \(document.text): only objects have fields")
            }
            guard let member = document.member(name) else { throw QLError("the json object has no member \"\(name)\"") }
            return member.lowered
        default:
            throw QLError("cannot read field '\(name)' of \(kindName) \(literal): only records, tuples and cbor maps have fields")
        }
    }

    /// `x is #Tag`: whether the variant `x` has the tag `tag`. `none` has no
    /// tag (false); `some(x)` is looked through.
    public func hasVariantTag(_ tag: String) throws(QLError) -> Bool {
        switch self {
        case .none: return false
        case let .some(inner): return try inner.hasVariantTag(tag)
        case let .candid(value): return try Value.candidHasTag(value, tag)
        default:
            throw QLError("'is #\(tag)' needs a variant, found \(kindName) \(literal)")
        }
    }

    /// The index a field name such as `0` or `12` stands for.
    static func fieldIndex(_ name: String) -> Int? {
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(name)
    }
}
