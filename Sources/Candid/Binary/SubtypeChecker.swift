/// Candid's subtype relation between a type of one graph (the wire) and a
/// type of another (the expected types), checked coinductively so recursive
/// types terminate. Used for function and service references, whose values
/// carry no data to check against.
struct SubtypeChecker {
    let wire: TypeGraph
    let expected: TypeGraph
    private var assumed: Set<Pair> = []
    private var steps = 0

    private struct Pair: Hashable {
        var sub: TypeRef
        var sup: TypeRef
        /// Whether `sub` is in the expected graph and `sup` in the wire graph (function arguments).
        var flipped: Bool
    }

    init(wire: TypeGraph, expected: TypeGraph) {
        self.wire = wire
        self.expected = expected
    }

    /// Whether `sub` (in the wire graph) is a subtype of `sup` (in the expected graph).
    mutating func isSubtype(_ sub: TypeRef, _ sup: TypeRef, flipped: Bool = false, depth: Int = 0) throws(CandidError) -> Bool {
        let subGraph = flipped ? expected : wire
        let supGraph = flipped ? wire : expected
        steps += 1
        if steps > 100_000 || depth > 256 { throw CandidError(.limitExceeded, "subtype check too costly") }
        if case .primitive(.reserved) = sup { return true }
        if case .primitive(.empty) = sub { return true }
        let pair = Pair(sub: sub, sup: sup, flipped: flipped)
        if assumed.contains(pair) { return true }
        if case .node = sub, case .node = sup { assumed.insert(pair) }
        let subNode = subGraph.node(sub)
        let supNode = supGraph.node(sup)
        switch (sub, supNode) {
        case (_, .opt(let supInner)?):
            // Every type is a subtype of an opt type (the decoder yields null where it does not fit).
            _ = supInner
            return true
        case (.primitive(let a), nil):
            guard case .primitive(let b) = sup else { return false }
            return a == b || (a == .nat && b == .int)
        case (.node, nil):
            // A service reference is also a principal.
            if case .service = subNode, case .primitive(.principal) = sup { return true }
            return false
        case (.primitive, _?):
            return false
        case (.node, let supNode?):
            return try compare(subNode!, supNode, supGraph: supGraph, flipped: flipped, depth: depth + 1)
        }
    }

    private mutating func compare(_ sub: TypeNode, _ sup: TypeNode, supGraph: TypeGraph, flipped: Bool, depth: Int) throws(CandidError) -> Bool {
        switch (sub, sup) {
        case (.vec(let a), .vec(let b)):
            return try isSubtype(a, b, flipped: flipped, depth: depth)
        case (.record(let subFields), .record(let supFields)):
            for field in supFields {
                if let match = subFields.field(withId: field.id) {
                    if !(try isSubtype(match.type, field.type, flipped: flipped, depth: depth)) { return false }
                } else if !supGraph.acceptsMissing(field.type) {
                    return false
                }
            }
            return true
        case (.variant(let subFields), .variant(let supFields)):
            for field in subFields {
                guard let match = supFields.field(withId: field.id) else { return false }
                if !(try isSubtype(field.type, match.type, flipped: flipped, depth: depth)) { return false }
            }
            return true
        case (.service(let subMethods), .service(let supMethods)):
            for method in supMethods {
                guard let match = subMethods.first(where: { $0.name == method.name }) else { return false }
                if !(try isSubtype(match.type, method.type, flipped: flipped, depth: depth)) { return false }
            }
            return true
        case (.function(let subArguments, let subResults, let subModes), .function(let supArguments, let supResults, let supModes)):
            guard subModes == supModes else { return false }
            // Arguments are contravariant, results covariant; both compared as tuple records.
            let argumentsFit = try tuple(supArguments, subArguments, supGraph: flipped ? expected : wire, flipped: !flipped, depth: depth)
            if !argumentsFit { return false }
            return try tuple(subResults, supResults, supGraph: supGraph, flipped: flipped, depth: depth)
        default:
            return false
        }
    }

    /// Tuple subtyping: each position of `sup` is in `sub` and fits, or may be absent.
    private mutating func tuple(_ sub: [TypeRef], _ sup: [TypeRef], supGraph: TypeGraph, flipped: Bool, depth: Int) throws(CandidError) -> Bool {
        for (index, type) in sup.enumerated() {
            if index < sub.count {
                if !(try isSubtype(sub[index], type, flipped: flipped, depth: depth)) { return false }
            } else if !supGraph.acceptsMissing(type) {
                return false
            }
        }
        return true
    }
}

extension TypeGraph {
    /// Whether a record field of this type may be absent: `null`, `opt …` or `reserved`.
    func acceptsMissing(_ type: TypeRef) -> Bool {
        switch type {
        case .primitive(.null), .primitive(.reserved): return true
        case .primitive: return false
        case .node(let index):
            if case .opt = nodes[index] { return true }
            return false
        }
    }
}
