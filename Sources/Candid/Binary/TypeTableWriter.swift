/// A type with named references expanded: the key under which the crate
/// deduplicates type-table entries. `.knot(name)` marks a reference to a type
/// inside its own definition.
indirect enum ExpandedType: Hashable {
    case primitive(Primitive)
    case opt(ExpandedType)
    case vec(ExpandedType)
    case record([ExpandedField])
    case variant([ExpandedField])
    case function([ExpandedType], [ExpandedType], [UInt8])
    case service([ExpandedMethod])
    case knot(String)
}

struct ExpandedField: Hashable {
    var id: UInt32
    var type: ExpandedType
}

struct ExpandedMethod: Hashable {
    var name: String
    var type: ExpandedType
}

/// Builds the type table in the crate's order.
struct TypeTableWriter {
    let environment: CandidTypeEnvironment
    var entries: [[UInt8]] = []
    var indices: [ExpandedType: Int] = [:]
    /// The expansion of each named type that referred to itself (what a knot points to).
    var knotTargets: [String: ExpandedType] = [:]
    private var cache: [String: ExpandedType] = [:]
    private var expanding: [String] = []
    private var size = 0

    init(environment: CandidTypeEnvironment) { self.environment = environment }

    mutating func expand(_ type: CandidType) throws(CandidError) -> ExpandedType {
        size += 1
        if size > 200_000 || expanding.count > 200 { throw CandidError(.limitExceeded, "type too large to encode") }
        if let primitive = primitive(of: type) { return .primitive(primitive) }
        switch type {
        case .named(let name):
            if expanding.contains(name) { return .knot(name) }
            if let cached = cache[name] { return cached }
            guard let definition = environment[name] else { throw CandidError(.invalidType, "unknown type \(name)") }
            expanding.append(name)
            let result = try expand(definition)
            expanding.removeLast()
            cache[name] = result
            if knotTargets[name] == nil { knotTargets[name] = result }
            return result
        case .opt(let inner): return .opt(try expand(inner))
        case .vec(let inner): return .vec(try expand(inner))
        case .record(let fields): return .record(try expandFields(fields, "record"))
        case .variant(let fields): return .variant(try expandFields(fields, "variant"))
        case .function(let function):
            var arguments: [ExpandedType] = []
            for argument in function.arguments { arguments.append(try expand(argument)) }
            var results: [ExpandedType] = []
            for result in function.results { results.append(try expand(result)) }
            return .function(arguments, results, function.modes.map { $0.rawValue })
        case .service(let methods):
            var expanded: [ExpandedMethod] = []
            for method in methods.sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }) {
                if expanded.last?.name == method.name { throw CandidError(.invalidType, "method \(method.name) appears twice") }
                expanded.append(ExpandedMethod(name: method.name, type: try expand(method.type)))
            }
            return .service(expanded)
        default:
            throw CandidError(.invalidType, "internal: unexpected type")
        }
    }

    private mutating func expandFields(_ fields: [CandidFieldType], _ what: String) throws(CandidError) -> [ExpandedField] {
        var expanded: [ExpandedField] = []
        for field in fields.sorted(by: { $0.label.id < $1.label.id }) {
            if expanded.last?.id == field.label.id {
                throw CandidError(.invalidType, "\(what) has two fields with id \(field.label.id)")
            }
            expanded.append(ExpandedField(id: field.label.id, type: try expand(field.type)))
        }
        return expanded
    }

    /// Adds the entry of `type` and of its components (depth first), once per distinct type.
    mutating func build(_ type: ExpandedType) throws(CandidError) {
        switch type {
        case .primitive, .knot: return
        default: break
        }
        if indices[type] != nil { return }
        let index = entries.count
        indices[type] = index
        entries.append([])
        var entry: [UInt8] = []
        switch type {
        case .opt(let inner):
            try build(inner)
            writeSLEB(Int64(CompositeOpcode.opt.rawValue), to: &entry)
            try reference(inner, to: &entry)
        case .vec(let inner):
            try build(inner)
            writeSLEB(Int64(CompositeOpcode.vec.rawValue), to: &entry)
            try reference(inner, to: &entry)
        case .record(let fields), .variant(let fields):
            for field in fields { try build(field.type) }
            let isRecord: Bool
            if case .record = type { isRecord = true } else { isRecord = false }
            writeSLEB(Int64((isRecord ? CompositeOpcode.record : .variant).rawValue), to: &entry)
            writeLEB(UInt64(fields.count), to: &entry)
            for field in fields {
                writeLEB(UInt64(field.id), to: &entry)
                try reference(field.type, to: &entry)
            }
        case .service(let methods):
            for method in methods { try build(method.type) }
            writeSLEB(Int64(CompositeOpcode.service.rawValue), to: &entry)
            writeLEB(UInt64(methods.count), to: &entry)
            for method in methods {
                writeLEB(UInt64(method.name.utf8.count), to: &entry)
                entry += Array(method.name.utf8)
                try reference(method.type, to: &entry)
            }
        case .function(let arguments, let results, let modes):
            for component in arguments + results { try build(component) }
            writeSLEB(Int64(CompositeOpcode.function.rawValue), to: &entry)
            writeLEB(UInt64(arguments.count), to: &entry)
            for argument in arguments { try reference(argument, to: &entry) }
            writeLEB(UInt64(results.count), to: &entry)
            for result in results { try reference(result, to: &entry) }
            writeLEB(UInt64(modes.count), to: &entry)
            entry += modes
        case .primitive, .knot:
            break
        }
        entries[index] = entry
    }

    /// Writes a type reference: a primitive opcode or a table index.
    func reference(_ type: ExpandedType, to output: inout [UInt8]) throws(CandidError) {
        switch type {
        case .primitive(let primitive):
            writeSLEB(Int64(primitive.rawValue), to: &output)
        case .knot(let name):
            guard let target = knotTargets[name], let index = indices[target] else {
                throw CandidError(.invalidType, "recursive type \(name) has no table entry")
            }
            writeSLEB(Int64(index), to: &output)
        default:
            guard let index = indices[type] else { throw CandidError(.invalidType, "internal: type not in the table") }
            writeSLEB(Int64(index), to: &output)
        }
    }

    /// The definition a knot stands for.
    func resolve(_ type: ExpandedType) throws(CandidError) -> ExpandedType {
        if case .knot(let name) = type {
            guard let target = knotTargets[name] else { throw CandidError(.invalidType, "unknown recursive type \(name)") }
            return target
        }
        return type
    }
}
