import StableStructures

// Snapshot folders (`dfx canister snapshot download --dir DIR`): `open "DIR"`
// opens DIR/stable_memory.bin, and every commit that changes its size
// rewrites metadata.json's `stable_memory_size` before the statement's lock
// is released. A commit is durable once its journal is gone; the metadata
// follows it, and a crash in between is repaired by the next read-write open.
extension Session {
    /// The snapshot folder at `path`, nil when `path` is not a folder.
    func openSnapshotFolder(_ path: String, readOnly: Bool) throws(QLError) -> SnapshotFolder? {
        guard SnapshotFolder.isDirectory(path) else { return nil }
        guard SnapshotFolder.isSnapshotFolder(path) else {
            throw QLError(.io, "open: \(path) is a folder without \(SnapshotFolder.metadataName): "
                + "open an image file, or a folder written by `dfx canister snapshot download --dir`")
        }
        do throws(StableError) {
            return try SnapshotFolder(path: path)
        } catch {
            throw QLError(.library(error), "open: \(path): \(error)")
        }
    }

    /// A read-only snapshot folder without `stable_memory.bin`: an empty,
    /// read-only stable memory; nothing in the folder is opened for writing.
    func openEmptySnapshot(_ folder: SnapshotFolder) throws(QLError) {
        let file: FileMemory
        do throws(StableError) {
            file = try FileMemory(path: "/dev/null", readOnly: true)
        } catch {
            throw QLError(.io, "open: \(error)")
        }
        let recorded = (try? folder.metadata().stableMemorySize) ?? 0
        closeImage()
        memory = StatementMemory(file: file, readOnly: true)
        structures.removeAll()
        manager = nil
        // `upgrade` re-opens the path: the empty file stands in for the absent one.
        image = ImageSettings(
            path: "/dev/null", readOnly: true, raw: true, coordinator: nil,
            snapshot: SnapshotBinding(folder: folder, recordedSize: recorded))
    }

    /// Records the open image's snapshot folder; read-write, makes its
    /// metadata agree with the file (a new manager's first page, or a
    /// commit whose metadata update a crash interrupted).
    func attachSnapshot(_ folder: SnapshotFolder) throws(QLError) {
        let recorded = (try? folder.metadata().stableMemorySize) ?? 0
        image?.snapshot = SnapshotBinding(folder: folder, recordedSize: recorded)
        if image?.readOnly == false && !synchronizeSnapshotMetadata() {
            throw QLError(.io, "open: \(folder.metadataPath) cannot be updated")
        }
    }

    /// After a commit: rewrites the snapshot's metadata when the stable
    /// memory's size changed. False, with an error, when it cannot (the
    /// commit itself stands).
    func synchronizeSnapshotMetadata() -> Bool {
        guard let binding = image?.snapshot, image?.readOnly == false, let file = memory.file else { return true }
        let size = file.size * 65536
        guard size != binding.recordedSize else { return true }
        do throws(StableError) {
            try binding.folder.synchronizeMetadata()
            binding.recordedSize = size
            return true
        } catch {
            report(QLError(.library(error),
                "the stable memory is saved, but \(binding.folder.metadataPath) could not be updated (\(error)); "
                    + "open the folder read-write again to repair it"))
            return false
        }
    }

    /// `describe;`: the open image, its layout and a snapshot's metadata.
    func describeImage() throws(QLError) -> QueryResult {
        guard let image else {
            let pages = memory.size
            return .message("no image is open: an in-heap memory of \(Session.pages(pages)), "
                + (manager.map { "memory manager with \($0.allocatedBucketCount) of 32768 buckets in use" } ?? "raw"))
        }
        var lines: [String] = []
        let pages = memory.size
        let mode = image.readOnly ? "read-only" : "read-write"
        if let folder = image.snapshot?.folder, image.coordinator == nil {
            lines.append("image: \(folder.stableMemoryPath) is absent: an empty stable memory, \(mode)")
        } else {
            lines.append("image: \(image.path), \(Session.pages(pages)) (\(pages * 65536) bytes), \(mode)")
        }
        if let manager {
            var used = 0
            for raw in 0...MemoryId.maxValue {
                guard let id = try? MemoryId(raw), manager.size(of: id) > 0 else { continue }
                used += 1
            }
            lines.append("layout: memory manager, bucket size \(manager.bucketSizeInPages) pages, "
                + "\(manager.allocatedBucketCount) buckets allocated, \(used) memor\(used == 1 ? "y" : "ies") in use")
        } else {
            let found = StoredStructure.identify(memory)?.name ?? (pages == 0 ? "nothing" : "unknown bytes")
            lines.append("layout: raw (no memory manager), holding \(found) at offset 0")
        }
        if let binding = image.snapshot {
            lines.append(contentsOf: Session.snapshotLines(binding.folder, filePages: pages))
        }
        return .message(lines.joined(separator: "\n"))
    }

    static func pages(_ count: UInt64) -> String { count == 1 ? "1 page" : "\(count) pages" }

    /// The snapshot part of `describe;`.
    static func snapshotLines(_ folder: SnapshotFolder, filePages: UInt64) -> [String] {
        var lines = ["snapshot folder: \(folder.path)"]
        let metadata: SnapshotMetadata
        do throws(StableError) {
            metadata = try folder.metadata()
        } catch {
            return lines + ["metadata: cannot be read: \(error)"]
        }
        if let taken = metadata.integer("taken_at_timestamp") {
            lines.append("taken at: \(UTCTime.iso8601(nanoseconds: taken)) (taken_at_timestamp \(taken))")
        }
        if let source = metadata.tag("source") { lines.append("source: \(source)") }
        if let version = metadata.integer("canister_version") { lines.append("canister version: \(version)") }
        var sizes: [String] = []
        if let module = metadata.integer("wasm_module_size") { sizes.append("wasm module \(module) bytes") }
        if let heap = metadata.integer("wasm_memory_size") { sizes.append("wasm memory \(heap) bytes") }
        sizes.append("stable memory \(metadata.stableMemorySize) bytes")
        if let chunks = metadata.arrayCount("wasm_chunk_store") { sizes.append("\(chunks) wasm chunk\(chunks == 1 ? "" : "s")") }
        lines.append("sizes: " + sizes.joined(separator: ", "))
        if let timer = metadata.rawValue("global_timer") { lines.append("global timer: \(Session.compact(timer))") }
        let fileBytes = filePages * 65536
        if metadata.stableMemorySize == fileBytes {
            lines.append("upload: ready (stable_memory_size equals stable_memory.bin's \(fileBytes) bytes)")
        } else {
            lines.append("upload: NOT ready: stable_memory_size is \(metadata.stableMemorySize) but stable_memory.bin has "
                + "\(fileBytes) bytes; open the folder read-write to repair it")
        }
        return lines
    }

    /// JSON text on one line (whitespace outside strings removed).
    static func compact(_ json: String) -> String {
        var out = ""
        var inString = false
        var escaped = false
        for character in json {
            if inString {
                out.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
                out.append(character)
            } else if !character.isWhitespace {
                out.append(character)
            }
        }
        return out
    }
}

/// Formats Unix times in UTC without Foundation.
enum UTCTime {
    /// `2025-03-01T12:34:56Z` for nanoseconds since the Unix epoch.
    static func iso8601(nanoseconds: UInt64) -> String {
        let seconds = Int64(nanoseconds / 1_000_000_000)
        let days = seconds / 86400
        let rest = seconds % 86400
        // Civil date from a day count (Howard Hinnant's algorithm).
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
}
