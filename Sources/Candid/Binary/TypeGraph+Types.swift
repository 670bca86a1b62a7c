extension TypeGraph {
    /// A short description of a type for error messages.
    func describe(_ type: TypeRef) -> String {
        switch type {
        case .primitive(let primitive): return CandidTypePrinter.keyword(primitive)
        case .node(let index):
            switch nodes[index] {
            case .opt: return "opt"
            case .vec: return "vec"
            case .record: return "record"
            case .variant: return "variant"
            case .function: return "func"
            case .service: return "service"
            case .future: return "a future type"
            }
        }
    }

    /// The graph as ``CandidType``s: node `i` becomes the definition `T<i>`.
    func candidTypes(_ references: [TypeRef]) -> ([CandidType], CandidTypeEnvironment) {
        func type(_ ref: TypeRef) -> CandidType {
            switch ref {
            case .primitive(let primitive): return primitive.candidType
            case .node(let index): return .named("T\(index)")
            }
        }
        var environment = CandidTypeEnvironment()
        for (index, node) in nodes.enumerated() {
            let definition: CandidType
            switch node {
            case .opt(let inner): definition = .opt(type(inner))
            case .vec(let inner): definition = .vec(type(inner))
            case .record(let fields): definition = .record(fields.map { CandidFieldType($0.label, type($0.type)) })
            case .variant(let fields): definition = .variant(fields.map { CandidFieldType($0.label, type($0.type)) })
            case .function(let arguments, let results, let modes):
                definition = .function(CandidFunctionType(
                    arguments: arguments.map(type), results: results.map(type),
                    modes: modes.compactMap(CandidFunctionMode.init(rawValue:))))
            case .service(let methods): definition = .service(methods.map { CandidMethod(name: $0.name, type: type($0.type)) })
            case .future: definition = .reserved
            }
            try? environment.define("T\(index)", definition)
        }
        return (references.map(type), environment)
    }
}
