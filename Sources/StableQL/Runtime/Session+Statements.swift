extension Session {
    /// Executes one statement (top-level or inside a block).
    func execute(_ statement: Statement) throws(QLError) {
        currentStatement = statement
        try checkInterrupt()
        switch statement.kind {
        case let .letValue(name, expression):
            if structures[name] != nil {
                throw QLError("`\(name)` is bound to a \(structures[name]?.kind.rawValue ?? "structure"); drop it first")
            }
            let value = try evaluate(expression)
            variables[name] = value
        case let .typeDeclaration(name, written):
            try declareType(name: name, written: written)
        case let .declare(name, declaration):
            try declare(name: name, declaration: declaration)
        case let .print(expression):
            if case let .methodCall(receiver, method, arguments) = expression.kind {
                // `print` shows what any call returns, mutations and none included.
                switch try callMethod(receiver: receiver, method: method, arguments: arguments) {
                case let .rows(source): try emitRows(source, limit: nil)
                case let .value(value), let .silent(value): emit(.value(value))
                }
            } else {
                emit(.value(try evaluate(expression)))
            }
        case let .expression(expression, limit):
            var rowLimit: Int? = nil
            if let limit {
                let value = try evaluate(limit)
                guard case let .integer(count) = value, !count.isNegative, let rows = count.exactly(Int.self) else {
                    throw QLError("limit needs a row count from 0 up, found \(value.literal)")
                }
                rowLimit = rows
            }
            try emitResult(expression, limit: rowLimit)
        case let .assert(condition, message):
            guard try evaluate(condition).truth("assert") else {
                throw QLError("assertion failed: \(message ?? text(of: condition.range))")
            }
        case let .forLoop(variable, sequence, body):
            try executeFor(variable: variable, sequence: sequence, body: body)
        case let .drop(name):
            if structures.removeValue(forKey: name) != nil { return }
            guard variables.removeValue(forKey: name) != nil else {
                throw QLError(.name, "drop: no binding named '\(name)'")
            }
        case let .open(path, openOptions):
            try openImage(path: path, options: openOptions)
        case .close:
            // With no image open there is nothing to close: keep the in-heap data.
            if image == nil {
                emit(.message("no image is open"))
            } else {
                closeImage()
            }
        case let .reclaim(expression):
            emit(try reclaim(expression))
        case let .upgrade(verify):
            emit(try upgrade(verify: verify))
        case .memories:
            emit(try memoriesResult())
            // The drawing is for people: JSON and CSV output stay machine-readable.
            if let manager, options.mode == .table || options.mode == .list {
                emit(.message(bucketMap(manager)))
            }
        case let .describe(name):
            emit(try describe(name))
        case let .verify(name):
            emit(try verify(name))
        case let .importCandid(path):
            emit(try importCandid(path: path))
        case .describeImage:
            emit(try describeImage())
        case let .describeMemory(id):
            emit(try describeMemory(id))
        case let .extractMemory(id, path):
            emit(try extractMemory(id, to: path))
        case let .patchMemory(id, path):
            emit(try patchMemory(id, from: path))
        case let .select(query):
            try executeSelect(query)
        case let .delete(binding, filter):
            try executeDelete(binding: binding, filter: filter)
        case let .update(binding, value, filter):
            try executeUpdate(binding: binding, value: value, filter: filter)
        case let .forQuery(variable, query, body):
            try executeForQuery(variable: variable, query: query, body: body)
        case let .ifElse(condition, then, otherwise):
            try executeIf(condition, then: then, otherwise: otherwise)
        case let .whileLoop(condition, body):
            try executeWhile(condition, body: body)
        case .breakLoop:
            try jump(.breakLoop)
        case .continueLoop:
            try jump(.continueLoop)
        case let .assign(name, value):
            try assign(name, value)
        case let .diff(path, limit):
            try diff(path: path, limit: limit)
        }
    }

    /// Prints what an expression statement yields, honouring `limit`.
    func emitResult(_ expression: Expression, limit: Int?) throws(QLError) {
        if case let .methodCall(receiver, method, arguments) = expression.kind {
            switch try callMethod(receiver: receiver, method: method, arguments: arguments) {
            case let .rows(source):
                try emitRows(source, limit: limit)
                return
            case let .value(value):
                if limit != nil { break }
                emit(.value(value))
                return
            case let .silent(value):
                if limit != nil { break }
                // A mutation prints what it returns, except none and unit,
                // and never inside a loop body.
                if !(value == .none || value == .unit || loopDepth > 0) { emit(.value(value)) }
                return
            }
        }
        if limit != nil {
            throw QLError("limit applies to iterations (iter, range, keys, values), not to a single value")
        }
        emit(.value(try evaluate(expression)))
    }

    func executeFor(variable: String, sequence: Expression, body: [Statement]) throws(QLError) {
        if case let .methodCall(receiver, method, arguments) = sequence.kind {
            guard case let .rows(source) = try callMethod(receiver: receiver, method: method, arguments: arguments) else {
                throw QLError("for: \(text(of: sequence.range)) is not an iteration (use iter(), keys(), values() or range(…))")
            }
            let saved = variables[variable]
            loopDepth += 1
            defer {
                variables[variable] = saved
                loopDepth -= 1
            }
            // The rows are read before the body runs, so the body may
            // change the structure it iterates.
            let reports = loopDepth == 1
            var rows: [[Value]] = []
            try source.produce { (row) throws(QLError) -> Bool in
                try checkInterrupt()
                rows.append(row)
                if reports { tick("for \(variable): reading", UInt64(rows.count), nil) }
                return true
            }
            var done: UInt64 = 0
            let slot = LoopSlot()
            let resolved = resolveLoopBody(body, variable: variable, slot: slot)
            for row in rows {
                try checkInterrupt()
                if reports { tick("for \(variable)", done, UInt64(rows.count)) }
                try runBody(body, resolved, variable: variable, slot: slot, value: row.count == 1 ? row[0] : .tuple(row))
                done &+= 1
                if endIteration() { break }
            }
            return
        }
        guard case let .range(lowerExpression, upperExpression, inclusive) = sequence.kind else {
            throw QLError("for: expected a range such as 0..10 or a structure's iter(), found \(text(of: sequence.range))")
        }
        guard let lowerExpression, let upperExpression else {
            throw QLError("for: the range needs both bounds (as in 0..10)")
        }
        let lowerValue = try evaluate(lowerExpression)
        let upperValue = try evaluate(upperExpression)
        guard case let .integer(lower) = lowerValue, case let .integer(upper) = upperValue else {
            throw QLError("for: range bounds must be integers, found \(lowerValue.literal) and \(upperValue.literal)")
        }
        let saved = variables[variable]
        loopDepth += 1
        defer {
            variables[variable] = saved
            loopDepth -= 1
        }
        var index = lower
        let one = QLInteger(1)
        let reports = loopDepth == 1
        let span = (try? upper.subtracting(lower))?.exactly(UInt64.self)
        let total = span.map { inclusive ? $0 &+ 1 : $0 }
        var done: UInt64 = 0
        let slot = LoopSlot()
        let resolved = resolveLoopBody(body, variable: variable, slot: slot)
        while inclusive ? index <= upper : index < upper {
            try checkInterrupt()
            if reports { tick("for \(variable)", done, total) }
            done &+= 1
            try runBody(body, resolved, variable: variable, slot: slot, value: .integer(index))
            if endIteration() || index == upper { break }
            index = try index.adding(one)
        }
    }

    /// Runs one iteration of a loop body with the loop variable set to `value`.
    private func runBody(
        _ body: [Statement], _ resolved: LoopBody?, variable: String, slot: LoopSlot, value: Value
    ) throws(QLError) {
        guard let resolved else {
            variables[variable] = value
            try runBlock(body)
            return
        }
        slot.value = value
        if resolved.needsNamedVariable { variables[variable] = value }
        for step in resolved.steps {
            guard let run = step.run else {
                try execute(step.statement)
                if pendingJump != nil { return }
                continue
            }
            do throws(QLError) { try run() } catch {
                // The error's line is this statement's (execute(_:) sets it before running one).
                currentStatement = step.statement
                throw error
            }
        }
    }
}
