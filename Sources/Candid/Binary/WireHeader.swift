/// The header of a message: `DIDL`, the type table and the argument types.
struct WireHeader {
    var table = TypeGraph()
    var arguments: [TypeRef] = []

    /// Reads and validates the header, leaving `reader` at the first value.
    static func read(_ reader: inout ByteReader) throws(CandidError) -> WireHeader {
        guard reader.remaining >= 4, Array(try reader.take(4)) == Array("DIDL".utf8) else {
            throw CandidError(.malformed, "not a Candid message (no DIDL magic bytes)")
        }
        var header = WireHeader()
        // Each entry takes at least two bytes.
        let count = try reader.length(limit: reader.remaining / 2, what: "type table length")
        for _ in 0..<count {
            header.table.nodes.append(try readEntry(&reader, tableSize: count))
        }
        let argumentCount = try reader.length(limit: reader.remaining, what: "argument count")
        for _ in 0..<argumentCount {
            header.arguments.append(try readReference(&reader, tableSize: count))
        }
        try header.validate()
        return header
    }

    private static func readReference(_ reader: inout ByteReader, tableSize: Int) throws(CandidError) -> TypeRef {
        let code = try reader.sleb128()
        if code >= 0 {
            guard code < Int64(tableSize) else { throw CandidError(.malformed, "type index \(code) out of range") }
            return .node(Int(code))
        }
        guard let primitive = Primitive(rawValue: Int(code)) else {
            throw CandidError(.malformed, "type opcode \(code) is not a primitive type or a table index")
        }
        return .primitive(primitive)
    }

    private static func readFields(_ reader: inout ByteReader, tableSize: Int, what: String) throws(CandidError) -> [GraphField] {
        let count = try reader.length(limit: reader.remaining / 2, what: "\(what) field count")
        var fields: [GraphField] = []
        for _ in 0..<count {
            let id = try reader.leb128()
            guard id <= UInt64(UInt32.max) else { throw CandidError(.malformed, "\(what) field id \(id) too large") }
            if let last = fields.last, UInt64(last.id) >= id {
                throw CandidError(.malformed, "\(what) field ids not strictly increasing")
            }
            fields.append(GraphField(id: UInt32(id), name: nil, type: try readReference(&reader, tableSize: tableSize)))
        }
        return fields
    }

    private static func readEntry(_ reader: inout ByteReader, tableSize: Int) throws(CandidError) -> TypeNode {
        let code = try reader.sleb128()
        if code < -24 {
            let length = try reader.length(limit: reader.remaining, what: "future type length")
            try reader.skip(length)
            return .future
        }
        guard let opcode = CompositeOpcode(rawValue: Int(code)) else {
            throw CandidError(.malformed, "type table entry with opcode \(code) is not a composite type")
        }
        switch opcode {
        case .opt: return .opt(try readReference(&reader, tableSize: tableSize))
        case .vec: return .vec(try readReference(&reader, tableSize: tableSize))
        case .record: return .record(try readFields(&reader, tableSize: tableSize, what: "record"))
        case .variant: return .variant(try readFields(&reader, tableSize: tableSize, what: "variant"))
        case .function:
            var arguments: [TypeRef] = []
            for _ in 0..<(try reader.length(limit: reader.remaining, what: "function argument count")) {
                arguments.append(try readReference(&reader, tableSize: tableSize))
            }
            var results: [TypeRef] = []
            for _ in 0..<(try reader.length(limit: reader.remaining, what: "function result count")) {
                results.append(try readReference(&reader, tableSize: tableSize))
            }
            var modes: [UInt8] = []
            for _ in 0..<(try reader.length(limit: reader.remaining, what: "function mode count")) {
                let mode = try reader.byte()
                guard (1...3).contains(mode) else { throw CandidError(.malformed, "unknown function annotation \(mode)") }
                modes.append(mode)
            }
            return .function(arguments: arguments, results: results, modes: modes)
        case .service:
            let count = try reader.length(limit: reader.remaining / 2, what: "service method count")
            var methods: [(name: String, type: TypeRef)] = []
            for _ in 0..<count {
                let length = try reader.length(limit: reader.remaining, what: "method name length")
                let nameBytes = Array(try reader.take(length))
                guard let name = String(validating: nameBytes, as: UTF8.self) else {
                    throw CandidError(.malformed, "method name is not UTF-8")
                }
                if let last = methods.last, !Array(last.name.utf8).lexicographicallyPrecedes(nameBytes) {
                    throw CandidError(.malformed, "service methods not sorted or duplicated")
                }
                methods.append((name, try readReference(&reader, tableSize: tableSize)))
            }
            return .service(methods)
        }
    }

    /// Service methods must have function types.
    private func validate() throws(CandidError) {
        for node in table.nodes {
            guard case .service(let methods) = node else { continue }
            for method in methods {
                guard case .node(let index) = method.type, case .function = table[index] else {
                    throw CandidError(.malformed, "service method \(method.name) does not have a function type")
                }
            }
        }
    }
}
