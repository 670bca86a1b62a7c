import Candid
import Foundation
import StableStructures

/// A guess at the type of a set of stored encodings (a structure's keys,
/// values or elements), with how many of the sampled encodings fit it.
struct EncodingGuess: Equatable {
    /// The type to declare, as written in StableQL (`u64`, `candid`, `blob`).
    var typeName: String
    /// What the bytes are, for people (`candid record { … }`, `UTF-8 text`).
    var summary: String
    /// How many sampled encodings fit the guess, of how many.
    var fitting: Int
    var sampled: Int

    /// `candid: 120 of 120 sampled values`.
    func confidence(_ noun: String) -> String {
        "\(fitting) of \(sampled) sampled \(noun)"
    }
}

/// Guesses types from stored bytes: fixed-width integers, Candid (`DIDL`),
/// CBOR, JSON, UTF-8 text, principals, else blobs.
enum EncodingClassifier {
    /// The recognised encodings, most specific first.
    enum Kind: Equatable {
        case empty, candid, cbor, json, text, principal, blob
    }

    /// The kind of one encoding.
    static func kind(of bytes: [UInt8]) -> Kind {
        if bytes.isEmpty { return .empty }
        if bytes.count >= 4 && bytes[0] == 0x44 && bytes[1] == 0x49 && bytes[2] == 0x44 && bytes[3] == 0x4C {
            if (try? CandidDecoder.decodeMessage(bytes)) != nil { return .candid }
        }
        if let first = bytes.first, first >> 5 == 4 || first >> 5 == 5 || first >> 5 == 6,
           (try? CBORValue.decode(bytes, maxDepth: 64)) != nil {
            return .cbor
        }
        if let text = String(validating: bytes, as: UTF8.self), isPrintable(text) {
            if let first = text.first, first == "{" || first == "[",
               (try? JSONSerialization.jsonObject(with: Data(bytes))) != nil {
                return .json
            }
            return .text
        }
        if bytes.count <= 29, let last = bytes.last, [0x01, 0x02, 0x03, 0x04, 0x7F].contains(last) { return .principal }
        return .blob
    }

    static func isPrintable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            scalar.value >= 0x20 && scalar.value != 0x7F || scalar == "\n" || scalar == "\t" || scalar == "\r"
        }
    }

    /// Guesses the type of variable-length encodings (values, log entries,
    /// length-prefixed keys). `unbounded` types (`string`, `blob`, `candid`,
    /// `cbor`) are allowed unless `bounded` asks for a maximum size.
    static func guessVariable(_ samples: [[UInt8]], noun: String) -> EncodingGuess {
        let total = samples.count
        guard total > 0 else { return EncodingGuess(typeName: "blob", summary: "no \(noun) to sample", fitting: 0, sampled: 0) }
        if let integer = guessFixedWidth(samples, allowText: false), integer.fitting == total,
           !integer.typeName.hasPrefix("bytes") {
            return integer
        }
        var counts: [Kind: Int] = [:]
        var kinds: [Kind] = []
        for sample in samples {
            let kind = kind(of: sample)
            kinds.append(kind)
            counts[kind, default: 0] += 1
        }
        // Text that is also a principal-like blob: text wins.
        let ranked = counts.sorted { $0.value > $1.value || $0.value == $1.value && rank($0.key) < rank($1.key) }
        let (best, fitting) = ranked[0]
        switch best {
        case .empty:
            if fitting == total { return EncodingGuess(typeName: "unit", summary: "empty", fitting: fitting, sampled: total) }
            let texts = (counts[.json] ?? 0) + (counts[.text] ?? 0) + fitting
            return EncodingGuess(
                typeName: texts == total ? "string" : "blob", summary: texts == total ? "UTF-8 text, mostly empty" : "mostly empty",
                fitting: texts == total ? texts : fitting, sampled: total)
        case .candid:
            let summary = candidSummary(samples.filter { kind(of: $0) == .candid })
            return fitting == total
                ? EncodingGuess(typeName: "candid", summary: "candid \(summary)", fitting: fitting, sampled: total)
                : EncodingGuess(typeName: "blob", summary: "mostly candid \(summary)", fitting: fitting, sampled: total)
        case .cbor:
            return EncodingGuess(typeName: fitting == total ? "cbor" : "blob", summary: "CBOR", fitting: fitting, sampled: total)
        case .json:
            // JSON is UTF-8 text: `string` reads it on any branch.
            let texts = (counts[.json] ?? 0) + (counts[.text] ?? 0) + (counts[.empty] ?? 0)
            return EncodingGuess(typeName: texts == total ? "string" : "blob", summary: "JSON", fitting: fitting, sampled: total)
        case .text:
            // Empty strings are text too.
            let texts = (counts[.json] ?? 0) + (counts[.text] ?? 0) + (counts[.empty] ?? 0)
            return EncodingGuess(typeName: texts == total ? "string" : "blob", summary: "UTF-8 text", fitting: texts, sampled: total)
        case .principal:
            return EncodingGuess(typeName: fitting == total ? "principal" : "blob", summary: "principals", fitting: fitting, sampled: total)
        case .blob:
            return EncodingGuess(typeName: "blob", summary: "raw bytes", fitting: fitting, sampled: total)
        }
    }

    private static func rank(_ kind: Kind) -> Int {
        switch kind {
        case .empty: return 0
        case .candid: return 1
        case .cbor: return 2
        case .json: return 3
        case .text: return 4
        case .principal: return 5
        case .blob: return 6
        }
    }

    /// Fixed-width encodings: integers (unsigned, or signed when every
    /// value sits near zero with the sign bit flipped), `bool`, else `bytes<N>`.
    /// Nil when the lengths differ (or, unless `allowText`, for printable text).
    static func guessFixedWidth(_ samples: [[UInt8]], allowText: Bool) -> EncodingGuess? {
        guard let width = samples.first?.count, width > 0, samples.allSatisfy({ $0.count == width }) else { return nil }
        let total = samples.count
        if !allowText && samples.allSatisfy({ [.text, .json, .candid, .cbor].contains(kind(of: $0)) }) { return nil }
        let integerWidths = [1: "8", 2: "16", 4: "32", 8: "64", 16: "128"]
        guard let bits = integerWidths[width] else {
            return EncodingGuess(typeName: "bytes<\(width)>", summary: "\(width)-byte values", fitting: total, sampled: total)
        }
        if width == 1 && samples.allSatisfy({ $0[0] <= 1 }) && total > 1 {
            return EncodingGuess(typeName: "bool", summary: "bytes 00/01", fitting: total, sampled: total)
        }
        let signed = width > 1 && width <= 8 && samples.allSatisfy { $0[0] == 0x7F || $0[0] == 0x80 }
            && samples.contains { $0[0] == 0x7F }
        let name = (signed ? "i" : "u") + bits
        return EncodingGuess(
            typeName: name, summary: "\(width)-byte big-endian integers\(signed ? " (sign bit flipped)" : "")",
            fitting: total, sampled: total)
    }

    /// The element type a `vec` or `heap` header demands.
    static func guessBounded(_ samples: [[UInt8]], maxSize: Int, isFixed: Bool) -> EncodingGuess {
        if isFixed {
            let fixed = guessFixedWidth(samples, allowText: true)
            if let fixed, fixed.typeName != "bool" || maxSize == 1 { return fixed }
            return EncodingGuess(typeName: "bytes<\(maxSize)>", summary: "\(maxSize)-byte values", fitting: samples.count, sampled: samples.count)
        }
        let kinds = samples.map(kind(of:))
        if maxSize == 29, kinds.allSatisfy({ $0 == .principal }) {
            return EncodingGuess(typeName: "principal", summary: "principals", fitting: samples.count, sampled: samples.count)
        }
        let loose = guessVariable(samples, noun: "elements")
        return EncodingGuess(
            typeName: "blob<\(maxSize)>", summary: "\(loose.summary), at most \(maxSize) bytes",
            fitting: loose.fitting, sampled: samples.count)
    }

    /// `record { … }` from the first value's type table, and how many share it.
    static func candidSummary(_ samples: [[UInt8]]) -> String {
        var texts: [String: Int] = [:]
        var first: String?
        for sample in samples {
            guard let message = try? CandidDecoder.decodeMessage(sample) else { continue }
            let resolved = message.types.map { type in resolve(type, in: message.environment, depth: 0) }
            let text = resolved.count == 1 ? resolved[0] : "(" + resolved.joined(separator: ", ") + ")"
            if first == nil { first = text }
            texts[text, default: 0] += 1
        }
        guard let first else { return "" }
        if texts.count == 1 { return first }
        return "\(first) (\(texts.count) different type tables)"
    }

    /// The type as text with table references expanded (not too deep).
    static func resolve(_ type: CandidType, in environment: CandidTypeEnvironment, depth: Int) -> String {
        switch type {
        case let .named(name):
            guard depth < 4, let definition = environment[name] else { return name }
            return resolve(definition, in: environment, depth: depth + 1)
        case let .opt(inner):
            return "opt " + resolve(inner, in: environment, depth: depth)
        case let .vec(inner):
            if inner == .nat8 { return "blob" }
            return "vec " + resolve(inner, in: environment, depth: depth)
        case let .record(fields), let .variant(fields):
            let word = { if case .record = type { return "record" } else { return "variant" } }()
            let shown = fields.map { field in
                let inner = resolve(field.type, in: environment, depth: depth + 1)
                let label = CommonFieldNames.name(for: field.label)
                if case .variant = type, field.type == .null { return label }
                return "\(label): \(inner)"
            }
            return "\(word) { " + shown.joined(separator: "; ") + " }"
        default:
            return CandidTypePrinter.text(type)
        }
    }
}

/// Candid sends field names as 32-bit hashes. A field whose hash is that of
/// a common name is shown by that name (a guess, like the rest of discovery);
/// any other by its number.
enum CommonFieldNames {
    static let words = [
        "id", "name", "email", "owner", "status", "kind", "type", "user", "users", "created_at", "updated_at",
        "deleted_at", "at", "time", "timestamp", "amount", "balance", "value", "key", "data", "content", "contents",
        "title", "description", "text", "body", "message", "count", "total", "size", "length", "index", "version",
        "principal", "caller", "account", "subaccount", "token", "price", "fee", "memo", "from", "to", "sender",
        "recipient", "date", "expires_at", "enabled", "active", "admin", "admins", "role", "roles", "tags", "url",
        "hash", "parent", "children", "config", "settings", "metadata", "payload", "error", "result", "state",
        "Active", "Inactive", "Suspended", "Deleted", "Pending", "Ok", "Err", "Some", "None", "Admin", "User",
        "Open", "Closed", "Approved", "Rejected", "Done", "Failed",
    ]

    static let byId: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        for word in words { table[CandidLabel.hash(word)] = word }
        return table
    }()

    /// The label's name, a common name with its hash, or its number.
    static func name(for label: CandidLabel) -> String {
        if let name = label.name { return name }
        return byId[label.id] ?? "\(label.id)"
    }
}
