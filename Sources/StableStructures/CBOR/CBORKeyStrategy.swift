#if !hasFeature(Embedded)
/// How the Codable coders map Swift coding keys to the text keys of CBOR maps.
///
/// Rust fields are `snake_case` and Swift properties `camelCase`. Rather than
/// spelling every key in a `CodingKeys` enum, a type can let the coders
/// convert: with ``snakeCase`` the property `createdAt` reads and writes the
/// key `created_at`, and `uploadedBy` the key `uploaded_by`. Only the keys of
/// structs (keyed containers) are converted, never dictionary keys; explicit
/// `CodingKeys` raw values are converted too, so give them in camelCase.
public enum CBORKeyStrategy: Sendable, Equatable {
    /// Keys are the coding keys' `stringValue`, unchanged.
    case useDefaultKeys
    /// Keys are the coding keys converted to `snake_case`: an underscore
    /// before each ASCII capital that follows a lowercase letter or a digit,
    /// or that starts a word after an acronym (`myURLValue` → `my_url_value`),
    /// and ASCII capitals lowercased.
    case snakeCase

    /// The map key for the coding key name `name`.
    func mapKey(_ name: String) -> String {
        self == .snakeCase ? CBORKeyStrategy.snakeCased(name) : name
    }

    /// The coding key name for the map key `key` (for `allKeys`).
    func codingKeyName(_ key: String) -> String {
        self == .snakeCase ? CBORKeyStrategy.camelCased(key) : key
    }

    static func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
    static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static func snakeCased(_ name: String) -> String {
        let utf8 = Array(name.utf8)
        guard utf8.contains(where: isUpper) else { return name }
        var result = [UInt8]()
        result.reserveCapacity(utf8.count + 4)
        for (index, c) in utf8.enumerated() {
            guard isUpper(c) else {
                result.append(c)
                continue
            }
            if index > 0 {
                let previous = utf8[index - 1]
                let nextIsLower = index + 1 < utf8.count && isLower(utf8[index + 1])
                if isLower(previous) || isDigit(previous) || (isUpper(previous) && nextIsLower) {
                    result.append(0x5F)
                }
            }
            result.append(c | 0x20)
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func camelCased(_ key: String) -> String {
        let utf8 = Array(key.utf8)
        guard let first = utf8.firstIndex(where: { $0 != 0x5F }),
              let last = utf8.lastIndex(where: { $0 != 0x5F }),
              utf8[first...last].contains(0x5F) else { return key }
        var result = Array(utf8[..<first])
        var capitalizeNext = false
        for c in utf8[first...last] {
            if c == 0x5F {
                capitalizeNext = true
                continue
            }
            result.append(capitalizeNext && isLower(c) ? c & ~0x20 : c)
            capitalizeNext = false
        }
        result.append(contentsOf: utf8[(last + 1)...])
        return String(decoding: result, as: UTF8.self)
    }
}
#endif
