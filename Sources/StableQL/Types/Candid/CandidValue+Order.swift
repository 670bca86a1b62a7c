import Candid

extension CandidValue {
    /// The value with record fields in the order `type` declares them (the
    /// wire order is by field hash, which reads poorly).
    /// The value with record fields sorted by id, as on the wire (the order
    /// in which two values of one type compare).
    func inWireOrder(depth: Int = 0) -> CandidValue {
        guard depth < CandidBridge.maximumDepth else { return self }
        switch self {
        case let .record(fields):
            return .record(fields.map { CandidFieldValue($0.label, $0.value.inWireOrder(depth: depth + 1)) }
                .sorted { $0.label.id < $1.label.id })
        case let .variant(field): return .variant(CandidFieldValue(field.label, field.value.inWireOrder(depth: depth + 1)))
        case let .opt(content): return .opt(content?.inWireOrder(depth: depth + 1))
        case let .vec(elements): return .vec(elements.map { $0.inWireOrder(depth: depth + 1) })
        default: return self
        }
    }

    func ordered(as type: CandidType, in environment: CandidTypeEnvironment, depth: Int = 0) -> CandidValue {
        guard depth < CandidBridge.maximumDepth, let resolved = try? environment.resolve(type) else { return self }
        switch (self, resolved) {
        case let (.record(fields), .record(types)):
            var remaining = fields
            var result: [CandidFieldValue] = []
            for declared in types {
                guard let index = remaining.firstIndex(where: { $0.label == declared.label }) else { continue }
                let field = remaining.remove(at: index)
                result.append(CandidFieldValue(field.label, field.value.ordered(as: declared.type, in: environment, depth: depth + 1)))
            }
            return .record(result + remaining)
        case let (.variant(field), .variant(types)):
            guard let declared = types.first(where: { $0.label == field.label }) else { return self }
            return .variant(CandidFieldValue(field.label, field.value.ordered(as: declared.type, in: environment, depth: depth + 1)))
        case let (.opt(content?), .opt(inner)):
            return .opt(content.ordered(as: inner, in: environment, depth: depth + 1))
        case let (.vec(elements), .vec(inner)):
            return .vec(elements.map { $0.ordered(as: inner, in: environment, depth: depth + 1) })
        default:
            return self
        }
    }
}
