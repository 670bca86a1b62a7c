import Candid

/// What resolving a written type needs beyond the type itself: the record
/// types declared so far and a way to evaluate field defaults.
struct TypeEnvironment {
    /// The declared record types by name.
    var records: [String: RecordType] = [:]
    /// The Candid types declared by `import`.
    var candid = CandidTypeEnvironment()
    /// Evaluates a field's default expression.
    var evaluate: (Expression) throws(QLError) -> Value = { (expression) throws(QLError) in
        throw QLError("field defaults cannot be evaluated here")
    }
}

extension RecordType {
    /// Resolves written fields: names are unique, types resolve, defaults
    /// evaluate and convert to their field's type.
    init(name: String?, _ written: [RecordFieldExpression], in environment: TypeEnvironment) throws(QLError) {
        var fields: [RecordField] = []
        let label = name.map { "record \($0)" } ?? "the record"
        for field in written {
            if fields.contains(where: { $0.name == field.name }) {
                throw QLError("field '\(field.name)' appears twice in \(label)")
            }
            let type: QLType
            do throws(QLError) {
                type = try QLType(field.type, in: environment)
            } catch {
                throw error.prefixed("field '\(field.name)' of \(label)")
            }
            var defaultValue: Value? = nil
            if let expression = field.defaultValue {
                do throws(QLError) {
                    defaultValue = try type.convert(try environment.evaluate(expression))
                } catch {
                    throw error.prefixed("the default of field '\(field.name)' of \(label)")
                }
            }
            fields.append(RecordField(name: field.name, type: type, defaultValue: defaultValue))
        }
        self.init(name: name, fields: fields)
    }
}

extension QLType {
    /// The type with every named record replaced by the current definition
    /// in `records` (a binding re-attached on `upgrade` uses the types as
    /// they are declared at that moment). Records no longer declared stay.
    func refreshed(_ records: [String: RecordType]) -> QLType {
        switch self {
        case let .record(record):
            if let name = record.name, let current = records[name] { return .record(current) }
            return .record(RecordType(name: record.name, fields: record.fields.map { field in
                RecordField(name: field.name, type: field.type.refreshed(records), defaultValue: field.defaultValue)
            }))
        case let .option(inner): return .option(inner.refreshed(records))
        case let .tuple(elements): return .tuple(elements.map { $0.refreshed(records) })
        default: return self
        }
    }
}

extension TypeEnvironment {
    /// The schema of `candid` (nil) or `candid NAME`: the imported
    /// definitions and every field name known (imported and record fields).
    func candidSchema(_ name: String?) -> CandidSchema {
        var names = candid.fieldNames
        for record in records.values {
            for field in record.fields { names[CandidLabel.hash(field.name)] = field.name }
        }
        return CandidSchema(name: name, environment: candid, fieldNames: names)
    }
}
