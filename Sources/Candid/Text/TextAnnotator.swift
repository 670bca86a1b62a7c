/// Gives parsed text values their types (numbers become `nat8`, `int`, …;
/// `vec` of `nat8` becomes a blob; absent `opt` fields become `null`).
struct TextAnnotator {
    let graph: TypeGraph
    let environment: CandidTypeEnvironment

    func mismatch(_ what: String, _ type: TypeRef) -> CandidError {
        CandidError(.typeMismatch, "\(what) is not a value of type \(graph.describe(type))")
    }

    func annotate(_ value: CandidTextValue, _ type: TypeRef, depth: Int = 0) throws(CandidError) -> CandidValue {
        if depth > 1024 { throw CandidError(.limitExceeded, "value nested too deeply") }
        if case .primitive(.reserved) = type { return .reserved }
        if case .annotated(let inner, let annotation) = value {
            // The annotation fixes the value's own type; it must fit the expected type.
            var builder = TypeGraphBuilder(environment: environment)
            let reference = try builder.reference(annotation)
            let own = try TextAnnotator(graph: builder.graph, environment: environment).annotate(inner, reference, depth: depth + 1)
            if case .primitive(let wanted) = type, case .primitive(let given) = reference {
                if given == wanted { return own }
                if given == .nat, wanted == .int, case .nat(let number) = own { return .int(CandidInt(number)) }
                throw CandidError(.typeMismatch, "a \(CandidTypePrinter.keyword(given)) is not a \(CandidTypePrinter.keyword(wanted))")
            }
            return try annotate(inner, type, depth: depth + 1)
        }
        switch type {
        case .primitive(let primitive):
            return try primitiveValue(value, primitive)
        case .node(let index):
            switch graph[index] {
            case .opt(let inner):
                switch value {
                case .null: return .opt(nil)
                case .opt(let content): return .opt(try annotate(content, inner, depth: depth + 1))
                default: throw mismatch("a non-opt value", type)
                }
            case .vec(let inner):
                if case .primitive(.nat8) = inner {
                    switch value {
                    case .blob(let bytes): return .blob(bytes)
                    case .vec(let elements):
                        var bytes: [UInt8] = []
                        for element in elements {
                            guard case .nat8(let byte) = try annotate(element, inner, depth: depth + 1) else { throw mismatch("an element", inner) }
                            bytes.append(byte)
                        }
                        return .blob(bytes)
                    default: throw mismatch("this value", type)
                    }
                }
                guard case .vec(let elements) = value else { throw mismatch("this value", type) }
                var values: [CandidValue] = []
                for element in elements { values.append(try annotate(element, inner, depth: depth + 1)) }
                return .vec(values)
            case .record(let fields):
                guard case .record(let given) = value else { throw mismatch("this value", type) }
                var byId: [UInt32: CandidTextValue] = [:]
                for (label, fieldValue) in given {
                    guard byId.updateValue(fieldValue, forKey: label.id) == nil else {
                        throw CandidError(.typeMismatch, "record field \(label) given twice")
                    }
                }
                var values: [CandidFieldValue] = []
                for field in fields {
                    if let fieldValue = byId[field.id] {
                        values.append(CandidFieldValue(field.label, try annotate(fieldValue, field.type, depth: depth + 1)))
                    } else if let absent = graph.absentValue(field.type) {
                        values.append(CandidFieldValue(field.label, absent))
                    } else {
                        throw CandidError(.typeMismatch, "record field \(field.label) is missing")
                    }
                }
                return .record(values)
            case .variant(let fields):
                guard case .variant(let label, let payload) = value else { throw mismatch("this value", type) }
                guard let field = fields.field(withId: label.id) else {
                    throw CandidError(.typeMismatch, "variant tag \(label) is not in the type")
                }
                return .variant(CandidFieldValue(field.label, try annotate(payload, field.type, depth: depth + 1)))
            case .function:
                guard case .function(let principal, let method) = value else { throw mismatch("this value", type) }
                return .function(principal, method)
            case .service:
                guard case .service(let principal) = value else { throw mismatch("this value", type) }
                return .service(principal)
            case .future:
                throw mismatch("this value", type)
            }
        }
    }

    private func primitiveValue(_ value: CandidTextValue, _ primitive: Primitive) throws(CandidError) -> CandidValue {
        let fail = mismatch("this value", .primitive(primitive))
        switch (primitive, value) {
        case (.null, .null): return .null
        case (.bool, .bool(let flag)): return .bool(flag)
        case (.text, .text(let text)): return .text(text)
        case (.principal, .principal(let principal)): return .principal(principal)
        case (.float64, .float(let number)): return .float64(number)
        case (.float32, .float(let number)): return .float32(Float(number))
        case (.float64, .integer(let number)): return .float64(Double(number.description) ?? .nan)
        case (.float32, .integer(let number)): return .float32(Float(number.description) ?? .nan)
        case (.int, .integer(let number)): return .int(number)
        case (.nat, .integer(let number)):
            guard !number.isNegative else { throw CandidError(.typeMismatch, "\(number) is negative, not a nat") }
            return .nat(number.magnitude)
        case (_, .integer(let number)):
            guard let fixed = fixedInteger(number, primitive) else {
                throw CandidError(.typeMismatch, "\(number) is out of range for \(CandidTypePrinter.keyword(primitive))")
            }
            return fixed
        default: throw fail
        }
    }

    private func fixedInteger(_ number: CandidInt, _ primitive: Primitive) -> CandidValue? {
        switch primitive {
        case .nat8, .nat16, .nat32, .nat64:
            guard !number.isNegative, let value = number.magnitude.uint64 else { return nil }
            switch primitive {
            case .nat8: return UInt8(exactly: value).map { .nat8($0) }
            case .nat16: return UInt16(exactly: value).map { .nat16($0) }
            case .nat32: return UInt32(exactly: value).map { .nat32($0) }
            default: return .nat64(value)
            }
        case .int8, .int16, .int32, .int64:
            guard let value = number.int64 else { return nil }
            switch primitive {
            case .int8: return Int8(exactly: value).map { .int8($0) }
            case .int16: return Int16(exactly: value).map { .int16($0) }
            case .int32: return Int32(exactly: value).map { .int32($0) }
            default: return .int64(value)
            }
        default: return nil
        }
    }
}

extension CandidTextValue {
    /// The value without an expected type: integers are `int`, floats `float64`,
    /// `vec` stays `vec`; annotations give types where present.
    public func untyped(in environment: CandidTypeEnvironment = CandidTypeEnvironment()) throws(CandidError) -> CandidValue {
        switch self {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .integer(let number): return .int(number)
        case .float(let number): return .float64(number)
        case .text(let text): return .text(text)
        case .blob(let bytes): return .blob(bytes)
        case .opt(let inner): return .opt(try inner.untyped(in: environment))
        case .vec(let elements):
            var values: [CandidValue] = []
            for element in elements { values.append(try element.untyped(in: environment)) }
            return .vec(values)
        case .record(let fields):
            var values: [CandidFieldValue] = []
            for (label, value) in fields { values.append(CandidFieldValue(label, try value.untyped(in: environment))) }
            if Set(values.map { $0.label.id }).count != values.count { throw CandidError(.typeMismatch, "a record field is given twice") }
            return .makeRecord(values)
        case .variant(let label, let payload): return .variant(CandidFieldValue(label, try payload.untyped(in: environment)))
        case .principal(let principal): return .principal(principal)
        case .service(let principal): return .service(principal)
        case .function(let principal, let method): return .function(principal, method)
        case .annotated(let value, let type): return try CandidText.value(of: value, as: type, in: environment)
        }
    }
}
