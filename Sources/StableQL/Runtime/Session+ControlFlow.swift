/// A `break` or `continue` on its way to the innermost loop.
enum LoopJump {
    case breakLoop, continueLoop
}

extension Session {
    /// Runs the statements of a block until one of them breaks or continues a loop.
    func runBlock(_ statements: [Statement]) throws(QLError) {
        for statement in statements {
            try execute(statement)
            if pendingJump != nil { return }
        }
    }

    /// Consumes a pending jump at the end of one iteration: true when the
    /// loop must stop.
    func endIteration() -> Bool {
        guard let jump = pendingJump else { return false }
        pendingJump = nil
        return jump == .breakLoop
    }

    /// `if COND { … } else { … }`.
    func executeIf(_ condition: Expression, then: [Statement], otherwise: [Statement]) throws(QLError) {
        if try evaluate(condition).truth("if") {
            try runBlock(then)
        } else {
            try runBlock(otherwise)
        }
    }

    /// `while COND { … }`.
    func executeWhile(_ condition: Expression, body: [Statement]) throws(QLError) {
        loopDepth += 1
        defer { loopDepth -= 1 }
        let reports = loopDepth == 1
        var iterations: UInt64 = 0
        while true {
            try checkInterrupt()
            currentStatement = nil
            guard try evaluate(condition).truth("while") else { return }
            if reports { tick("while", iterations, nil) }
            iterations &+= 1
            try runBlock(body)
            if endIteration() { return }
        }
    }

    /// `break;` and `continue;`.
    func jump(_ jump: LoopJump) throws(QLError) {
        guard loopDepth > 0 else {
            throw QLError(.syntax, "\(jump == .breakLoop ? "break" : "continue") is only allowed inside a for or while loop")
        }
        pendingJump = jump
    }

    /// `NAME = EXPR;`: changes an existing variable.
    func assign(_ name: String, _ expression: Expression) throws(QLError) {
        if let record = structures[name] {
            throw QLError(.name, "`\(name)` is bound to a \(record.kind.rawValue): a structure cannot be assigned (drop it and declare it again)")
        }
        guard variables[name] != nil else {
            throw QLError(.name, "unknown variable '\(name)': declare it first with let \(name) = …;")
        }
        variables[name] = try evaluate(expression)
    }

    /// `for NAME in (select …) { … }`: the query's rows are read first, so
    /// the body may change the structure; a row of one column is its value,
    /// a wider row a tuple (`r.0`, `r.1`).
    func executeForQuery(variable: String, query: Query, body: [Statement]) throws(QLError) {
        let source = try queryRows(query)
        var rows: [Value] = []
        try source.produce { (row) throws(QLError) -> Bool in
            rows.append(row.count == 1 ? row[0] : .tuple(row))
            return true
        }
        let saved = variables[variable]
        loopDepth += 1
        defer {
            variables[variable] = saved
            loopDepth -= 1
        }
        let reports = loopDepth == 1
        for (done, value) in rows.enumerated() {
            try checkInterrupt()
            if reports { tick("for \(variable)", UInt64(done), UInt64(rows.count)) }
            variables[variable] = value
            try runBlock(body)
            if endIteration() { return }
        }
    }
}
