/// Writes values after the header, checking each against its type.
struct ValueWriter {
    let table: TypeTableWriter
    var output: [UInt8]

    private func mismatch(_ value: CandidValue, _ expected: String) -> CandidError {
        CandidError(.invalidValue, "\(CandidTextPrinter.text(value)) is not a value of type \(expected)")
    }

    mutating func write(_ value: CandidValue, _ declared: ExpandedType, depth: Int) throws(CandidError) {
        if depth > 2048 { throw CandidError(.limitExceeded, "value nested too deeply to encode") }
        let type = try table.resolve(declared)
        switch type {
        case .primitive(let primitive): try writePrimitive(value, primitive)
        case .opt(let inner):
            guard case .opt(let content) = value else { throw mismatch(value, "opt") }
            if let content {
                output.append(1)
                try write(content, inner, depth: depth + 1)
            } else {
                output.append(0)
            }
        case .vec(let inner):
            switch value {
            case .blob(let bytes):
                guard case .primitive(.nat8) = inner else { throw mismatch(value, "vec (not blob)") }
                writeLEB(UInt64(bytes.count), to: &output)
                output += bytes
            case .vec(let elements):
                writeLEB(UInt64(elements.count), to: &output)
                for element in elements { try write(element, inner, depth: depth + 1) }
            default: throw mismatch(value, "vec")
            }
        case .record(let fields):
            guard case .record(let values) = value else { throw mismatch(value, "record") }
            for given in values where !fields.contains(where: { $0.id == given.label.id }) {
                throw CandidError(.invalidValue, "record field \(given.label) is not in the type")
            }
            for field in fields {
                if let given = values.first(where: { $0.label.id == field.id }) {
                    try write(given.value, field.type, depth: depth + 1)
                } else {
                    switch try table.resolve(field.type) {
                    case .opt: output.append(0)
                    case .primitive(.null), .primitive(.reserved): break
                    default: throw CandidError(.invalidValue, "record field \(field.id) is missing")
                    }
                }
            }
        case .variant(let fields):
            guard case .variant(let given) = value else { throw mismatch(value, "variant") }
            guard let index = fields.firstIndex(where: { $0.id == given.label.id }) else {
                throw CandidError(.invalidValue, "variant tag \(given.label) is not in the type")
            }
            writeLEB(UInt64(index), to: &output)
            try write(given.value, fields[index].type, depth: depth + 1)
        case .function:
            guard case .function(let principal, let method) = value else { throw mismatch(value, "func") }
            output.append(1)
            writePrincipal(principal)
            writeText(method)
        case .service:
            guard case .service(let principal) = value else { throw mismatch(value, "service") }
            writePrincipal(principal)
        case .knot:
            throw CandidError(.invalidType, "internal: unresolved recursive type")
        }
    }

    private mutating func writePrincipal(_ principal: CandidPrincipal) {
        output.append(1)
        writeLEB(UInt64(principal.bytes.count), to: &output)
        output += principal.bytes
    }

    private mutating func writeText(_ text: String) {
        writeLEB(UInt64(text.utf8.count), to: &output)
        output += Array(text.utf8)
    }

    private mutating func littleEndian(_ value: UInt64, _ size: Int) {
        for index in 0..<size { output.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * index))) }
    }

    private mutating func writePrimitive(_ value: CandidValue, _ primitive: Primitive) throws(CandidError) {
        let name = CandidTypePrinter.keyword(primitive)
        switch (primitive, value) {
        case (.reserved, _): return
        case (.null, .null): return
        case (.bool, .bool(let flag)): output.append(flag ? 1 : 0)
        case (.nat, .nat(let number)): writeNatural(number, to: &output)
        case (.nat, .int(let number)) where !number.isNegative: writeNatural(number.magnitude, to: &output)
        case (.int, .int(let number)): writeInteger(number, to: &output)
        case (.int, .nat(let number)): writeInteger(CandidInt(number), to: &output)
        case (.nat8, .nat8(let number)): littleEndian(UInt64(number), 1)
        case (.nat16, .nat16(let number)): littleEndian(UInt64(number), 2)
        case (.nat32, .nat32(let number)): littleEndian(UInt64(number), 4)
        case (.nat64, .nat64(let number)): littleEndian(number, 8)
        case (.int8, .int8(let number)): littleEndian(UInt64(UInt8(bitPattern: number)), 1)
        case (.int16, .int16(let number)): littleEndian(UInt64(UInt16(bitPattern: number)), 2)
        case (.int32, .int32(let number)): littleEndian(UInt64(UInt32(bitPattern: number)), 4)
        case (.int64, .int64(let number)): littleEndian(UInt64(bitPattern: number), 8)
        case (.float32, .float32(let number)): littleEndian(UInt64(number.bitPattern), 4)
        case (.float64, .float64(let number)): littleEndian(number.bitPattern, 8)
        case (.text, .text(let text)): writeText(text)
        case (.principal, .principal(let principal)): writePrincipal(principal)
        default: throw mismatch(value, name)
        }
    }
}
