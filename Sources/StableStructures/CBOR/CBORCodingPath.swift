#if !hasFeature(Embedded)
/// The coding key of an array element, rendered `[index]` in error messages.
struct CBORIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { return nil }
}

/// The coding key of a superclass or nested `superEncoder`, `super`.
struct CBORSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }

    init() {}
    init?(intValue: Int) { return nil }
    init?(stringValue: String) { guard stringValue == "super" else { return nil } }
}

/// Renders coding paths and builds the library's errors for the Codable layer.
enum CBORCodingPath {
    /// `a.b[2].c`: keys joined by dots, array indexes in brackets.
    static func render(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if key is CBORIndexKey, let index = key.intValue {
                text += "[\(index)]"
            } else {
                if !text.isEmpty { text += "." }
                text += key.stringValue
            }
        }
        return text
    }

    /// "field `a.b`", "element `items[2]`", or "the top-level value".
    static func location(_ path: [any CodingKey]) -> String {
        guard let last = path.last else { return "the top-level value" }
        let noun = last is CBORIndexKey ? "element" : "field"
        return "\(noun) `\(render(path))`"
    }

    /// A decoding failure at `path`: `malformedEncoding` naming the location.
    static func failure(_ type: String, _ path: [any CodingKey], _ message: String) -> StableError {
        .malformedEncoding(type: type, reason: "\(location(path)): \(message)")
    }

    /// A type mismatch: "field `x`: expected …, found …".
    static func mismatch(_ type: String, _ path: [any CodingKey], expected: String, found: CBORValue) -> StableError {
        failure(type, path, "expected \(expected), found \(found.kindDescription)")
    }

    /// Converts whatever a `Decodable` initializer threw into a ``StableError``.
    static func decodingError(_ error: any Error, type: String) -> StableError {
        if let error = error as? StableError { return error }
        if let error = error as? DecodingError {
            switch error {
            case let .keyNotFound(key, context):
                return failure(type, context.codingPath + [key], "missing")
            case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
                return failure(type, context.codingPath, context.debugDescription)
            @unknown default:
                return .malformedEncoding(type: type, reason: "\(error)")
            }
        }
        return .malformedEncoding(type: type, reason: "\(error)")
    }

    /// Converts whatever an `Encodable` threw into a ``StableError``.
    static func encodingError(_ error: any Error, type: String) -> StableError {
        if let error = error as? StableError { return error }
        if let error = error as? EncodingError, case let .invalidValue(_, context) = error {
            return .invalidArgument("cannot encode \(type) as CBOR: \(location(context.codingPath)): \(context.debugDescription)")
        }
        return .invalidArgument("cannot encode \(type) as CBOR: \(error)")
    }
}
#endif
