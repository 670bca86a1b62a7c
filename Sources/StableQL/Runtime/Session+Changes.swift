extension Session {
    /// `delete from BINDING [where EXPR];`: removes the matching entries of a
    /// map or set and reports how many. Atomic like every statement.
    func executeDelete(binding: String, filter: Expression?) throws(QLError) {
        let (record, box) = try queryable(binding, for: "delete")
        let compiler = QueryCompiler(session: self, kind: record.kind)
        let matches = try changeFilter(filter, compiler)
        let request = try changeRequest(filter, compiler, box, kind: record.kind)
        let activity = "delete from \(binding)"
        let removed = try box.deleteRows(request, row: compiler.row, matches: matches) { (phase, done, total) throws(QLError) in
            try checkInterrupt()
            tick(total == nil ? "\(activity): \(phase.rawValue)" : activity, done, total)
        }
        if loopDepth == 0 { emit(.message("\(removed) \(removed == 1 ? "row" : "rows") deleted")) }
    }

    /// `update BINDING set value = EXPR [where EXPR];`: replaces the values of
    /// the matching rows of a map, vec or cell and reports how many.
    func executeUpdate(binding: String, value: Expression, filter: Expression?) throws(QLError) {
        let (record, box) = try queryable(binding, for: "update")
        let compiler = QueryCompiler(session: self, kind: record.kind)
        let matches = try changeFilter(filter, compiler)
        let newValue = try compiler.compile(value, .row)
        let request = try changeRequest(filter, compiler, box, kind: record.kind)
        let activity = "update \(binding)"
        let changed = try box.updateRows(request, row: compiler.row, matches: matches, newValue: newValue) {
            (phase, done, total) throws(QLError) in
            try checkInterrupt()
            tick(total == nil ? "\(activity): \(phase.rawValue)" : activity, done, total)
        }
        if loopDepth == 0 { emit(.message("\(changed) \(changed == 1 ? "row" : "rows") updated")) }
    }

    /// The `where` of a change as a predicate (none counts as false).
    private func changeFilter(_ filter: Expression?, _ compiler: QueryCompiler) throws(QLError) -> () throws(QLError) -> Bool {
        guard let filter else { return { () throws(QLError) in true } }
        return try compiler.compileCondition(filter)
    }

    private func changeRequest(
        _ filter: Expression?, _ compiler: QueryCompiler, _ box: any QueryableBinding, kind: StructureKind
    ) throws(QLError) -> ScanRequest {
        var request = ScanRequest()
        request.needsKey = compiler.usedVariables.contains(.key) || compiler.usedVariables.contains(.index)
        request.needsValue = compiler.usedVariables.contains(.value)
        if let ordering = kind.orderingVariable, box.scanOrderMatchesValues {
            let bounds = try KeyRangePlanner(compiler: compiler).bounds(of: filter, on: ordering)
            request.lower = bounds.lower
            request.upper = bounds.upper
        }
        return request
    }
}
