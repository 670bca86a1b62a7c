/// The primitive types with their wire opcodes (negative SLEB128 values).
enum Primitive: Int, Hashable, Sendable {
    case null = -1, bool = -2, nat = -3, int = -4, nat8 = -5, nat16 = -6, nat32 = -7, nat64 = -8
    case int8 = -9, int16 = -10, int32 = -11, int64 = -12, float32 = -13, float64 = -14
    case text = -15, reserved = -16, empty = -17, principal = -24

    /// The number of bytes of a fixed-size value, or `nil` when variable.
    var fixedSize: Int? {
        switch self {
        case .null, .reserved: return 0
        case .bool, .nat8, .int8: return 1
        case .nat16, .int16: return 2
        case .nat32, .int32, .float32: return 4
        case .nat64, .int64, .float64: return 8
        default: return nil
        }
    }
}

/// Composite-type opcodes.
enum CompositeOpcode: Int {
    case opt = -18, vec = -19, record = -20, variant = -21, function = -22, service = -23
}

/// A type in a ``TypeGraph``: a primitive or the index of a node.
enum TypeRef: Hashable, Sendable {
    case primitive(Primitive)
    case node(Int)
}

/// A field of a record or variant node.
struct GraphField: Sendable {
    var id: UInt32
    var name: String?
    var type: TypeRef

    var label: CandidLabel { name.map { .name($0) } ?? .id(id) }
}

extension Array where Element == GraphField {
    /// The field with this id, by binary search (fields are sorted by id).
    func field(withId id: UInt32) -> GraphField? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low].id == id ? self[low] : nil
    }
}

/// A composite type in a graph; recursion is a cycle of node references.
enum TypeNode: Sendable {
    case opt(TypeRef)
    case vec(TypeRef)
    case record([GraphField])
    case variant([GraphField])
    case function(arguments: [TypeRef], results: [TypeRef], modes: [UInt8])
    case service([(name: String, type: TypeRef)])
    /// A type of a later Candid version (opcode below -24): only skippable.
    case future
}

/// Types as a graph: the wire type table of a message, or expected types compiled from ``CandidType``s.
struct TypeGraph: Sendable {
    var nodes: [TypeNode] = []

    subscript(index: Int) -> TypeNode { nodes[index] }

    /// The node a reference points to, or `nil` for a primitive.
    func node(_ ref: TypeRef) -> TypeNode? {
        if case .node(let index) = ref { return nodes[index] }
        return nil
    }
}

/// Compiles ``CandidType``s, with their environment, into a ``TypeGraph``.
struct TypeGraphBuilder {
    let environment: CandidTypeEnvironment
    var graph = TypeGraph()
    private var named: [String: TypeRef] = [:]

    init(environment: CandidTypeEnvironment) { self.environment = environment }

    mutating func reference(_ type: CandidType, depth: Int = 0) throws(CandidError) -> TypeRef {
        if depth > 200 { throw CandidError(.limitExceeded, "type nested too deeply") }
        if let primitive = primitive(of: type) { return .primitive(primitive) }
        if case .named(let name) = type {
            if let known = named[name] { return known }
            let resolved = try environment.resolve(type)
            if let primitive = primitive(of: resolved) {
                named[name] = .primitive(primitive)
                return .primitive(primitive)
            }
            let index = graph.nodes.count
            graph.nodes.append(.future)
            named[name] = .node(index)
            graph.nodes[index] = try node(resolved, depth: depth + 1)
            return .node(index)
        }
        let index = graph.nodes.count
        graph.nodes.append(.future)
        graph.nodes[index] = try node(type, depth: depth + 1)
        return .node(index)
    }

    private mutating func node(_ type: CandidType, depth: Int) throws(CandidError) -> TypeNode {
        switch type {
        case .opt(let inner): return .opt(try reference(inner, depth: depth))
        case .vec(let inner): return .vec(try reference(inner, depth: depth))
        case .record(let fields): return .record(try compile(fields, depth: depth, what: "record"))
        case .variant(let fields): return .variant(try compile(fields, depth: depth, what: "variant"))
        case .function(let function):
            var arguments: [TypeRef] = []
            for argument in function.arguments { arguments.append(try reference(argument, depth: depth)) }
            var results: [TypeRef] = []
            for result in function.results { results.append(try reference(result, depth: depth)) }
            return .function(arguments: arguments, results: results, modes: function.modes.map { $0.rawValue })
        case .service(let methods):
            var compiled: [(name: String, type: TypeRef)] = []
            for method in methods.sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }) {
                if compiled.last?.name == method.name {
                    throw CandidError(.invalidType, "method \(method.name) appears twice in a service")
                }
                guard case .function = try environment.resolve(method.type) else {
                    throw CandidError(.invalidType, "method \(method.name) does not have a function type")
                }
                compiled.append((method.name, try reference(method.type, depth: depth)))
            }
            return .service(compiled)
        default:
            throw CandidError(.invalidType, "internal: not a composite type")
        }
    }

    private mutating func compile(_ fields: [CandidFieldType], depth: Int, what: String) throws(CandidError) -> [GraphField] {
        var compiled: [GraphField] = []
        for field in fields.sorted(by: { $0.label.id < $1.label.id }) {
            if let last = compiled.last, last.id == field.label.id {
                throw CandidError(.invalidType, "\(what) has two fields with id \(last.id) (\(field.label))")
            }
            compiled.append(GraphField(id: field.label.id, name: field.label.name, type: try reference(field.type, depth: depth)))
        }
        return compiled
    }
}

func primitive(of type: CandidType) -> Primitive? {
    switch type {
    case .null: return .null
    case .bool: return .bool
    case .nat: return .nat
    case .int: return .int
    case .nat8: return .nat8
    case .nat16: return .nat16
    case .nat32: return .nat32
    case .nat64: return .nat64
    case .int8: return .int8
    case .int16: return .int16
    case .int32: return .int32
    case .int64: return .int64
    case .float32: return .float32
    case .float64: return .float64
    case .text: return .text
    case .reserved: return .reserved
    case .empty: return .empty
    case .principal: return .principal
    default: return nil
    }
}

extension Primitive {
    /// The ``CandidType`` of this primitive.
    var candidType: CandidType {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .nat: return .nat
        case .int: return .int
        case .nat8: return .nat8
        case .nat16: return .nat16
        case .nat32: return .nat32
        case .nat64: return .nat64
        case .int8: return .int8
        case .int16: return .int16
        case .int32: return .int32
        case .int64: return .int64
        case .float32: return .float32
        case .float64: return .float64
        case .text: return .text
        case .reserved: return .reserved
        case .empty: return .empty
        case .principal: return .principal
        }
    }
}
