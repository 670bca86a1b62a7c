import StableStructures

extension Session {
    /// Undoes a failed statement: restores the memory's bytes, then — if the
    /// statement had written anything, or the memory is read-only — rebuilds
    /// the memory manager and every binding from the restored bytes, since
    /// their in-heap state may reflect the undone writes. (On a read-only
    /// image a refused write changes no byte, but the structure may already
    /// have updated its in-heap length or root before the write failed.)
    func rollBack(_ journaled: StatementMemory, structures saved: [String: BindingRecord]) {
        let touched = journaled.hasChanges || journaled.isReadOnly
        journaled.rollback()
        structures = saved
        guard touched, journaled === memory else { return }
        reattachAll()
    }

    /// Re-creates the memory manager from the memory and every binding from
    /// its declaration (the library's load path). Bindings that cannot be
    /// re-attached are dropped with an error.
    @discardableResult
    func reattachAll() -> Bool {
        if image?.raw != true {
            do throws(StableError) {
                manager = try MemoryManager(memory)
            } catch {
                output.writeError("error: cannot reload the memory manager: \(error)\n")
                manager = nil
            }
        }
        var allGood = true
        for name in structures.keys.sorted() {
            guard let record = structures[name] else { continue }
            do throws(QLError) {
                structures[name]?.box = try makeBox(
                    kind: record.kind, memoryIds: record.memoryIds, keyType: record.keyType,
                    elementType: record.elementType, defaultValue: record.defaultValue)
            } catch {
                output.writeError("error: cannot re-attach `\(name)`: \(error.message); the binding is dropped\n")
                structures[name] = nil
                allGood = false
            }
        }
        return allGood
    }

    /// Creates a structure box on the given memory ids (raw mode: none).
    func makeBox(
        kind: StructureKind, memoryIds: [UInt8], keyType: QLType?, elementType: QLType, defaultValue: Value?
    ) throws(QLError) -> any StructureBinding {
        let place: StructureFactory.Place
        if let manager {
            var memories: [VirtualMemory<StatementMemory>] = []
            for id in memoryIds {
                do throws(StableError) {
                    memories.append(manager.memory(try MemoryId(id)))
                } catch {
                    throw QLError("\(error)")
                }
            }
            place = .managed(memories)
        } else {
            place = .raw(memory)
        }
        return try StructureFactory.make(
            kind: kind, keyType: keyType, elementType: elementType, defaultValue: defaultValue, place: place)
    }

    /// `open "path" [readonly] [raw] [bucket_size N];`
    func openImage(path: String, options: OpenOptions) throws(QLError) {
        var bucketSize = MemoryManager<StatementMemory>.defaultBucketSize
        if let expression = options.bucketSize {
            let value = try evaluate(expression)
            guard case let .integer(integer) = value, let size = integer.exactly(UInt16.self), size > 0 else {
                throw QLError("open: bucket_size must be 1...65535 pages, found \(value.literal)")
            }
            bucketSize = size
        }
        let snapshot = try openSnapshotFolder(path, readOnly: options.readOnly)
        if let snapshot, options.readOnly, !snapshot.hasStableMemory {
            // No stable_memory.bin: an empty stable memory, and nothing to lock.
            try openEmptySnapshot(snapshot)
            return
        }
        let path = snapshot?.stableMemoryPath ?? path
        // Recovery and a new image's first header happen under the write lock.
        let coordinator: ImageCoordinator
        let file: FileMemory
        do throws(StableError) {
            coordinator = try ImageCoordinator(
                imagePath: path, readOnly: options.readOnly, busyTimeoutMilliseconds: self.options.busyTimeoutMilliseconds)
        } catch {
            throw QLError(.io, "open: \(error)")
        }
        do throws(StableError) {
            _ = try coordinator.begin(.read)
            file = try FileMemory(path: path, readOnly: options.readOnly)
            if file.size == 0 && !options.readOnly {
                // Another process may create the image's first header meanwhile.
                coordinator.end()
                _ = try coordinator.begin(.write)
                try file.reloadSize()
            }
        } catch {
            coordinator.end()
            throw QLError("open: \(error)")
        }
        defer { coordinator.end() }
        let candidate = StatementMemory(file: file, readOnly: options.readOnly)
        var newManager: MemoryManager<StatementMemory>? = nil
        var raw = options.raw
        if candidate.size == 0 {
            if !raw && !options.readOnly {
                do throws(StableError) {
                    newManager = try MemoryManager(candidate, bucketSize: bucketSize)
                } catch {
                    candidate.close()
                    throw QLError("open: \(error)")
                }
            }
            raw = raw || options.readOnly
        } else {
            if StoredStructure.identify(candidate) == .memoryManager {
                if raw {
                    candidate.close()
                    throw QLError("open: \(path) holds a memory manager; it cannot be opened raw")
                }
                do throws(StableError) {
                    newManager = try MemoryManager(candidate)
                } catch {
                    candidate.close()
                    throw QLError("open: \(path): \(error)")
                }
            } else {
                raw = true
            }
        }
        closeImage()
        memory = candidate
        structures.removeAll()
        manager = newManager
        image = ImageSettings(path: path, readOnly: options.readOnly, raw: raw, coordinator: coordinator)
        if let snapshot { try attachSnapshot(snapshot) }
    }

    /// Flushes and closes the image (if any); back to a fresh in-heap memory.
    /// Structure bindings are dropped; scalars stay.
    func closeImage() {
        do throws(StableError) {
            try memory.sync()
        } catch {
            output.writeError("error: the last changes could not be saved: \(error)\n")
        }
        memory.close()
        structures.removeAll()
        memory = StatementMemory()
        manager = try? MemoryManager(memory)
        image = nil
    }

    /// `memories;`: the memory manager's layout.
    func memoriesResult() throws(QLError) -> QueryResult {
        guard let manager else {
            var found = StoredStructure.identify(memory)?.name ?? (memory.size == 0 ? "nothing" : "unknown bytes")
            // Sets and maps share the B-tree magic; a live binding tells them apart.
            if found == "BTreeMap", structures.values.contains(where: { $0.kind == .set }) { found = "BTreeSet" }
            let pages = memory.size == 1 ? "1 page" : "\(memory.size) pages"
            return .message("raw image (no memory manager), \(pages), holding \(found) at offset 0")
        }
        var rows: [[Value]] = []
        for raw in 0...MemoryId.maxValue {
            guard let id = try? MemoryId(raw) else { continue }
            let pages = manager.size(of: id)
            let binding = structures.values.first { $0.memoryIds.contains(raw) }
            let bound = binding?.name
            guard pages > 0 || bound != nil else { continue }
            let virtual = manager.memory(id)
            var structure = pages == 0 ? "empty" : StoredStructure.identify(virtual)?.name ?? "unknown"
            // Sets and maps share the B-tree magic; a live binding tells them apart.
            if structure == "BTreeMap", binding?.kind == .set { structure = "BTreeSet" }
            let buckets = manager.buckets(of: id).map(String.init).joined(separator: " ")
            let guess = pages == 0 ? "" : discover(raw).shortGuess
            rows.append([
                .int(raw), .int(pages), .string(structure), bound.map(Value.string) ?? .none,
                guess.isEmpty ? .none : .string(guess), .string(buckets),
            ])
        }
        return .rows(ResultRows(columns: ["id", "pages", "structure", "binding", "guess", "buckets"], rows: rows))
    }

    /// `reclaim ID;`
    func reclaim(_ expression: Expression) throws(QLError) -> QueryResult {
        let id = try memoryId(expression, context: "reclaim")
        guard let manager else { throw QLError("reclaim: a raw image has no memory manager") }
        if let user = structures.values.first(where: { $0.memoryIds.contains(id) }) {
            throw QLError("reclaim: memory \(id) is used by `\(user.name)`; drop it first")
        }
        do throws(StableError) {
            let pages = try manager.reclaimMemory(try MemoryId(id))
            return .message("reclaimed \(pages) page\(pages == 1 ? "" : "s") of memory \(id)")
        } catch {
            throw QLError("reclaim: \(error)")
        }
    }

    /// Evaluates a memory id (0...254).
    func memoryId(_ expression: Expression, context: String) throws(QLError) -> UInt8 {
        let value = try evaluate(expression)
        guard case let .integer(integer) = value, let id = integer.exactly(UInt8.self), id <= MemoryId.maxValue else {
            throw QLError("\(context): a memory id is 0...254, found \(value.literal)")
        }
        return id
    }
}
