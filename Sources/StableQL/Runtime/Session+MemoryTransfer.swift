#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StableStructures

// `extract memory N to "PATH";` and `patch memory N from "PATH";`: a virtual
// memory's bytes as a file (an SQLite database kept in a memory, say).
extension Session {
    /// Writes memory N's bytes (its size in pages × 64 KiB) to `path`.
    func extractMemory(_ expression: Expression, to path: String) throws(QLError) -> QueryResult {
        let id = try memoryId(expression, context: "extract")
        guard let manager, let memoryId = try? MemoryId(id) else {
            throw QLError("extract: a raw image has no memory manager, so no virtual memories")
        }
        try refuseImageFile(path, context: "extract")
        let virtual = manager.memory(memoryId)
        let count = virtual.size * 65536
        do throws(StableError) {
            try SnapshotFolder.replaceFile(path, with: try RawContents.bytes(of: virtual), folder: Session.folder(of: path))
        } catch {
            throw QLError(.io, "extract: \(error)")
        }
        return .message("extracted memory \(id) (\(Session.pages(virtual.size)), \(count) bytes) to \(path)")
    }

    /// Replaces memory N's contents with the bytes of the file at `path`,
    /// growing the memory as needed and zeroing what lies past the file's end.
    func patchMemory(_ expression: Expression, from path: String) throws(QLError) -> QueryResult {
        let id = try memoryId(expression, context: "patch")
        guard let manager, let memoryId = try? MemoryId(id) else {
            throw QLError("patch: a raw image has no memory manager, so no virtual memories")
        }
        if let user = structures.values.first(where: { $0.memoryIds.contains(id) }) {
            throw QLError("patch: memory \(id) is used by `\(user.name)`; drop it first")
        }
        if memory.isReadOnly { throw QLError(.library(.readOnly(path: image?.path ?? "")), "patch: the image is open readonly") }
        let bytes: [UInt8]
        do throws(StableError) {
            bytes = try SnapshotFolder.readFile(path)
        } catch {
            throw QLError(.io, "patch: \(error)")
        }
        let virtual = manager.memory(memoryId)
        let before: UInt64
        do throws(StableError) {
            (before, _) = try RawContents.replace(virtual, with: bytes)
        } catch {
            throw QLError(.library(error), "patch: memory \(id): \(error)")
        }
        let grown = virtual.size > before ? ", grown from \(Session.pages(before))" : ""
        return .message("patched memory \(id) with \(bytes.count) bytes from \(path) (\(Session.pages(virtual.size))\(grown))")
    }

    /// Refuses a path that is the open image file itself (or its metadata).
    func refuseImageFile(_ path: String, context: String) throws(QLError) {
        guard let image else { return }
        var target = stat()
        guard stat(path, &target) == 0 else { return }
        var protected = [image.path]
        if let folder = image.snapshot?.folder { protected.append(folder.metadataPath) }
        for file in protected {
            var status = stat()
            if stat(file, &status) == 0 && status.st_dev == target.st_dev && status.st_ino == target.st_ino {
                throw QLError(.io, "\(context): \(path) is the open image's own \(file.hasSuffix(".json") ? "metadata" : "file"); choose another path")
            }
        }
    }

    /// The folder holding `path`, for syncing a rename.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
