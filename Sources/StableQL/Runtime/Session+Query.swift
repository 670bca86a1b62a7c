extension Session {
    /// The structure a query, `delete` or `update` reads, as a scannable box.
    func queryable(_ name: String, for statement: String) throws(QLError) -> (record: BindingRecord, box: any QueryableBinding) {
        guard let record = structures[name] else {
            if variables[name] != nil {
                throw QLError(.name, "\(statement): '\(name)' is a value, not a structure (\(statement) reads a map, set, vec, log, heap or cell)")
            }
            throw QLError(.name, "\(statement): unknown structure '\(name)'")
        }
        guard let box = record.box as? any QueryableBinding else {
            throw QLError(.name, "\(statement): '\(name)' cannot be scanned")
        }
        return (record, box)
    }

    /// A query's rows, produced one by one (the columns are known before
    /// the first row). Compiling and planning happen now; reading happens
    /// when the rows are produced.
    func queryRows(_ query: Query) throws(QLError) -> RowSource {
        let (record, box) = try queryable(query.source, for: "select")
        let compiler = QueryCompiler(session: self, kind: record.kind)
        var items = query.columns
        if items.count == 1, items[0].expression.kind == .allRows {
            let range = items[0].expression.range
            items = record.kind.rowVariables.map {
                SelectItem(expression: Expression(.variable($0.rawValue), range: range), alias: $0.rawValue)
            }
        }
        let columnNames = items.map { $0.alias ?? text(of: $0.expression.range) }
        func resolvingAlias(_ expression: Expression) -> Expression {
            guard case let .variable(name) = expression.kind,
                  let item = items.first(where: { $0.alias == name }) else { return expression }
            return item.expression
        }
        let grouped = !query.groupBy.isEmpty
            || items.contains { QueryCompiler.containsAggregate($0.expression) }
            || query.orderBy.contains { QueryCompiler.containsAggregate(resolvingAlias($0.expression)) }
        let mode: QueryCompiler.Mode = grouped ? .grouped : .row

        let filter = try query.filter.map { (condition) throws(QLError) in try compiler.compileCondition(condition) }
        let groupExpressions = query.groupBy.map(resolvingAlias)
        var groupKeys: [RowExpression] = []
        for expression in groupExpressions { groupKeys.append(try compiler.compile(expression, .row)) }
        compiler.groupExpressions = groupExpressions
        var columns: [RowExpression] = []
        for item in items { columns.append(try compiler.compile(item.expression, mode)) }
        // An order key that names a column (by alias) reuses the column's value.
        var orderKeys: [(column: Int?, plan: RowExpression?)] = []
        for item in query.orderBy {
            if case let .variable(name) = item.expression.kind, let column = items.firstIndex(where: { $0.alias == name }) {
                orderKeys.append((column, nil))
            } else {
                orderKeys.append((nil, try compiler.compile(item.expression, mode)))
            }
        }
        let order = RowOrder(descending: query.orderBy.map(\.descending))
        let limit = try query.limit.map { (expression) throws(QLError) in try rowCount(expression, "limit") }
        let offset = try query.offset.map { (expression) throws(QLError) in try rowCount(expression, "offset") } ?? 0

        // The scan: bounds from the condition, the direction from `order by`.
        var request = ScanRequest()
        request.needsKey = compiler.usedVariables.contains(.key) || compiler.usedVariables.contains(.index)
        request.needsValue = compiler.usedVariables.contains(.value)
        var needsSort = !query.orderBy.isEmpty
        if let ordering = record.kind.orderingVariable, box.scanOrderMatchesValues {
            let bounds = try KeyRangePlanner(compiler: compiler).bounds(of: query.filter, on: ordering)
            request.lower = bounds.lower
            request.upper = bounds.upper
            if !grouped, let first = query.orderBy.first, case let .variable(name) = resolvingAlias(first.expression).kind,
               compiler.rowVariable(name) == ordering {
                // Keys are unique: the structure's order is the whole order.
                request.descending = first.descending
                needsSort = false
            }
        }
        let total: UInt64? = request.lower == nil && request.upper == nil ? try? box.length() : nil
        let activity = "select from \(query.source)"
        let row = compiler.row
        let group = compiler.group
        let aggregates = compiler.aggregates

        func keep() throws(QLError) -> Bool {
            guard let filter else { return true }
            return try filter()
        }
        func outputColumns() throws(QLError) -> [Value] {
            var values: [Value] = []
            values.reserveCapacity(columns.count)
            for column in columns { values.append(try column()) }
            return values
        }
        func sortable(_ values: [Value], _ sequence: Int) throws(QLError) -> SortableRow {
            var keys: [Value] = []
            for key in orderKeys {
                if let column = key.column { keys.append(values[column]) } else if let plan = key.plan { keys.append(try plan()) }
            }
            return SortableRow(columns: values, keys: keys, sequence: sequence)
        }

        // The session outlives the rows (they are produced within the statement).
        return RowSource(columns: columnNames) { [self] (consume) throws(QLError) in
            var scanned: UInt64 = 0
            func next() throws(QLError) {
                if scanned & 1023 == 0 {
                    try checkInterrupt()
                    tick(activity, scanned, total)
                }
                scanned &+= 1
            }
            // Emits sorted or grouped rows, honouring offset and limit.
            func emitAll(_ rows: [SortableRow]) throws(QLError) {
                var skipped = 0
                var emitted = 0
                for row in rows {
                    if skipped < offset {
                        skipped += 1
                        continue
                    }
                    if let limit, emitted >= limit { return }
                    emitted += 1
                    if try !consume(row.columns) { return }
                }
            }
            if grouped && groupKeys.isEmpty {
                // One group: the accumulators live in a local array.
                var accumulators = aggregates.map { Accumulator($0.function) }
                let arguments = aggregates.map(\.argument)
                if arguments.allSatisfy({ $0 == nil }) {
                    // Only count(*): count the rows, no aggregate per row.
                    var matched: UInt64 = 0
                    if let filter {
                        try box.scan(request, into: row) { () throws(QLError) -> Bool in
                            try next()
                            if try filter() { matched &+= 1 }
                            return true
                        }
                    } else {
                        try box.scan(request, into: row) { () throws(QLError) -> Bool in
                            try next()
                            matched &+= 1
                            return true
                        }
                    }
                    for slot in accumulators.indices { accumulators[slot].addRows(matched) }
                    group.keys = []
                    group.accumulators = accumulators
                    try emitAll([try sortable(try outputColumns(), 0)])
                    return
                }
                try box.scan(request, into: row) { () throws(QLError) -> Bool in
                    try next()
                    guard try keep() else { return true }
                    for slot in arguments.indices {
                        if let argument = arguments[slot] {
                            try accumulators[slot].add(try argument())
                        } else {
                            accumulators[slot].addRow()
                        }
                    }
                    return true
                }
                group.keys = []
                group.accumulators = accumulators
                try emitAll([try sortable(try outputColumns(), 0)])
                return
            }
            if grouped {
                var index: [GroupKey: Int] = [:]
                var groups: [(keys: [Value], accumulators: [Accumulator])] = []
                let fresh = aggregates.map { Accumulator($0.function) }
                try box.scan(request, into: row) { () throws(QLError) -> Bool in
                    try next()
                    guard try keep() else { return true }
                    var keyValues: [Value] = []
                    for plan in groupKeys { keyValues.append(try plan()) }
                    let position: Int
                    if groupKeys.isEmpty {
                        // One group: no key to look up.
                        if groups.isEmpty { groups.append(([], fresh)) }
                        position = 0
                    } else if let found = index[GroupKey(values: keyValues)] {
                        position = found
                    } else {
                        position = groups.count
                        index[GroupKey(values: keyValues)] = position
                        groups.append((keyValues, fresh))
                    }
                    for (slot, call) in aggregates.enumerated() {
                        if let argument = call.argument {
                            try groups[position].accumulators[slot].add(try argument())
                        } else {
                            groups[position].accumulators[slot].addRow()
                        }
                    }
                    return true
                }
                if groups.isEmpty && groupKeys.isEmpty { groups.append(([], fresh)) }
                var results: [SortableRow] = []
                for (sequence, found) in groups.enumerated() {
                    group.keys = found.keys
                    group.accumulators = found.accumulators
                    results.append(try sortable(try outputColumns(), sequence))
                }
                try emitAll(needsSort ? try order.sorted(results) : results)
                return
            }
            if needsSort {
                var sequence = 0
                let (capacity, overflow) = offset.addingReportingOverflow(limit ?? 0)
                if let limit, !overflow, capacity <= 1 << 20 {
                    _ = limit
                    var top = TopRows(order: order, capacity: capacity)
                    try box.scan(request, into: row) { () throws(QLError) -> Bool in
                        try next()
                        guard try keep() else { return true }
                        try top.offer(try sortable(try outputColumns(), sequence))
                        sequence += 1
                        return true
                    }
                    try emitAll(try top.sortedRows())
                } else {
                    var all: [SortableRow] = []
                    try box.scan(request, into: row) { () throws(QLError) -> Bool in
                        try next()
                        guard try keep() else { return true }
                        all.append(try sortable(try outputColumns(), sequence))
                        sequence += 1
                        return true
                    }
                    try emitAll(try order.sorted(all))
                }
                return
            }
            var skipped = 0
            var emitted = 0
            if limit == 0 { return }
            try box.scan(request, into: row) { () throws(QLError) -> Bool in
                try next()
                guard try keep() else { return true }
                if skipped < offset {
                    skipped += 1
                    return true
                }
                emitted += 1
                guard try consume(try outputColumns()) else { return false }
                if let limit, emitted >= limit { return false }
                return true
            }
        }
    }

    /// The value of `limit` or `offset`: a row count from 0 up.
    func rowCount(_ expression: Expression, _ clause: String) throws(QLError) -> Int {
        let value = try evaluate(expression)
        guard case let .integer(count) = value, !count.isNegative, let rows = count.exactly(Int.self) else {
            throw QLError("\(clause) needs a row count from 0 up, found \(value.literal)")
        }
        return rows
    }

    /// `select …;`: prints the query's rows as a result table.
    func executeSelect(_ query: Query) throws(QLError) {
        let source = try queryRows(query)
        // A query's own limit has been applied; without one, table and list
        // modes show the first `maxRows` rows and count the rest.
        try emitRows(source, limit: query.limit == nil ? nil : Int.max, rowsAreArrays: true)
    }
}
