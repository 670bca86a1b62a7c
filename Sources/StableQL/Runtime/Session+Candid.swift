import Candid
import Foundation

/// The Candid definitions a session has imported.
struct ImportedCandid {
    /// Every named type of every imported file.
    var types = CandidTypeEnvironment()
    /// The services of the imported files, by file path as written.
    var services: [(path: String, file: CandidDidFile)] = []
    /// The imported files as absolute paths, in the order their definitions
    /// apply (a file imported again moves to the end): what `.dump` re-imports.
    var files: [String] = []
}

extension Session {
    /// The largest `.did` file `import` reads (4 MiB).
    static let maximumDidFileBytes = 4 << 20

    /// `import "PATH.did";`: declares every named type of the file. A name
    /// declared by `type` is an error (then nothing is declared); a name
    /// imported before is replaced, as re-declaring a `type` replaces it.
    func importCandid(path: String) throws(QLError) -> QueryResult {
        let resolved = resolveScriptRelative(path)
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw QLError(.io, "import: cannot read \(path)")
        }
        guard data.count <= Session.maximumDidFileBytes else {
            throw QLError(.io, "import: \(path) is \(data.count) bytes, more than the \(Session.maximumDidFileBytes) a .did file may have")
        }
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            throw QLError(.io, "import: \(path) is not UTF-8 text")
        }
        let file: CandidDidFile
        do throws(CandidError) {
            file = try CandidText.parseDidFile(text)
        } catch {
            throw QLError(.syntax, "import \(path): \(error.message)")
        }
        var merged = CandidTypeEnvironment()
        var replaced: [String] = []
        for name in file.environment.names {
            if types[name] != nil { throw QLError(.name, "import \(path): type \(name) is already declared by `type`") }
            if candid.types[name] != nil { replaced.append(name) }
        }
        // Earlier definitions first (those not replaced), then the file's.
        do throws(CandidError) {
            for name in candid.types.names where file.environment[name] == nil {
                try merged.define(name, candid.types[name]!)
            }
            for name in file.environment.names { try merged.define(name, file.environment[name]!) }
            try merged.validate()
        } catch {
            throw QLError(.type, "import \(path): \(error.message)")
        }
        candid.types = merged
        let absolute = resolved.hasPrefix("/") ? resolved : FileManager.default.currentDirectoryPath + "/" + resolved
        candid.files.removeAll { $0 == absolute }
        candid.files.append(absolute)
        if file.service != nil { candid.services.append((path, file)) }
        let names = file.environment.names
        var message = "imported \(names.count) type\(names.count == 1 ? "" : "s") from \(path)"
        if !names.isEmpty { message += ": " + names.joined(separator: ", ") }
        if let service = file.service, case let .service(methods) = (try? file.environment.resolve(service)) ?? service {
            message += " (and a service with \(methods.count) method\(methods.count == 1 ? "" : "s"): describe service)"
        }
        if !replaced.isEmpty {
            message += "\n" + replaced.joined(separator: ", ") + (replaced.count == 1 ? " replaces its earlier definition" : " replace their earlier definitions")
                + " (bindings use the new definitions after `upgrade`)"
        }
        return .message(message)
    }

    /// `path` as given when absolute; else relative to the running script's
    /// directory, or to the working directory when not run from a file.
    func resolveScriptRelative(_ path: String) -> String {
        guard !path.hasPrefix("/"), originIsFile else { return path }
        let directory = (currentOrigin as NSString).deletingLastPathComponent
        return directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path)
    }

    /// `describe NAME` for an imported Candid type, and `describe service`
    /// for the services of the imported files; nil for other names.
    func describeCandid(_ name: String) -> QueryResult? {
        if let type = candid.types[name] {
            var lines = ["\(name): Candid type (imported; values are candid \(name))", "  type \(name) = \(CandidTypePrinter.text(type));"]
            let users = structures.values.filter { record in
                [record.keyType, record.elementType].contains { type in
                    if case let .candid(schema)? = type { return schema.name == name }
                    return false
                }
            }
            if !users.isEmpty { lines.append("  used by: " + users.map(\.name).sorted().joined(separator: ", ")) }
            return .message(lines.joined(separator: "\n"))
        }
        if name == "service", !candid.services.isEmpty {
            var lines: [String] = []
            for (path, file) in candid.services {
                var service = CandidDidFile()
                service.service = file.service
                service.serviceArguments = file.serviceArguments
                lines.append("// \(path)")
                lines.append(CandidTypePrinter.didFile(service).trimmingCharacters(in: .whitespacesAndNewlines))
            }
            return .message(lines.joined(separator: "\n"))
        }
        return nil
    }
}
