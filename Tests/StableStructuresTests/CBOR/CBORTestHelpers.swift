import StableStructures
import StableTestSupport
import Testing

/// Errors of the CBOR tests' own helpers.
struct CBORTestError: Error, CustomStringConvertible {
    let description: String
}

/// The bytes of a hex string (spaces allowed), or a thrown test error.
func unhex(_ text: String) throws -> [UInt8] {
    let compact = String(text.filter { $0 != " " })
    guard let result = bytes(fromHex: compact) else { throw CBORTestError(description: "bad hex \(text)") }
    return result
}

/// The hex of a text string's UTF-8 (for writing expected map keys).
func hexText(_ text: String) -> String { hex(Array(text.utf8)) }
