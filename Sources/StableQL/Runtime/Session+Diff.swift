import StableStructures

/// Another image opened read-only for `diff`.
struct ComparisonImage {
    let memory: StatementMemory
    let manager: MemoryManager<StatementMemory>?
}

extension Session {
    /// Opens the image `diff` compares with, read-only (it is never
    /// modified): an image file, or a snapshot folder's `stable_memory.bin`
    /// (an empty stable memory when the folder has none).
    func openComparisonImage(_ path: String) throws(QLError) -> ComparisonImage {
        var filePath = path
        if SnapshotFolder.isSnapshotFolder(path) {
            do throws(StableError) {
                let folder = try SnapshotFolder(path: path)
                filePath = folder.hasStableMemory ? folder.stableMemoryPath : "/dev/null"
            } catch {
                throw QLError(.io, "diff: \(path): \(error)")
            }
        }
        let file: FileMemory
        do throws(StableError) {
            file = try FileMemory(path: filePath, readOnly: true)
        } catch {
            throw QLError(.io, "diff: cannot open \(path): \(error)")
        }
        let memory = StatementMemory(file: file, readOnly: true)
        guard memory.size > 0, StoredStructure.identify(memory) == .memoryManager else {
            return ComparisonImage(memory: memory, manager: nil)
        }
        do throws(StableError) {
            return ComparisonImage(memory: memory, manager: try MemoryManager(memory))
        } catch {
            memory.close()
            throw QLError("diff: \(path): \(error)")
        }
    }

    /// `diff "OTHER" [limit N];`: what changed from OTHER to the open image.
    /// Prints three results: each virtual memory used by either image,
    /// equal or not; for every structure binding, the number of entries
    /// added, removed and changed (by key for maps and sets, by index for
    /// the others); and at most `limit` (default 20) of those changes as
    /// rows `[binding, change, key, old, new]`.
    func diff(path: String, limit: Expression?) throws(QLError) {
        var listLimit = 20
        if let limit {
            let value = try evaluate(limit)
            guard case let .integer(count) = value, !count.isNegative, let rows = count.exactly(Int.self) else {
                throw QLError("diff: limit needs a row count from 0 up, found \(value.literal)")
            }
            listLimit = rows
        }
        let other = try openComparisonImage(path)
        defer { other.memory.close() }
        emit(.rows(ResultRows(columns: ["memory", "state"], rows: try memoryStates(other))))
        var counts: [[Value]] = []
        var listed: [[Value]] = []
        for name in structures.keys.sorted() {
            guard let record = structures[name] else { continue }
            var tally = (added: 0, removed: 0, changed: 0)
            let otherBox = try comparisonBox(record, in: other)
            try compare(record, otherBox) { (change, key, old, new) throws(QLError) in
                try checkInterrupt()
                switch change {
                case "added": tally.added += 1
                case "removed": tally.removed += 1
                default: tally.changed += 1
                }
                if listed.count < listLimit { listed.append([.string(name), .string(change), key, old, new]) }
            }
            counts.append([.string(name), .int(tally.added), .int(tally.removed), .int(tally.changed)])
        }
        emit(.rows(ResultRows(columns: ["binding", "added", "removed", "changed"], rows: counts)))
        emit(.rows(ResultRows(columns: ["binding", "change", "key", "old", "new"], rows: listed)))
    }

    /// Each virtual memory either image uses: `equal`, `differs`, or only in one.
    private func memoryStates(_ other: ComparisonImage) throws(QLError) -> [[Value]] {
        // An empty other image (a snapshot folder without stable_memory.bin)
        // has none of the memories.
        if let manager, other.manager == nil, other.memory.size == 0 {
            return (0...Int(MemoryId.maxValue)).compactMap { (id) -> [Value]? in
                guard let memoryId = try? MemoryId(UInt8(id)), manager.size(of: memoryId) > 0 else { return nil }
                return [.int(id), .string("only here")]
            }
        }
        guard let manager, let otherManager = other.manager else {
            let same = try sameBytes(memory, other.memory)
            return [[.string("raw"), .string(same ? "equal" : "differs")]]
        }
        var rows: [[Value]] = []
        for id in 0...Int(MemoryId.maxValue) {
            guard let memoryId = try? MemoryId(UInt8(id)) else { continue }
            let here = manager.size(of: memoryId)
            let there = otherManager.size(of: memoryId)
            if here == 0 && there == 0 { continue }
            let state: String
            if there == 0 {
                state = "only here"
            } else if here == 0 {
                state = "only in other"
            } else {
                state = try sameBytes(manager.memory(memoryId), otherManager.memory(memoryId)) ? "equal" : "differs"
            }
            rows.append([.int(id), .string(state)])
        }
        return rows
    }

    /// Whether two memories have the same size and bytes (compared a page at a time).
    private func sameBytes<A: Memory, B: Memory>(_ a: A, _ b: B) throws(QLError) -> Bool {
        guard a.size == b.size else { return false }
        for page in 0..<a.size {
            try checkInterrupt()
            do throws(StableError) {
                if try !RawContents.samePage(page, of: a, and: b) { return false }
            } catch {
                throw QLError(.library(error), "diff: \(error)")
            }
        }
        return true
    }

    /// The binding's structure in the other image, with the same types;
    /// nil when its memory there is empty (every entry counts as added).
    private func comparisonBox(_ record: BindingRecord, in other: ComparisonImage) throws(QLError) -> (any StructureBinding)? {
        let place: StructureFactory.Place
        // An empty image holds nothing, with or without a memory manager.
        if other.manager == nil && other.memory.size == 0 { return nil }
        if let otherManager = other.manager, !record.memoryIds.isEmpty {
            var memories: [VirtualMemory<StatementMemory>] = []
            for id in record.memoryIds {
                guard let memoryId = try? MemoryId(id) else { return nil }
                if otherManager.size(of: memoryId) == 0 { return nil }
                memories.append(otherManager.memory(memoryId))
            }
            place = .managed(memories)
        } else if other.manager == nil && record.memoryIds.isEmpty {
            place = .raw(other.memory)
        } else {
            throw QLError("diff: `\(record.name)` cannot be compared: one image is raw and the other has a memory manager")
        }
        do throws(QLError) {
            return try StructureFactory.make(
                kind: record.kind, keyType: record.keyType, elementType: record.elementType,
                defaultValue: record.defaultValue, place: place)
        } catch {
            throw error.prefixed("diff: `\(record.name)` in the other image")
        }
    }

    /// Reports every difference between the binding and `other` (its
    /// counterpart in the other image) as (change, key, old, new).
    private func compare(
        _ record: BindingRecord, _ other: (any StructureBinding)?,
        _ report: (String, Value, Value, Value) throws(QLError) -> Void
    ) throws(QLError) {
        let box = record.box
        switch record.kind {
        case .map, .set:
            let isMap = record.kind == .map
            try box.forEach { (element) throws(QLError) -> Bool in
                let (key, value) = Session.split(element, isMap: isMap)
                guard let other, try Session.call(other, "contains", key) == .bool(true) else {
                    try report("added", key, .none, value)
                    return true
                }
                if isMap {
                    let old = try Session.call(other, "get", key)
                    if old != value { try report("changed", key, old, value) }
                }
                return true
            }
            try other?.forEach { (element) throws(QLError) -> Bool in
                let (key, value) = Session.split(element, isMap: isMap)
                if try Session.call(box, "contains", key) != .bool(true) { try report("removed", key, value, .none) }
                return true
            }
        case .vec, .log:
            // By index, reading the other side's element at each index.
            let theirCount = try other?.length() ?? 0
            var index: UInt64 = 0
            try box.forEach { (element) throws(QLError) -> Bool in
                if let other, index < theirCount {
                    let old = try Session.call(other, "get", .int(index))
                    if old != element { try report("changed", .int(index), old, element) }
                } else {
                    try report("added", .int(index), .none, element)
                }
                index += 1
                return true
            }
            while let other, index < theirCount {
                try report("removed", .int(index), try Session.call(other, "get", .int(index)), .none)
                index += 1
            }
        case .heap, .cell:
            // By position in iteration order (a cell has one value).
            var theirs: [Value] = []
            try other?.forEach { (element) throws(QLError) -> Bool in
                theirs.append(element)
                return true
            }
            var index = 0
            try box.forEach { (element) throws(QLError) -> Bool in
                if index < theirs.count {
                    if theirs[index] != element { try report("changed", .int(index), theirs[index], element) }
                } else {
                    try report("added", .int(index), .none, element)
                }
                index += 1
                return true
            }
            while index < theirs.count {
                try report("removed", .int(index), theirs[index], .none)
                index += 1
            }
        }
    }

    private static func split(_ element: Value, isMap: Bool) -> (key: Value, value: Value) {
        if isMap, case let .tuple(pair) = element, pair.count == 2 { return (pair[0], pair[1]) }
        return (element, .none)
    }

    private static func call(_ box: any StructureBinding, _ name: String, _ argument: Value) throws(QLError) -> Value {
        guard let method = box.method(named: name), case let .value(value) = try method.call([.value(argument)]) else {
            return .none
        }
        return value
    }
}
