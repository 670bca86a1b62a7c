import Candid

extension CandidValue {
    /// The value with record fields in the order `type` declares them (the
    /// wire order is by field hash, which reads poorly).
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
