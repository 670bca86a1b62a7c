import StableStructures

extension Session {
    /// `let NAME = kind(ids) of … ;`
    func declare(name: String, declaration: StructureDeclaration) throws(QLError) {
        if structures[name] != nil || variables[name] != nil {
            throw QLError("`\(name)` is already bound; drop it first")
        }
        var ids: [UInt8] = []
        for expression in declaration.memoryIds {
            ids.append(try memoryId(expression, context: "\(declaration.kind.rawValue)"))
        }
        if manager == nil {
            guard ids.isEmpty else {
                throw QLError("this image is raw (no memory manager): declare without a memory id, as in \(declaration.kind.rawValue)() of …")
            }
            if let user = structures.values.first {
                throw QLError("a raw image holds one structure, already used by `\(user.name)`")
            }
        } else {
            guard !ids.isEmpty else {
                throw QLError("\(declaration.kind.rawValue)() needs a memory id (0...254) unless the image is raw")
            }
            if ids.count == 2 && ids[0] == ids[1] {
                throw QLError("a log needs two different memories, found \(ids[0]) twice")
            }
            for id in ids {
                if let user = structures.values.first(where: { $0.memoryIds.contains(id) }) {
                    throw QLError("memory \(id) is already used by `\(user.name)`")
                }
            }
        }
        let environment = typeEnvironment
        var elementType = try QLType(declaration.elementType, in: environment)
        if declaration.kind == .set { elementType = elementType.asKey }
        let keyType: QLType? = try declaration.keyType.map { (written) throws(QLError) in try QLType(written, in: environment).asKey }
        switch declaration.kind {
        case .map: try keyType?.validateAsKey(role: "map key")
        case .set: try elementType.validateAsKey(role: "set element")
        case .vec: try elementType.validateBounded(role: "vec element")
        case .heap: try elementType.validateBounded(role: "heap element")
        case .log, .cell: break
        }
        var defaultValue: Value? = nil
        if let expression = declaration.defaultValue {
            do throws(QLError) {
                defaultValue = try elementType.convert(try evaluate(expression))
            } catch {
                throw error.prefixed("cell default")
            }
        }
        if memory.isReadOnly {
            let empty = manager.map { manager in
                ids.contains { id in (try? MemoryId(id)).map { manager.size(of: $0) == 0 } ?? true }
            } ?? (memory.size == 0)
            if empty {
                throw QLError("the image is open readonly and \(ids.isEmpty ? "empty" : "memory \(ids.map(String.init).joined(separator: "/")) is empty"): there is no \(declaration.kind.rawValue) to load")
            }
        }
        do throws(QLError) {
            try checkStoredTypes(kind: declaration.kind, ids: ids, keyType: keyType, elementType: elementType)
        } catch {
            throw error.prefixed("let \(name)")
        }
        let box: any StructureBinding
        do throws(QLError) {
            box = try makeBox(
                kind: declaration.kind, memoryIds: ids, keyType: keyType, elementType: elementType,
                defaultValue: defaultValue)
        } catch {
            throw Session.namingMemory(error, ids: ids, kind: declaration.kind)
        }
        structures[name] = BindingRecord(
            name: name, kind: declaration.kind, memoryIds: ids, keyType: keyType, elementType: elementType,
            defaultValue: defaultValue, box: box)
    }

    /// Names the memory in a "holds another kind" error of a declaration, as
    /// the language reference words it: `memory 3 holds a Vec (magic "SVC"),
    /// not a BTreeMap` (for a log, the index or the data memory; in raw mode,
    /// the image). Other errors pass unchanged.
    static func namingMemory(_ error: QLError, ids: [UInt8], kind: StructureKind) -> QLError {
        guard case let .library(.badMagic(expected, found)) = error.kind else { return error }
        let subject: String
        if ids.isEmpty {
            subject = "the image"
        } else if kind == .log && ids.count == 2 && expected == StoredStructure.logData.name {
            // The library names the structure it expected; a log's second memory is its data.
            subject = "memory \(ids[1])"
        } else {
            subject = "memory \(ids[0])"
        }
        return QLError(error.kind, StructureFactory.foreignStructure(in: subject, expected: expected, found: found))
    }

    /// Calls a method on a structure binding named by `receiver`.
    func callMethod(receiver: Expression, method: String, arguments: [Expression]) throws(QLError) -> MethodResult {
        // Only the box is taken: copying the whole record costs a retain and a
        // release per field on every call.
        guard case let .variable(name) = receiver.kind, let index = structures.index(forKey: name) else {
            throw notAStructure(receiver, method)
        }
        let box = structures.values[index].box
        var evaluated: [Argument] = []
        evaluated.reserveCapacity(arguments.count)
        for argument in arguments {
            if case let .range(lower, upper, inclusive) = argument.kind {
                evaluated.append(.range(
                    lower: try lower.map { (bound) throws(QLError) in try evaluate(bound) },
                    upper: try upper.map { (bound) throws(QLError) in try evaluate(bound) },
                    inclusive: inclusive))
            } else {
                evaluated.append(.value(try evaluate(argument)))
            }
        }
        try checkInterrupt()
        guard let bound = box.method(named: method) else { throw noMethod(method, binding: name, kind: box.kind) }
        return try invoke(bound, evaluated, binding: name)
    }

    /// Runs a resolved method, naming the call (`users.insert: …`) in its
    /// errors and in the errors of the rows it produces.
    func invoke(_ method: BoundMethod, _ arguments: [Argument], binding name: String) throws(QLError) -> MethodResult {
        do throws(QLError) {
            let result = try method.call(arguments)
            if case let .rows(source) = result { return .rows(source.labelled("\(name).\(method.signature.name)")) }
            return result
        } catch {
            throw error.prefixed("\(name).\(method.signature.name)")
        }
    }

    /// `x.m: 'x' is not a structure binding`.
    func notAStructure(_ receiver: Expression, _ method: String) -> QLError {
        let text = text(of: receiver.range)
        return QLError(.name, "'\(text)' is not a structure binding").prefixed("\(text).\(method)")
    }

    /// `m.f: a map has no method 'f' (it has …)`, listing the kind's methods.
    func noMethod(_ method: String, binding name: String, kind: StructureKind) -> QLError {
        let methods = kind.methods.map(\.name).sorted().joined(separator: ", ")
        return QLError(.name, "a \(kind.rawValue) has no method '\(method)' (it has \(methods))").prefixed("\(name).\(method)")
    }

    /// Collects the rows of an iteration, honouring `limit` and `maxRows`.
    func collect(_ source: RowSource, limit: Int?) throws(QLError) -> ResultRows {
        var rows: [[Value]] = []
        var omitted = 0
        let cut = limit == nil && options.mode != .json && options.mode != .csv ? options.maxRows : nil
        let keep = limit ?? cut ?? Int.max
        try source.produce { (row) throws(QLError) -> Bool in
            try checkInterrupt()
            if rows.count < keep {
                rows.append(row)
                return true
            }
            if limit != nil { return false }
            omitted += 1
            return true
        }
        return ResultRows(columns: source.columns, rows: rows, omitted: omitted)
    }

    /// `describe NAME;`
    func describe(_ name: String) throws(QLError) -> QueryResult {
        if let value = variables[name] {
            return .message("\(name): scalar \(value.kindName) = \(value.literal)")
        }
        guard let record = structures[name] else {
            if let type = types[name] { return describeType(type) }
            if let described = describeCandid(name) { return described }
            throw QLError(.name, "describe: no binding named '\(name)'")
        }
        var lines = ["\(name): \(record.kind.libraryName) (\(record.kind.rawValue))"]
        if record.memoryIds.isEmpty {
            lines.append("  memory: the raw image (offset 0)")
        } else {
            lines.append("  memory: " + record.memoryIds.map(String.init).joined(separator: ", "))
        }
        if let keyType = record.keyType { lines.append("  key type: \(keyType)") }
        lines.append("  \(record.kind == .map ? "value" : "element") type: \(record.elementType)")
        lines.append("  length: \(try record.box.length())")
        var pages: UInt64 = 0
        if let manager {
            for id in record.memoryIds {
                if let memoryId = try? MemoryId(id) { pages += manager.size(of: memoryId) }
            }
        } else {
            pages = memory.size
        }
        lines.append("  bytes used: \(pages * wasmPageSize) (\(pages) page\(pages == 1 ? "" : "s"))")
        lines += try record.box.details().map { "  " + $0 }
        return .message(lines.joined(separator: "\n"))
    }

    /// A binding's length and a checksum of its contents (FNV-1a 64 over the
    /// literal text of its elements in order), for `upgrade`.
    func fingerprint(_ box: any StructureBinding, name: String, when: String) throws(QLError) -> (length: UInt64, checksum: UInt64) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var count: UInt64 = 0
        let total = try box.length()
        try box.forEach { (element) throws(QLError) -> Bool in
            try checkInterrupt()
            tick("upgrade: checking \(name) (\(when))", count, total)
            for byte in element.literal.utf8 + [0x0A] {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            count += 1
            return true
        }
        return (count, hash)
    }

    /// `upgrade;`: flush, drop all heap state, re-open, re-attach, compare.
    ///
    /// `upgrade fast;` skips the checksums (and the check that evolved record
    /// types read every entry), comparing lengths only, so its time does not
    /// depend on the number of entries.
    func upgrade(verify: Bool = true) throws(QLError) -> QueryResult {
        var before: [String: (length: UInt64, checksum: UInt64)] = [:]
        for (name, record) in structures {
            before[name] = verify
                ? try fingerprint(record.box, name: name, when: "before") : (length: try record.box.length(), checksum: 0)
        }
        // Bindings re-attach with their types as declared now; a binding whose
        // type changed must read every entry with the new type before anything
        // is torn down.
        let evolved = try evolvedTypes(check: verify)
        do throws(StableError) {
            try memory.sync()
        } catch {
            throw QLError("upgrade: cannot flush the image: \(error)")
        }
        // Drop every box and the manager before re-opening.
        let declarations = structures
        for name in structures.keys { structures[name]?.box = PlaceholderBinding() }
        manager = nil
        if let image {
            memory.close()
            do throws(StableError) {
                memory = StatementMemory(
                    file: try FileMemory(recovering: image.path, readOnly: image.readOnly), readOnly: image.readOnly)
            } catch {
                structures.removeAll()
                memory = StatementMemory()
                manager = try? MemoryManager(memory)
                self.image = nil
                throw QLError("upgrade: cannot re-open \(image.path): \(error); back on an in-heap memory")
            }
        }
        structures = declarations
        for (name, types) in evolved {
            structures[name]?.keyType = types.keyType
            structures[name]?.elementType = types.elementType
            structures[name]?.defaultValue = types.defaultValue
        }
        reattachAll()
        var rows: [[Value]] = []
        var mismatches: [String] = []
        for name in declarations.keys.sorted() {
            guard let old = before[name] else { continue }
            guard let record = structures[name] else {
                mismatches.append(name)
                rows.append([.string(name), .int(old.length), .string(hexChecksum(old.checksum)), .none, .none, .string("lost")])
                continue
            }
            let new = verify
                ? try fingerprint(record.box, name: name, when: "after") : (length: try record.box.length(), checksum: 0)
            // An evolved type reads the same entries differently (defaults
            // filled in): only the length must survive.
            let isEvolved = evolved[name] != nil
            let same = new.length == old.length && (isEvolved || new.checksum == old.checksum)
            if !same { mismatches.append(name) }
            rows.append([
                .string(name), .int(old.length), verify ? .string(hexChecksum(old.checksum)) : .none,
                .int(new.length), verify ? .string(hexChecksum(new.checksum)) : .none,
                .string(!same ? "MISMATCH" : isEvolved ? "evolved" : "ok"),
            ])
        }
        if !mismatches.isEmpty {
            emit(.rows(ResultRows(columns: Session.upgradeColumns, rows: rows)))
            throw QLError("upgrade: \(mismatches.joined(separator: ", ")) did not survive")
        }
        return .rows(ResultRows(columns: Session.upgradeColumns, rows: rows))
    }

    /// The bindings whose declared types name a record type declared
    /// differently now, with their refreshed types — after checking, with
    /// `check`, that every entry decodes with them (else the error names the
    /// entries).
    func evolvedTypes(check: Bool) throws(QLError) -> [String: EvolvedTypes] {
        var evolved: [String: EvolvedTypes] = [:]
        for name in structures.keys.sorted() {
            guard let record = structures[name] else { continue }
            let keyType = record.keyType?.refreshed(types).refreshedCandid(typeEnvironment)
            let elementType = record.elementType.refreshed(types).refreshedCandid(typeEnvironment)
            guard keyType != record.keyType || elementType != record.elementType else { continue }
            var defaultValue = record.defaultValue
            do throws(QLError) {
                defaultValue = try defaultValue.map { (value) throws(QLError) in try elementType.convert(value) }
                let probe = try makeBox(
                    kind: record.kind, memoryIds: record.memoryIds, keyType: keyType, elementType: elementType,
                    defaultValue: defaultValue)
                if check { _ = try fingerprint(probe, name: name, when: "with the new type") }
            } catch {
                throw QLError("upgrade: `\(name)` cannot be read with the new definition of \(elementType): \(error.message); nothing was changed")
            }
            evolved[name] = EvolvedTypes(keyType: keyType, elementType: elementType, defaultValue: defaultValue)
        }
        return evolved
    }

    static let upgradeColumns = ["binding", "length before", "checksum before", "length after", "checksum after", "status"]

    func hexChecksum(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// Stands in for a dropped box during `upgrade`, so no library object
/// outlives the teardown.
final class PlaceholderBinding: StructureBinding {
    var kind: StructureKind { .map }
    func method(named name: String) -> BoundMethod? { nil }
    func forEach(_ body: (Value) throws(QLError) -> Bool) throws(QLError) {}
    func length() throws(QLError) -> UInt64 { 0 }
    func invariantViolations() -> [InvariantViolation] { [] }
}

/// The types a binding re-attaches with after its record types evolved.
struct EvolvedTypes {
    let keyType: QLType?
    let elementType: QLType
    let defaultValue: Value?
}
