extension Session {
    /// `type NAME = record { … };`: declares or replaces a record type.
    ///
    /// A re-declaration replaces the type for later declarations and for
    /// bindings re-attached by `upgrade`; bindings already open keep the
    /// definition they were opened with until then.
    func declareType(name: String, written: TypeExpression) throws(QLError) {
        guard case let .record(fields) = written.kind else {
            throw QLError("type \(name): only record types can be declared")
        }
        if candid.types[name] != nil {
            throw QLError(.name, "type \(name): the name is already an imported Candid type")
        }
        let record: RecordType
        do throws(QLError) {
            record = try RecordType(name: name, fields, in: typeEnvironment)
        } catch {
            throw error.prefixed("type \(name)")
        }
        let previous = types[name]
        types[name] = record
        let users = structures.values.filter { $0.keyType?.mentions(record) == true || $0.elementType.mentions(record) }
        if let previous, previous != record, !users.isEmpty {
            let names = users.map { "`\($0.name)`" }.sorted().joined(separator: ", ")
            emit(.message("type \(name) redeclared: \(names) \(users.count == 1 ? "uses" : "use") the new definition after `upgrade`"))
        }
    }

    /// The declared types and the evaluator for field defaults.
    var typeEnvironment: TypeEnvironment {
        TypeEnvironment(records: types, candid: candid.types, evaluate: { [unowned self] (expression) throws(QLError) in
            try self.evaluate(expression)
        })
    }

    /// `describe NAME` for a declared type.
    func describeType(_ record: RecordType) -> QueryResult {
        var lines = ["\(record.name ?? "record"): record type (stored as CBOR, unbounded)"]
        for field in record.fields {
            var line = "  \(field.name): \(field.type)"
            if let defaultValue = field.defaultValue { line += " = \(defaultValue.literal)" }
            if case let .record(nested) = field.type, nested.name == nil { line = "  \(field.name): \(nested.definition)" }
            lines.append(line)
        }
        let users = structures.values.filter { $0.keyType?.mentions(record) == true || $0.elementType.mentions(record) }
        if !users.isEmpty {
            lines.append("  used by: " + users.map(\.name).sorted().joined(separator: ", "))
        }
        return .message(lines.joined(separator: "\n"))
    }
}

extension QLType {
    /// Whether the type is or contains the named record `record`.
    func mentions(_ record: RecordType) -> Bool {
        switch self {
        case let .record(inner):
            return (inner.name != nil && inner.name == record.name) || inner.fields.contains { $0.type.mentions(record) }
        case let .option(inner): return inner.mentions(record)
        case let .tuple(elements): return elements.contains { $0.mentions(record) }
        default: return false
        }
    }
}
