extension Value {
    /// `value.name`: a record's field, or the entry of a `cbor` map whose key
    /// is the text `name`. Field access looks through `some(…)`, so that
    /// `assets.get(1).created_at` reads the field of the entry found.
    public func field(_ name: String) throws(QLError) -> Value {
        switch self {
        case let .record(entries):
            guard let entry = entries.first(where: { $0.name == name }) else {
                let names = entries.isEmpty ? "no fields" : entries.map(\.name).joined(separator: ", ")
                throw QLError("the record has no field '\(name)' (it has \(names))")
            }
            return entry.value
        case let .some(inner):
            return try inner.field(name)
        case .none:
            throw QLError("cannot read field '\(name)' of none")
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
            throw QLError("cannot read field '\(name)' of \(kindName) \(literal): only records and cbor maps have fields")
        }
    }
}
