extension Session {
    /// How many elements one `for _ in 0..1 { … }` block of a dump loads:
    /// each block is one atomic statement.
    static let dumpBatchSize = 1000

    /// Writes a StableQL script that recreates the bindings called `names`
    /// (all of them when empty): the imported `.did` files (by absolute
    /// path), the record type declarations, the scalar
    /// variables, each structure's declaration and its contents in batches.
    /// Run on an empty image, the script gives bindings with equal contents.
    /// The text is written as it is produced; false (with an error) when a
    /// name is unknown or a value has no literal form.
    @discardableResult
    public func dump(_ names: [String]) -> Bool {
        currentSource = ""
        currentOrigin = "<dump>"
        do throws(QLError) {
            for name in names where variables[name] == nil && structures[name] == nil && types[name] == nil {
                throw QLError(.name, ".dump: no binding named '\(name)'")
            }
            let all = names.isEmpty
            output.write("-- a StableQL script written by .dump\n")
            for file in candid.files { output.write("import \(Value.quote(file));\n") }
            for type in orderedTypes() where all || names.contains(type.name ?? "") || isUsed(type, by: names) {
                output.write("type \(type.name ?? "") = \(type.definition);\n")
            }
            for name in variables.keys.sorted() where (all && name != "_") || names.contains(name) {
                output.write("let \(name) = \(try variables[name]!.sourceText());\n")
            }
            for name in structures.keys.sorted() where all || names.contains(name) {
                try dumpStructure(structures[name]!)
            }
        } catch {
            output.endResult()
            report(error)
            return false
        }
        output.endResult()
        return true
    }

    private func dumpStructure(_ record: BindingRecord) throws(QLError) {
        let ids = record.memoryIds.map(String.init).joined(separator: ", ")
        var declaration = "let \(record.name) = \(record.kind.rawValue)(\(ids)) of "
        if let keyType = record.keyType { declaration += "\(keyType) -> " }
        declaration += "\(record.elementType)"
        if let defaultValue = record.defaultValue { declaration += " default \(try defaultValue.sourceText())" }
        output.write(declaration + ";\n")
        let call: (Value) throws(QLError) -> String
        switch record.kind {
        case .map:
            call = { (entry) throws(QLError) in
                guard case let .tuple(pair) = entry, pair.count == 2 else { throw QLError("\(record.name): an entry is not a pair") }
                return "insert(\(try pair[0].sourceText()), \(try pair[1].sourceText()))"
            }
        case .set: call = { (element) throws(QLError) in "insert(\(try element.sourceText()))" }
        case .vec, .heap: call = { (element) throws(QLError) in "push(\(try element.sourceText()))" }
        case .log: call = { (element) throws(QLError) in "append(\(try element.sourceText()))" }
        case .cell: call = { (element) throws(QLError) in "set(\(try element.sourceText()))" }
        }
        var inBatch = 0
        try record.box.forEach { (element) throws(QLError) -> Bool in
            try checkInterrupt()
            if inBatch == 0 { output.write("for _ in 0..1 {\n") }
            output.write("  \(record.name).\(try call(element));\n")
            inBatch += 1
            if inBatch == Session.dumpBatchSize {
                output.write("}\n")
                inBatch = 0
            }
            return true
        }
        if inBatch > 0 { output.write("}\n") }
    }

    /// The declared record types, each after the named types it uses.
    private func orderedTypes() -> [RecordType] {
        var ordered: [RecordType] = []
        var placed: Set<String> = []
        func place(_ name: String) {
            guard !placed.contains(name), let type = types[name] else { return }
            placed.insert(name)
            for other in types.keys.sorted() where other != name && QLType.record(type).mentions(types[other]!) {
                place(other)
            }
            ordered.append(type)
        }
        for name in types.keys.sorted() { place(name) }
        return ordered
    }

    private func isUsed(_ type: RecordType, by names: [String]) -> Bool {
        names.contains { name in
            guard let record = structures[name] else { return false }
            return record.keyType?.mentions(type) == true || record.elementType.mentions(type)
        }
    }
}
