/// Decodes binary Candid messages (`DIDL` …).
///
/// ```swift
/// let values = try CandidDecoder.decode(bytes, as: [.named("User")], in: environment)
/// let any = try CandidDecoder.decode(bytes)   // each value at its own wire type
/// ```
///
/// Decoding against expected types applies Candid's subtyping: record fields
/// missing on the wire decode as `null` when their type is `opt`, `null` or
/// `reserved`; extra fields and extra arguments are skipped (and checked);
/// an `opt` whose content does not fit becomes `null`; `nat` widens to `int`.
public enum CandidDecoder {
    /// Decodes a message against the expected argument types.
    public static func decode(
        _ bytes: [UInt8], as types: [CandidType], in environment: CandidTypeEnvironment = CandidTypeEnvironment(),
        limits: DecodingLimits = .standard
    ) throws(CandidError) -> [CandidValue] {
        var builder = TypeGraphBuilder(environment: environment)
        var expected: [TypeRef] = []
        for type in types { expected.append(try builder.reference(type)) }
        var reader = ByteReader(bytes)
        let header = try WireHeader.read(&reader)
        var decoder = ValueDecoder(reader: reader, wire: header.table, expected: builder.graph, limits: limits)
        return try decoder.decodeArguments(header.arguments, as: expected)
    }

    /// Decodes a message without expected types: each value at its own wire
    /// type (labels are numbers; use ``decodeMessage(_:limits:)`` for the types).
    public static func decode(_ bytes: [UInt8], limits: DecodingLimits = .standard) throws(CandidError) -> [CandidValue] {
        try decodeMessage(bytes, limits: limits).values
    }

    /// Decodes a message without expected types, returning the values and their wire types.
    ///
    /// The wire types are named `T0`, `T1`, … after their table index in the returned environment.
    public static func decodeMessage(
        _ bytes: [UInt8], limits: DecodingLimits = .standard
    ) throws(CandidError) -> (values: [CandidValue], types: [CandidType], environment: CandidTypeEnvironment) {
        var reader = ByteReader(bytes)
        let header = try WireHeader.read(&reader)
        var decoder = ValueDecoder(reader: reader, wire: header.table, expected: header.table, limits: limits)
        let values = try decoder.decodeArguments(header.arguments, as: header.arguments)
        let (types, environment) = header.table.candidTypes(header.arguments)
        return (values, types, environment)
    }
}

/// The decoding state for one message.
struct ValueDecoder {
    var reader: ByteReader
    let wire: TypeGraph
    let expected: TypeGraph
    let maxDepth: Int
    var budget: Int
    var depth = 0
    /// Results of subtype checks of references, by (wire, expected) pair.
    var subtypeResults: [SubtypePair: Bool] = [:]

    struct SubtypePair: Hashable {
        var wire: TypeRef
        var expected: TypeRef
    }

    init(reader: ByteReader, wire: TypeGraph, expected: TypeGraph, limits: DecodingLimits) {
        self.reader = reader
        self.wire = wire
        self.expected = expected
        maxDepth = limits.maxDepth
        let (scaled, overflow) = reader.bytes.count.multipliedReportingOverflow(by: limits.costPerByte)
        budget = overflow ? Int.max : limits.baseCost.addingReportingOverflow(scaled).partialValue
    }

    /// Whether a reference of the wire type fits the expected type (each pair checked once, with its own assumptions).
    mutating func isSubtype(_ wireType: TypeRef, _ expectedType: TypeRef) throws(CandidError) -> Bool {
        let pair = SubtypePair(wire: wireType, expected: expectedType)
        if let known = subtypeResults[pair] { return known }
        var checker = SubtypeChecker(wire: wire, expected: expected)
        let result = try checker.isSubtype(wireType, expectedType)
        subtypeResults[pair] = result
        return result
    }

    mutating func charge(_ cost: Int) throws(CandidError) {
        guard cost <= budget else { throw CandidError(.limitExceeded, "decoding cost limit exceeded") }
        budget -= cost
    }

    mutating func enter() throws(CandidError) {
        depth += 1
        if depth > maxDepth { throw CandidError(.limitExceeded, "values nested deeper than \(maxDepth)") }
    }

    mutating func decodeArguments(_ wireTypes: [TypeRef], as expectedTypes: [TypeRef]) throws(CandidError) -> [CandidValue] {
        try charge(wireTypes.count + wire.nodes.count)
        var values: [CandidValue] = []
        for (index, type) in expectedTypes.enumerated() {
            if index < wireTypes.count {
                values.append(try decode(wireTypes[index], as: type))
            } else if let value = expected.absentValue(type) {
                values.append(value)
            } else {
                throw CandidError(.typeMismatch, "argument \(index) is missing")
            }
        }
        for type in wireTypes.dropFirst(expectedTypes.count) { try skip(type) }
        guard reader.isAtEnd else { throw CandidError(.malformed, "\(reader.remaining) bytes left after the last value") }
        return values
    }

    private func mismatch(_ wireType: TypeRef, _ expectedType: TypeRef) -> CandidError {
        CandidError(.typeMismatch, "a value of type \(wire.describe(wireType)) cannot be read as \(expected.describe(expectedType))")
    }

    mutating func decode(_ wireType: TypeRef, as expectedType: TypeRef) throws(CandidError) -> CandidValue {
        try charge(1)
        try enter()
        defer { depth -= 1 }
        if case .primitive(.reserved) = expectedType {
            try skip(wireType)
            return .reserved
        }
        if case .primitive(.empty) = wireType { throw CandidError(.malformed, "no value has type empty") }
        switch expectedType {
        case .primitive(let primitive):
            return try decodePrimitive(wireType, as: primitive)
        case .node(let index):
            switch expected[index] {
            case .opt(let inner): return try decodeOption(wireType, as: inner)
            case .vec(let inner):
                guard case .vec(let wireInner)? = wire.node(wireType) else { throw mismatch(wireType, expectedType) }
                return try decodeVector(wireInner, as: inner)
            case .record(let fields):
                guard case .record(let wireFields)? = wire.node(wireType) else { throw mismatch(wireType, expectedType) }
                return try decodeRecord(wireFields, as: fields)
            case .variant(let fields):
                guard case .variant(let wireFields)? = wire.node(wireType) else { throw mismatch(wireType, expectedType) }
                let tag = try reader.length(limit: wireFields.count - 1, what: "variant index")
                let wireField = wireFields[tag]
                guard let field = fields.field(withId: wireField.id) else {
                    throw CandidError(.typeMismatch, "variant tag \(wireField.id) is not in the expected type")
                }
                return .variant(CandidFieldValue(field.label, try decode(wireField.type, as: field.type)))
            case .function:
                guard case .function? = wire.node(wireType), try isSubtype(wireType, expectedType) else {
                    throw mismatch(wireType, expectedType)
                }
                try referenceTag()
                let principal = try readPrincipal()
                let method = try readText()
                return .function(principal, method)
            case .service:
                guard case .service? = wire.node(wireType), try isSubtype(wireType, expectedType) else {
                    throw mismatch(wireType, expectedType)
                }
                try referenceTag()
                return .service(try readPrincipalBytes())
            case .future:
                throw mismatch(wireType, expectedType)
            }
        }
    }

    private mutating func decodePrimitive(_ wireType: TypeRef, as primitive: Primitive) throws(CandidError) -> CandidValue {
        if primitive == .principal, case .service? = wire.node(wireType) {
            try referenceTag()
            return .principal(try readPrincipalBytes())
        }
        guard case .primitive(let wirePrimitive) = wireType,
              wirePrimitive == primitive || (wirePrimitive == .nat && primitive == .int) else {
            throw mismatch(wireType, .primitive(primitive))
        }
        switch primitive {
        case .null: return .null
        case .bool:
            switch try reader.byte() {
            case 0: return .bool(false)
            case 1: return .bool(true)
            case let other: throw CandidError(.malformed, "bool byte \(other) is neither 0 nor 1")
            }
        case .nat: return .nat(try reader.natural())
        case .int: return wirePrimitive == .nat ? .int(CandidInt(try reader.natural())) : .int(try reader.integer())
        case .nat8: return .nat8(UInt8(try reader.littleEndian(1)))
        case .nat16: return .nat16(UInt16(try reader.littleEndian(2)))
        case .nat32: return .nat32(UInt32(try reader.littleEndian(4)))
        case .nat64: return .nat64(try reader.littleEndian(8))
        case .int8: return .int8(Int8(truncatingIfNeeded: try reader.littleEndian(1)))
        case .int16: return .int16(Int16(truncatingIfNeeded: try reader.littleEndian(2)))
        case .int32: return .int32(Int32(truncatingIfNeeded: try reader.littleEndian(4)))
        case .int64: return .int64(Int64(bitPattern: try reader.littleEndian(8)))
        case .float32: return .float32(Float(bitPattern: UInt32(try reader.littleEndian(4))))
        case .float64: return .float64(Double(bitPattern: try reader.littleEndian(8)))
        case .text: return .text(try readText())
        case .principal:
            try referenceTag()
            return .principal(try readPrincipalBytes())
        case .reserved: return .reserved
        case .empty: throw CandidError(.typeMismatch, "no value has type empty")
        }
    }

    private mutating func decodeOption(_ wireType: TypeRef, as inner: TypeRef) throws(CandidError) -> CandidValue {
        switch wireType {
        case .primitive(.null), .primitive(.reserved):
            return .opt(nil)
        case .node(let index):
            if case .opt(let wireInner) = wire[index] {
                switch try reader.byte() {
                case 0: return .opt(nil)
                case 1: return try decodeOrNull(wireInner, as: inner)
                case let other: throw CandidError(.malformed, "opt tag \(other) is neither 0 nor 1")
                }
            }
            return try decodeOrNull(wireType, as: inner)
        default:
            return try decodeOrNull(wireType, as: inner)
        }
    }

    /// Decodes `some(value)`; if the value's type does not fit, skips it and yields `null`.
    private mutating func decodeOrNull(_ wireType: TypeRef, as inner: TypeRef) throws(CandidError) -> CandidValue {
        let start = reader.position
        let savedDepth = depth
        do {
            return .opt(try decode(wireType, as: inner))
        } catch where error.kind == .typeMismatch {
            reader.position = start
            depth = savedDepth
            try charge(10)
            try skip(wireType)
            return .opt(nil)
        }
    }

    private mutating func decodeVector(_ wireInner: TypeRef, as inner: TypeRef) throws(CandidError) -> CandidValue {
        let count = try vectorLength(wireInner)
        if case .primitive(.nat8) = inner, case .primitive(.nat8) = wireInner {
            return .blob(Array(try reader.take(count)))
        }
        var values: [CandidValue] = []
        for _ in 0..<count { values.append(try decode(wireInner, as: inner)) }
        if case .primitive(.nat8) = inner {
            // Another element type that fits nat8 (an empty vector, or reserved): still a blob.
            return .blob(values.map { if case .nat8(let byte) = $0 { byte } else { 0 } })
        }
        return .vec(values)
    }

    /// Reads a vector length, charging it to the budget and checking the bytes left can hold it.
    private mutating func vectorLength(_ element: TypeRef) throws(CandidError) -> Int {
        let count = try reader.length(limit: Int.max, what: "vector length")
        try charge(count)
        if wire.minimumSize(element) > 0 && count > reader.remaining {
            throw CandidError(.malformed, "vector length \(count) is larger than the message allows")
        }
        return count
    }

    private mutating func decodeRecord(_ wireFields: [GraphField], as fields: [GraphField]) throws(CandidError) -> CandidValue {
        var decoded: [UInt32: CandidValue] = [:]
        for wireField in wireFields {
            try charge(1)
            if let field = fields.field(withId: wireField.id) {
                decoded[wireField.id] = try decode(wireField.type, as: field.type)
            } else {
                try skip(wireField.type)
            }
        }
        var values: [CandidFieldValue] = []
        for field in fields {
            if let value = decoded[field.id] {
                values.append(CandidFieldValue(field.label, value))
            } else if let value = expected.absentValue(field.type) {
                values.append(CandidFieldValue(field.label, value))
            } else {
                throw CandidError(.typeMismatch, "record field \(field.label) is missing")
            }
        }
        return .record(values)
    }

    private mutating func referenceTag() throws(CandidError) {
        let tag = try reader.byte()
        guard tag == 1 else {
            throw CandidError(.malformed, tag == 0 ? "opaque references are not supported" : "reference tag \(tag) is neither 0 nor 1")
        }
    }

    private mutating func readPrincipal() throws(CandidError) -> CandidPrincipal {
        try referenceTag()
        return try readPrincipalBytes()
    }

    private mutating func readPrincipalBytes() throws(CandidError) -> CandidPrincipal {
        let count = try reader.length(limit: reader.remaining, what: "principal length")
        guard count <= 29 else { throw CandidError(.malformed, "principal of \(count) bytes (at most 29)") }
        return CandidPrincipal(bytes: Array(try reader.take(count)))
    }

    private mutating func readText() throws(CandidError) -> String {
        let count = try reader.length(limit: reader.remaining, what: "text length")
        guard let text = String(validating: try reader.take(count), as: UTF8.self) else {
            throw CandidError(.malformed, "text is not valid UTF-8")
        }
        return text
    }

    /// Skips (and checks) a value of a wire type.
    mutating func skip(_ wireType: TypeRef) throws(CandidError) {
        try charge(1)
        try enter()
        defer { depth -= 1 }
        switch wireType {
        case .primitive(let primitive):
            if let size = primitive.fixedSize {
                if primitive == .bool {
                    guard try reader.byte() <= 1 else { throw CandidError(.malformed, "bool byte is neither 0 nor 1") }
                } else {
                    try reader.skip(size)
                }
                return
            }
            switch primitive {
            case .nat, .int: try reader.skipLEB()
            case .text: _ = try readText()
            case .principal: _ = try readPrincipal()
            case .empty: throw CandidError(.malformed, "no value has type empty")
            default: break
            }
        case .node(let index):
            switch wire[index] {
            case .opt(let inner):
                switch try reader.byte() {
                case 0: return
                case 1: try skip(inner)
                case let other: throw CandidError(.malformed, "opt tag \(other) is neither 0 nor 1")
                }
            case .vec(let inner):
                let count = try vectorLength(inner)
                if case .primitive(let primitive) = inner, let size = primitive.fixedSize, primitive != .bool {
                    try reader.skip(count * size)
                } else {
                    for _ in 0..<count { try skip(inner) }
                }
            case .record(let fields):
                for field in fields { try skip(field.type) }
            case .variant(let fields):
                let tag = try reader.length(limit: fields.count - 1, what: "variant index")
                try skip(fields[tag].type)
            case .function:
                try referenceTag()
                _ = try readPrincipal()
                _ = try readText()
            case .service:
                _ = try readPrincipal()
            case .future:
                let count = try reader.length(limit: reader.remaining, what: "future value length")
                _ = try reader.length(limit: reader.remaining, what: "future reference count")
                try reader.skip(count)
            }
        }
    }
}

extension TypeGraph {
    /// The value of an absent field or argument of this type: `null` for `null` and `opt`, `reserved` for `reserved`.
    func absentValue(_ type: TypeRef) -> CandidValue? {
        switch type {
        case .primitive(.null): return .null
        case .primitive(.reserved): return .reserved
        case .primitive: return nil
        case .node(let index):
            if case .opt = nodes[index] { return .opt(nil) }
            return nil
        }
    }

    /// A lower bound of the wire size of a value (0 for `null`, `reserved`, records of such).
    func minimumSize(_ type: TypeRef) -> Int {
        switch type {
        case .primitive(let primitive): return primitive.fixedSize ?? 1
        case .node(let index):
            switch nodes[index] {
            case .record, .future: return 0
            default: return 1
            }
        }
    }
}
