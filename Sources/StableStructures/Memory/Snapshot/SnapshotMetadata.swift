/// The `metadata.json` of a `dfx canister snapshot download` folder: the
/// serde JSON of the management canister's snapshot metadata
/// (`source`, `taken_at_timestamp`, `wasm_module_size`, `globals`,
/// `wasm_memory_size`, `stable_memory_size`, `wasm_chunk_store`,
/// `canister_version`, `certified_data`, `global_timer`,
/// `on_low_wasm_memory_hook_status`).
///
/// The text is kept as read: ``settingStableMemorySize(_:)`` replaces only
/// the digits of `stable_memory_size`, so every other byte (field order,
/// indentation, fields this type does not know) stays exactly as it was.
public struct SnapshotMetadata: Equatable, Sendable {
    /// The file's bytes.
    public let text: [UInt8]
    /// The byte range of each top-level field's value, by field name.
    private let fields: [(name: String, range: Range<Int>)]

    /// Parses the top level of `text`.
    ///
    /// - Throws: ``StableError/corrupted(structure:reason:)`` when `text` is
    ///   not a JSON object, or has no whole-number `stable_memory_size`.
    public init(text: [UInt8]) throws(StableError) {
        self.text = text
        var scanner = JSONScanner(text)
        fields = try scanner.topLevelFields()
        guard integer("stable_memory_size") != nil else {
            throw .corrupted(structure: "snapshot metadata", reason: "no whole-number field \"stable_memory_size\"")
        }
    }

    /// Two metadata files are equal when their bytes are.
    public static func == (lhs: SnapshotMetadata, rhs: SnapshotMetadata) -> Bool { lhs.text == rhs.text }

    /// The names of the top-level fields, in file order.
    public var fieldNames: [String] { fields.map { $0.name } }

    /// The raw JSON text of a top-level field's value; nil when absent.
    public func rawValue(_ name: String) -> String? {
        guard let range = fields.first(where: { $0.name == name })?.range else { return nil }
        return String(decoding: text[range], as: UTF8.self)
    }

    /// A top-level field's value as a whole number; nil when absent or not one.
    public func integer(_ name: String) -> UInt64? {
        guard let raw = rawValue(name), !raw.isEmpty, raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return UInt64(raw)
    }

    /// `stable_memory_size`: the stable memory's size in bytes.
    public var stableMemorySize: UInt64 { integer("stable_memory_size") ?? 0 }

    /// The number of elements of a top-level array field (`wasm_chunk_store`,
    /// `globals`); nil when absent or not an array.
    public func arrayCount(_ name: String) -> Int? {
        guard let range = fields.first(where: { $0.name == name })?.range else { return nil }
        var scanner = JSONScanner(text, from: range.lowerBound)
        return try? scanner.arrayCount()
    }

    /// The name of a top-level field's single key when it is an object
    /// (`{"taken_from_canister": null}` gives `taken_from_canister`), or its
    /// text when it is a string; nil otherwise.
    public func tag(_ name: String) -> String? {
        guard let range = fields.first(where: { $0.name == name })?.range else { return nil }
        var scanner = JSONScanner(text, from: range.lowerBound)
        return try? scanner.tag()
    }

    /// The same text with `stable_memory_size` set to `bytes` (only its
    /// digits change).
    public func settingStableMemorySize(_ bytes: UInt64) -> SnapshotMetadata {
        guard let range = fields.first(where: { $0.name == "stable_memory_size" })?.range else { return self }
        var updated = Array(text[..<range.lowerBound])
        updated.append(contentsOf: Array(String(bytes).utf8))
        updated.append(contentsOf: text[range.upperBound...])
        // The field is there and stays a whole number: parsing cannot fail.
        return (try? SnapshotMetadata(text: updated)) ?? self
    }
}

/// Just enough of a JSON reader to find top-level fields and skip values.
struct JSONScanner {
    let bytes: [UInt8]
    var index: Int

    init(_ bytes: [UInt8], from index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    static func fail(_ reason: String) -> StableError {
        .corrupted(structure: "snapshot metadata", reason: reason)
    }

    mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    mutating func expect(_ byte: UInt8) throws(StableError) {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else {
            throw JSONScanner.fail("unexpected JSON at byte \(index)")
        }
        index += 1
    }

    mutating func peek() -> UInt8? {
        skipSpace()
        return index < bytes.count ? bytes[index] : nil
    }

    mutating func topLevelFields() throws(StableError) -> [(name: String, range: Range<Int>)] {
        try expect(0x7B)
        var found: [(name: String, range: Range<Int>)] = []
        if peek() == 0x7D {
            index += 1
            return found
        }
        while true {
            let name = try string()
            try expect(0x3A)
            skipSpace()
            let start = index
            try skipValue(depth: 0)
            found.append((name, start..<index))
            skipSpace()
            if peek() == 0x2C {
                index += 1
                continue
            }
            try expect(0x7D)
            skipSpace()
            guard index == bytes.count else { throw JSONScanner.fail("text after the object") }
            return found
        }
    }

    mutating func string() throws(StableError) -> String {
        try expect(0x22)
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x22 { return String(decoding: out, as: UTF8.self) }
            if byte == 0x5C {
                guard index < bytes.count else { break }
                out.append(bytes[index])
                index += 1
            } else {
                out.append(byte)
            }
        }
        throw JSONScanner.fail("unterminated string")
    }

    mutating func skipValue(depth: Int) throws(StableError) {
        guard depth < 64 else { throw JSONScanner.fail("nested too deeply") }
        guard let first = peek() else { throw JSONScanner.fail("a value is missing") }
        switch first {
        case 0x22:
            _ = try string()
        case 0x7B, 0x5B:
            let close: UInt8 = first == 0x7B ? 0x7D : 0x5D
            index += 1
            if peek() == close {
                index += 1
                return
            }
            while true {
                if first == 0x7B {
                    _ = try string()
                    try expect(0x3A)
                }
                try skipValue(depth: depth + 1)
                if peek() == 0x2C {
                    index += 1
                    continue
                }
                try expect(close)
                return
            }
        default:
            let start = index
            while index < bytes.count, !([0x2C, 0x7D, 0x5D, 0x20, 0x0A, 0x0D, 0x09] as [UInt8]).contains(bytes[index]) {
                index += 1
            }
            guard index > start else { throw JSONScanner.fail("unexpected byte at \(start)") }
        }
    }

    mutating func arrayCount() throws(StableError) -> Int {
        try expect(0x5B)
        if peek() == 0x5D { return 0 }
        var count = 0
        while true {
            try skipValue(depth: 1)
            count += 1
            if peek() == 0x2C {
                index += 1
                continue
            }
            try expect(0x5D)
            return count
        }
    }

    mutating func tag() throws(StableError) -> String? {
        switch peek() {
        case 0x22: return try string()
        case 0x7B:
            index += 1
            return try string()
        default: return nil
        }
    }
}
