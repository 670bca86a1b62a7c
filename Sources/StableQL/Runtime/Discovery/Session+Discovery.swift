import StableStructures

extension Session {
    /// `describe memory N;`: the structure in memory N, guessed types, and a
    /// declaration that loads it. A raw image describes its one structure
    /// (any N).
    func describeMemory(_ expression: Expression) throws(QLError) -> QueryResult {
        let id = try memoryId(expression, context: "describe memory")
        return .message(discover(id).report(id: id, pages: pages(of: id)))
    }

    /// Discovery of memory `id` (the whole image when raw).
    func discover(_ id: UInt8) -> MemoryDiscovery {
        guard let manager else {
            var found = MemoryDiscovery.discover(memory, id: id)
            // A raw image's declarations take no memory id.
            found.declaration = found.declaration.map { Session.rawDeclaration($0) }
            return found
        }
        guard let memoryId = try? MemoryId(id) else { return MemoryDiscovery.discover(VectorMemory(), id: id) }
        let virtual = manager.memory(memoryId)
        return MemoryDiscovery.discover(virtual, id: id) { () -> (UInt8, VirtualMemory<StatementMemory>)? in
            self.logDataMemory(after: id)
        }
    }

    /// The data memory of the log whose index is memory `id`: a bound
    /// log's, else the next memory holding log data.
    func logDataMemory(after id: UInt8) -> (UInt8, VirtualMemory<StatementMemory>)? {
        guard let manager else { return nil }
        if let record = structures.values.first(where: { $0.kind == .log && $0.memoryIds.first == id }), record.memoryIds.count == 2 {
            let data = record.memoryIds[1]
            guard let dataId = try? MemoryId(data) else { return nil }
            return (data, manager.memory(dataId))
        }
        var candidates: [UInt8] = []
        for raw in 0...MemoryId.maxValue where raw != id {
            guard let rawId = try? MemoryId(raw), manager.size(of: rawId) > 0 else { continue }
            if StoredStructure.identify(manager.memory(rawId)) == .logData { candidates.append(raw) }
        }
        // The crate's examples give a log two consecutive ids.
        guard let chosen = candidates.first(where: { $0 == id &+ 1 }) ?? candidates.first,
              let chosenId = try? MemoryId(chosen) else { return nil }
        return (chosen, manager.memory(chosenId))
    }

    /// Pages of memory `id` (of the image when raw).
    func pages(of id: UInt8) -> UInt64 {
        guard let manager, let memoryId = try? MemoryId(id) else { return memory.size }
        return manager.size(of: memoryId)
    }

    /// `map(3) of …` → `map() of …`, and the binding named after the kind.
    static func rawDeclaration(_ text: String) -> String {
        var result = text
        if let open = result.firstIndex(of: "("), let close = result[open...].firstIndex(of: ")") {
            result.replaceSubrange(result.index(after: open)..<close, with: "")
        }
        return result
    }
}
