import StableStructures

extension Session {
    /// `verify NAME;`: runs the library's invariant checker on the structure
    /// a binding names, and on the memory manager it lives in. Prints one
    /// line when every check passes; otherwise fails listing each problem.
    /// Reads only, so it also works on read-only images.
    func verify(_ name: String) throws(QLError) -> QueryResult {
        guard let record = structures[name] else {
            if variables[name] != nil { throw QLError("verify: `\(name)` is a scalar; verify checks a structure") }
            throw QLError("verify: no structure binding named '\(name)'")
        }
        var violations = record.box.invariantViolations()
        if let manager { violations += manager.checkInvariants() }
        guard violations.isEmpty else {
            let count = violations.count == 1 ? "1 problem" : "\(violations.count) problems"
            throw QLError("verify \(name): \(count) in the stored \(record.kind.libraryName):\n"
                + violations.map { "  - \($0)" }.joined(separator: "\n"))
        }
        let length = try record.box.length()
        let managed = manager == nil ? "" : "; memory manager ok"
        return .message("verify \(name): ok (\(record.kind.libraryName) of length \(length)\(managed))")
    }
}
