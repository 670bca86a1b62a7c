import Candid

/// Moves StableQL values into Candid: literals become Candid text values,
/// which the Candid library then types against the declared type (with its
/// rules: `none` for absent `opt` fields, `nat` vs `int`, blobs, …).
enum CandidBridge {
    /// The deepest value converted (deeper values are refused, not recursed into).
    static let maximumDepth = 200

    /// `value` as an untyped Candid text value.
    static func textValue(_ value: Value, depth: Int = 0) throws(QLError) -> CandidTextValue {
        guard depth < maximumDepth else { throw QLError(.type, "the value nests more than \(maximumDepth) levels deep") }
        switch value {
        case let .integer(integer):
            guard let magnitude = CandidNat(decimal: Substring(integer.magnitude.description)) else {
                throw QLError(.type, "\(integer) is not a Candid integer")
            }
            return .integer(CandidInt(isNegative: integer.isNegative, magnitude: magnitude))
        case let .float(number): return .float(number)
        case let .float32(number): return .annotated(.float(Double(number)), .float32)
        case let .bool(flag): return .bool(flag)
        case let .string(text): return .text(text)
        case let .blob(bytes): return .blob(bytes)
        case let .principal(bytes): return .principal(CandidPrincipal(bytes: bytes))
        case .none: return .null
        case let .some(inner): return .opt(try textValue(inner, depth: depth + 1))
        case .unit: return .null
        case let .tuple(elements):
            var fields: [(CandidLabel, CandidTextValue)] = []
            for (index, element) in elements.enumerated() {
                fields.append((.id(UInt32(index)), try textValue(element, depth: depth + 1)))
            }
            return .record(fields)
        case let .record(entries):
            var fields: [(CandidLabel, CandidTextValue)] = []
            for entry in entries { fields.append((label(entry.name), try textValue(entry.value, depth: depth + 1))) }
            return .record(fields)
        case let .candid(candid): return textValue(candid)
        case .cbor, .json:
            throw QLError(.type, "a \(value.kindName) value cannot be written as Candid")
        }
    }

    /// The value of a list literal: a Candid `vec` of untyped elements.
    static func list(_ elements: [Value]) throws(QLError) -> Value {
        var values: [CandidValue] = []
        for element in elements { values.append(try untyped(element)) }
        return .candid(.vec(values))
    }

    /// The value of a variant literal `#tag` or `#tag(payload)`.
    static func variant(_ tag: String, _ payload: Value?) throws(QLError) -> Value {
        .candid(.variant(CandidFieldValue(label(tag), try payload.map { (inner) throws(QLError) in try untyped(inner) } ?? .null)))
    }

    /// A record field name as a Candid label: digits name a numbered field.
    static func label(_ name: String) -> CandidLabel {
        if let id = UInt32(name) { return .id(id) }
        return .name(name)
    }

    /// A typed Candid value back as text (so it can be given another type).
    static func textValue(_ value: CandidValue) -> CandidTextValue {
        switch value {
        case .null, .reserved: return .null
        case let .bool(flag): return .bool(flag)
        case let .nat(number): return .integer(CandidInt(number))
        case let .int(number): return .integer(number)
        case let .nat8(number): return .integer(CandidInt(CandidNat(UInt64(number))))
        case let .nat16(number): return .integer(CandidInt(CandidNat(UInt64(number))))
        case let .nat32(number): return .integer(CandidInt(CandidNat(UInt64(number))))
        case let .nat64(number): return .integer(CandidInt(CandidNat(number)))
        case let .int8(number): return .integer(CandidInt(Int64(number)))
        case let .int16(number): return .integer(CandidInt(Int64(number)))
        case let .int32(number): return .integer(CandidInt(Int64(number)))
        case let .int64(number): return .integer(CandidInt(number))
        case let .float32(number): return .float(Double(number))
        case let .float64(number): return .float(number)
        case let .text(text): return .text(text)
        case let .principal(principal): return .principal(principal)
        case let .service(principal): return .service(principal)
        case let .function(principal, method): return .function(principal, method)
        case let .opt(content): return content.map { .opt(textValue($0)) } ?? .null
        case let .blob(bytes): return .blob(bytes)
        case let .vec(elements): return .vec(elements.map(textValue))
        case let .record(fields): return .record(fields.map { ($0.label, textValue($0.value)) })
        case let .variant(field): return .variant(field.label, textValue(field.value))
        }
    }

    /// `value` as a Candid value of type `type` (named types from `environment`).
    static func value(_ value: Value, as type: CandidType, in environment: CandidTypeEnvironment) throws(QLError) -> CandidValue {
        let text = wrappingOptions(try textValue(value), as: type, in: environment)
        do throws(CandidError) {
            return try CandidText.value(of: text, as: type, in: environment)
        } catch {
            throw QLError(.type, "\(value.literal) does not fit candid \(CandidTypePrinter.text(type)): \(error.message)")
        }
    }

    /// A StableQL value without a declared type as a Candid value: integers
    /// `int`, floats `float64`, strings `text`, records by field name,
    /// tuples as tuple records, `none`/`some` as `opt`.
    static func untyped(_ value: Value) throws(QLError) -> CandidValue {
        let text = try textValue(value)
        do throws(CandidError) {
            return try text.untyped()
        } catch {
            throw QLError(.type, "\(value.literal) is not a Candid value: \(error.message)")
        }
    }
}

extension CandidBridge {
    /// `text` with a plain value where the type expects `opt` wrapped in
    /// `opt`, as StableQL converts a plain value into `option<T>` as `some`.
    static func wrappingOptions(
        _ text: CandidTextValue, as type: CandidType, in environment: CandidTypeEnvironment, depth: Int = 0
    ) -> CandidTextValue {
        guard depth < maximumDepth, let resolved = try? environment.resolve(type) else { return text }
        func wrap(_ inner: CandidTextValue, _ innerType: CandidType) -> CandidTextValue {
            wrappingOptions(inner, as: innerType, in: environment, depth: depth + 1)
        }
        switch (text, resolved) {
        case (.null, .opt), (.annotated, _): return text
        case let (.opt(inner), .opt(innerType)): return .opt(wrap(inner, innerType))
        case let (_, .opt(innerType)): return .opt(wrap(text, innerType))
        case let (.vec(elements), .vec(innerType)): return .vec(elements.map { wrap($0, innerType) })
        case let (.record(fields), .record(types)):
            return .record(fields.map { field in
                guard let declared = types.first(where: { $0.label == field.0 }) else { return field }
                return (field.0, wrap(field.1, declared.type))
            })
        case let (.variant(label, payload), .variant(types)):
            guard let declared = types.first(where: { $0.label == label }) else { return text }
            return .variant(label, wrap(payload, declared.type))
        default: return text
        }
    }
}
