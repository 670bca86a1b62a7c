import StableStructures

/// What one virtual memory holds, read from its bytes alone: the structure,
/// guessed key and value types, how sure the guess is, and a declaration
/// that loads it.
struct MemoryDiscovery {
    /// The structure's library name (`BTreeMap`, `Vec`, …), or what was found.
    var structure: String
    /// Facts about the structure (`120 entries, layout v2, page size 1024`).
    var facts: String
    /// The key guess (maps and sets).
    var key: EncodingGuess?
    /// The value or element guess.
    var value: EncodingGuess?
    /// A ready-to-run declaration, when the guess allows one.
    var declaration: String?
    /// Extra lines (notes on alternatives).
    var notes: [String] = []

    /// How many entries discovery samples.
    static let sampleLimit = 200

    /// A short form for the `memories;` column: `u64 -> candid`.
    var shortGuess: String {
        if let value, value.sampled == 0 { return "" }
        switch (key, value) {
        case let (key?, _?) where structure == "BTreeSet": return key.typeName
        case let (key?, value?): return "\(key.typeName) -> \(value.typeName)"
        case let (nil, value?): return value.typeName
        default: return ""
        }
    }

    /// The report of `describe memory N;`.
    func report(id: UInt8, pages: UInt64) -> String {
        var lines = ["memory \(id): \(structure), \(Session.pages(pages))\(facts.isEmpty ? "" : ", " + facts)"]
        if let key {
            lines.append("keys: \(key.typeName) — \(key.summary) (\(key.confidence("keys")))")
        }
        if let value, structure != "BTreeSet" {
            let noun = structure == "BTreeMap" ? "values" : structure == "Cell" ? "value" : structure == "Log" ? "entries" : "elements"
            lines.append("\(noun): \(value.typeName) — \(value.summary) (\(value.confidence(noun == "value" ? "values" : noun)))")
        }
        lines.append(contentsOf: notes)
        if let declaration { lines.append(declaration) }
        return lines.joined(separator: "\n")
    }
}

extension MemoryDiscovery {
    /// Discovers what `memory` (virtual memory `id`) holds; `others` finds
    /// the data memory of a log whose index is in `memory`.
    static func discover<M: Memory>(_ memory: M, id: UInt8, dataMemory: (() -> (UInt8, M)?)? = nil) -> MemoryDiscovery {
        guard memory.size > 0 else {
            return MemoryDiscovery(structure: "empty", facts: "", key: nil, value: nil, declaration: nil)
        }
        switch StoredStructure.identify(memory) {
        case .btreeMap?: return discoverBTree(memory, id: id)
        case .cell?: return discoverCell(memory, id: id)
        case .vec?: return discoverVec(memory, id: id, kind: "Vec", keyword: "vec")
        case .minHeap?: return discoverVec(memory, id: id, kind: "MinHeap", keyword: "heap")
        case .logIndex?: return discoverLog(index: memory, id: id, data: dataMemory?())
        case .logData?:
            return MemoryDiscovery(
                structure: "Log data", facts: "the entries of a log", key: nil, value: nil, declaration: nil,
                notes: ["describe the log's index memory (magic \"GLI\") to declare the log"])
        case .memoryManager?:
            return MemoryDiscovery(structure: "MemoryManager", facts: "a nested memory manager", key: nil, value: nil, declaration: nil)
        case nil:
            let head = RawContents.prefix(of: memory, count: 16)
            let kind = EncodingClassifier.kind(of: Array(head.prefix(while: { $0 != 0 })))
            let hint: String
            switch kind {
            case .empty: hint = "zero bytes at the start"
            case .text: hint = "text at the start"
            default: hint = "first bytes " + head.prefix(8).map { byte in
                let text = String(byte, radix: 16)
                return text.count == 1 ? "0" + text : text
            }.joined()
            }
            let sqlite = Array("SQLite format 3".utf8)
            if head.count >= sqlite.count && Array(head.prefix(sqlite.count)) == sqlite {
                return MemoryDiscovery(
                    structure: "raw bytes", facts: "an SQLite database", key: nil, value: nil, declaration: nil,
                    notes: ["extract it with: extract memory \(id) to \"memory-\(id).sqlite\";"])
            }
            return MemoryDiscovery(
                structure: "raw bytes", facts: "no structure magic (\(hint))", key: nil, value: nil, declaration: nil,
                notes: ["extract it with: extract memory \(id) to \"memory-\(id).bin\";"])
        }
    }

    // MARK: - B-trees

    /// The key layouts discovery tries on a v2 tree.
    static let candidateLayouts: [BTreeKeyLayout] = [
        .fixed(8), .fixed(4), .fixed(16), .fixed(2), .fixed(1), .fixed(29), .fixed(32), .fixed(10), .lengthPrefixed,
    ]

    /// The key layouts under which the tree's sampled entries parse, in
    /// strictly increasing key order, with the header's count when the
    /// whole tree was read.
    static func fittingLayouts<M: Memory>(_ tree: RawBTree<M>, limit: Int = sampleLimit) -> [(BTreeKeyLayout, [RawBTreeEntry])] {
        if tree.version == 1 || tree.maxKeySize != nil {
            guard let entries = try? tree.entries(keyLayout: .lengthPrefixed, limit: limit) else { return [] }
            return [(.lengthPrefixed, entries)]
        }
        var fitting: [(BTreeKeyLayout, [RawBTreeEntry])] = []
        var widths = candidateLayouts
        // Other fixed widths (bytes<N> keys) that the page size allows.
        for width in [3, 5, 6, 7, 12, 20, 24, 64] { widths.insert(.fixed(width), at: widths.count - 1) }
        for layout in widths {
            // A few entries rule most layouts out before a whole sample is read.
            guard fits(tree, layout, limit: min(limit, 12)) != nil, let entries = fits(tree, layout, limit: limit) else { continue }
            fitting.append((layout, entries))
        }
        return fitting
    }

    /// The first `limit` entries when they parse with `layout` in strictly
    /// increasing key order (and, when that is the whole tree, as many as
    /// the header records); nil otherwise.
    static func fits<M: Memory>(_ tree: RawBTree<M>, _ layout: BTreeKeyLayout, limit: Int) -> [RawBTreeEntry]? {
        guard let entries = try? tree.entries(keyLayout: layout, limit: limit), !entries.isEmpty,
              isIncreasing(entries.map(\.key)) else { return nil }
        if entries.count < limit && UInt64(entries.count) != tree.length { return nil }
        return entries
    }

    static func isIncreasing(_ keys: [[UInt8]]) -> Bool {
        for index in keys.indices.dropFirst() where !keys[index - 1].lexicographicallyPrecedes(keys[index]) {
            return false
        }
        return true
    }

    /// The page size a new tree of bounded keys and values would get.
    static func pageSize(maxKey: Int, maxValue: Int) -> Int {
        (103 + 11 * (8 + maxKey + maxValue)) * 3 / 4
    }

    static func discoverBTree<M: Memory>(_ memory: M, id: UInt8) -> MemoryDiscovery {
        let tree: RawBTree<M>
        do throws(StableError) {
            tree = try RawBTree(memory)
        } catch {
            return MemoryDiscovery(structure: "BTreeMap", facts: "unreadable header: \(error)", key: nil, value: nil, declaration: nil)
        }
        let layoutText = tree.version == 1
            ? "layout v1 (max key \(tree.maxKeySize ?? 0) bytes, max value \(tree.maxValueSize ?? 0) bytes)"
            : "layout v2, page size \(tree.pageSize)"
        let facts = "\(tree.length) entr\(tree.length == 1 ? "y" : "ies"), \(layoutText)"
        if tree.length == 0 {
            return MemoryDiscovery(
                structure: "BTreeMap", facts: facts, key: nil, value: nil, declaration: nil,
                notes: ["the map is empty: its types cannot be guessed from its bytes"])
        }
        var candidates = fittingLayouts(tree)
        guard !candidates.isEmpty else {
            return MemoryDiscovery(
                structure: "BTreeMap", facts: facts, key: nil, value: nil, declaration: nil,
                notes: ["corrupted: the nodes parse under no key layout"])
        }
        if candidates.count > 1 {
            // Prefer the layout the page size of a new tree of those types explains.
            let explained = candidates.filter { layout, entries in
                guard case let .fixed(width) = layout else { return false }
                let values = entries.map(\.value.count)
                guard let maxValue = values.max(), values.allSatisfy({ $0 == maxValue }) else { return false }
                return pageSize(maxKey: width, maxValue: maxValue) == tree.pageSize
            }
            if !explained.isEmpty {
                candidates = explained
            } else if tree.pageSize == 1024, let prefixed = candidates.first(where: { $0.0 == .lengthPrefixed }) {
                candidates = [prefixed]
            }
        }
        let (layout, entries) = candidates[0]
        let keys = entries.map(\.key)
        let values = entries.map(\.value)
        var keyGuess: EncodingGuess
        switch layout {
        case .fixed:
            keyGuess = EncodingClassifier.guessFixedWidth(keys, allowText: true)
                ?? EncodingGuess(typeName: "blob", summary: "keys", fitting: keys.count, sampled: keys.count)
            if keyGuess.typeName == "bool" { keyGuess.typeName = "u8" }
            keyGuess.summary += ", ascending"
        case .lengthPrefixed:
            if tree.version == 1, let fixed = EncodingClassifier.guessFixedWidth(keys, allowText: true),
               Int(tree.maxKeySize ?? 0) == keys[0].count {
                keyGuess = fixed
            } else {
                keyGuess = EncodingClassifier.guessVariable(keys, noun: "keys")
                if keyGuess.typeName == "candid" || keyGuess.typeName == "cbor" || keyGuess.typeName == "unit" {
                    keyGuess.typeName = "blob"
                }
            }
            keyGuess.summary += ", length-prefixed"
        }
        let isSet = values.allSatisfy(\.isEmpty)
        let valueGuess = isSet
            ? EncodingGuess(typeName: "unit", summary: "empty (a set)", fitting: values.count, sampled: values.count)
            : EncodingClassifier.guessVariable(values, noun: "values")
        var notes: [String] = []
        if candidates.count > 1 {
            notes.append("other key layouts also fit: " + candidates.dropFirst().map { "\($0.0)" }.joined(separator: ", "))
        }
        let declaration = isSet
            ? "let set\(id) = set(\(id)) of \(keyGuess.typeName);"
            : "let map\(id) = map(\(id)) of \(keyGuess.typeName) -> \(valueGuess.typeName);"
        return MemoryDiscovery(
            structure: isSet ? "BTreeSet" : "BTreeMap", facts: facts, key: keyGuess, value: valueGuess,
            declaration: declaration, notes: notes)
    }

    // MARK: - Cells, vecs, heaps, logs

    static func discoverCell<M: Memory>(_ memory: M, id: UInt8) -> MemoryDiscovery {
        guard let bytes = try? RawContents.cellValue(memory) else {
            return MemoryDiscovery(structure: "Cell", facts: "unreadable value", key: nil, value: nil, declaration: nil)
        }
        let length = bytes.count
        var guess = EncodingClassifier.guessVariable([bytes], noun: "values")
        if let fixed = EncodingClassifier.guessFixedWidth([bytes], allowText: false), guess.typeName == "principal",
           !fixed.typeName.hasPrefix("bytes") {
            guess = fixed
        }
        let defaults = ["string": "\"\"", "blob": "x\"\"", "cbor": "none", "bool": "false", "unit": "()"]
        let declaration: String
        if guess.typeName == "candid" {
            declaration = "let cell\(id) = cell(\(id)) of candid default x\"\";  -- the default is never used: the cell holds a value"
        } else {
            declaration = "let cell\(id) = cell(\(id)) of \(guess.typeName) default \(defaults[guess.typeName] ?? "0");"
        }
        return MemoryDiscovery(
            structure: "Cell", facts: "a \(length)-byte value", key: nil, value: guess, declaration: declaration)
    }

    static func discoverVec<M: Memory>(_ memory: M, id: UInt8, kind: String, keyword: String) -> MemoryDiscovery {
        guard let header = try? RawContents.arrayHeader(memory) else {
            return MemoryDiscovery(structure: kind, facts: "unreadable header", key: nil, value: nil, declaration: nil)
        }
        let count = header.count
        let size = header.maxSize
        let isFixed = header.isFixedSize
        let samples = (try? RawContents.arrayElements(memory, limit: sampleLimit)) ?? []
        let facts = "\(count) element\(count == 1 ? "" : "s"), \(isFixed ? "fixed" : "at most") \(size) bytes each"
        guard !samples.isEmpty else {
            let guess = EncodingClassifier.guessBounded([], maxSize: size, isFixed: isFixed)
            return MemoryDiscovery(
                structure: kind, facts: facts, key: nil, value: nil,
                declaration: "let \(keyword)\(id) = \(keyword)(\(id)) of \(guess.typeName);")
        }
        let guess = EncodingClassifier.guessBounded(samples, maxSize: size, isFixed: isFixed)
        return MemoryDiscovery(
            structure: kind, facts: facts, key: nil, value: guess,
            declaration: "let \(keyword)\(id) = \(keyword)(\(id)) of \(guess.typeName);")
    }

    static func discoverLog<M: Memory>(index: M, id: UInt8, data: (UInt8, M)?) -> MemoryDiscovery {
        guard let count = try? RawContents.logCount(index: index) else {
            return MemoryDiscovery(structure: "Log", facts: "unreadable index", key: nil, value: nil, declaration: nil)
        }
        let facts = "\(count) entr\(count == 1 ? "y" : "ies")"
        guard let (dataId, data) = data else {
            return MemoryDiscovery(
                structure: "Log", facts: facts + "; no data memory (magic \"GLD\") found", key: nil, value: nil, declaration: nil)
        }
        let samples = (try? RawContents.logEntries(index: index, data: data, limit: sampleLimit)) ?? []
        let guess = EncodingClassifier.guessVariable(samples, noun: "entries")
        return MemoryDiscovery(
            structure: "Log", facts: facts + ", index in memory \(id), data in memory \(dataId)", key: nil, value: guess,
            declaration: "let log\(id) = log(\(id), \(dataId)) of \(guess.typeName);")
    }
}
