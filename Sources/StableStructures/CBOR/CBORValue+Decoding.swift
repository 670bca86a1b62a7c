/// Parsing of CBOR bytes into a ``CBORValue``.
///
/// The decoder accepts every well-formed item (RFC 8949 §3), including
/// non-preferred heads and indefinite-length strings, arrays and maps, and
/// refuses everything else with a typed error. Hostile input cannot make it
/// trap, hang or allocate without bound: every declared length is checked
/// against the bytes that remain before anything is allocated, every loop
/// consumes input, and nesting (arrays, maps, tags) is limited to `maxDepth`.
extension CBORValue {
    /// The default nesting limit of ``decode(from:maxDepth:)``.
    public static let defaultMaxDepth = 512

    /// Decodes the single item that fills `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: the encoding, exactly one item.
    ///   - maxDepth: the deepest nesting of arrays, maps and tags accepted.
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` with type
    ///   `"CBOR"` for input that is not exactly one well-formed item (the
    ///   reason names the byte offset), or that nests deeper than `maxDepth`.
    /// - Complexity: O(*n*) in the number of bytes.
    public static func decode(from bytes: UnsafeRawBufferPointer, maxDepth: Int) throws(StableError) -> CBORValue {
        var reader = CBORReader(bytes, maxDepth: maxDepth)
        let value = try reader.readItem(depth: 0)
        guard reader.offset == bytes.count else {
            throw reader.failure("\(bytes.count - reader.offset) trailing bytes after the item")
        }
        return value
    }

    /// Decodes the single item that fills `bytes`, nested at most ``defaultMaxDepth`` deep.
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> CBORValue {
        try decode(from: bytes, maxDepth: defaultMaxDepth)
    }

    /// Decodes the single item that fills the array `bytes`.
    public static func decode(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(StableError) -> CBORValue {
        var result: Result<CBORValue, StableError> = .success(.null)
        bytes.withUnsafeBytes { buffer in
            do throws(StableError) {
                result = .success(try decode(from: buffer, maxDepth: maxDepth))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }
}

/// A cursor over CBOR bytes that reads one item at a time.
@usableFromInline
struct CBORReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0
    let maxDepth: Int

    init(_ bytes: UnsafeRawBufferPointer, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    var remaining: Int { bytes.count - offset }

    func failure(_ reason: String, at position: Int? = nil) -> StableError {
        .malformedEncoding(type: "CBOR", reason: "\(reason) at offset \(position ?? offset)")
    }

    mutating func readByte() throws(StableError) -> UInt8 {
        guard offset < bytes.count else { throw failure("unexpected end of input") }
        let byte = bytes[offset]
        offset += 1
        return byte
    }

    /// Reads a big-endian unsigned integer of `count` bytes (1, 2, 4 or 8).
    mutating func readBigEndian(_ count: Int) throws(StableError) -> UInt64 {
        guard remaining >= count else { throw failure("unexpected end of input (need \(count) more bytes)") }
        var value: UInt64 = 0
        for index in offset..<(offset + count) { value = value << 8 | UInt64(bytes[index]) }
        offset += count
        return value
    }

    /// Reads the argument announced by `info`; `nil` means indefinite length (31).
    mutating func readArgument(_ info: UInt8, start: Int) throws(StableError) -> UInt64? {
        switch info {
        case 0..<24: return UInt64(info)
        case 24: return try readBigEndian(1)
        case 25: return try readBigEndian(2)
        case 26: return try readBigEndian(4)
        case 27: return try readBigEndian(8)
        case 31: return nil
        default: throw failure("reserved additional information \(info)", at: start)
        }
    }

    /// Checks a declared length against the remaining input (`unit` bytes
    /// at least per element) and converts it to `Int`.
    func checkedLength(_ length: UInt64, unit: Int, what: String, start: Int) throws(StableError) -> Int {
        guard length <= UInt64(remaining / unit) else {
            throw failure("\(what) declares \(length) elements but only \(remaining) bytes remain", at: start)
        }
        return Int(length)
    }

    /// Whether the next byte is a break (0xFF), consuming it if so.
    mutating func consumeBreak() throws(StableError) -> Bool {
        guard offset < bytes.count else { throw failure("unexpected end of input in an indefinite-length item") }
        if bytes[offset] == 0xFF {
            offset += 1
            return true
        }
        return false
    }

    /// Reads a definite string body of `length` bytes.
    mutating func readBody(_ length: UInt64, start: Int) throws(StableError) -> UnsafeRawBufferPointer {
        let count = try checkedLength(length, unit: 1, what: "a string", start: start)
        let body = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        offset += count
        return body
    }

    /// Reads a text body and checks its UTF-8.
    mutating func readText(_ length: UInt64, start: Int) throws(StableError) -> String {
        let body = try readBody(length, start: start)
        guard validUTF8(body) else { throw failure("a text string is not valid UTF-8", at: start) }
        return String(decoding: body, as: UTF8.self)
    }

    /// Reads the chunks of an indefinite-length string of major type `major`.
    mutating func readChunks(major: UInt8, into body: (UnsafeRawBufferPointer) -> Void) throws(StableError) {
        while !(try consumeBreak()) {
            let start = offset
            let initial = try readByte()
            guard initial >> 5 == major, let length = try readArgument(initial & 0x1F, start: start) else {
                throw failure("an indefinite-length string holds a chunk that is not a definite string of its type", at: start)
            }
            let chunk = try readBody(length, start: start)
            if major == 3, !validUTF8(chunk) { throw failure("a text chunk is not valid UTF-8", at: start) }
            body(chunk)
        }
    }

    mutating func readItem(depth: Int) throws(StableError) -> CBORValue {
        let start = offset
        let initial = try readByte()
        let major = initial >> 5
        let info = initial & 0x1F
        if major == 7 { return try readSimpleOrFloat(info, start: start) }
        let argument = try readArgument(info, start: start)
        switch major {
        case 0, 1, 6:
            guard let argument else { throw failure("indefinite length is not allowed for major type \(major)", at: start) }
            if major == 0 { return .unsigned(argument) }
            if major == 1 { return .negative(argument) }
            guard depth < maxDepth else { throw failure("nesting deeper than \(maxDepth) levels", at: start) }
            return .tagged(argument, try readItem(depth: depth + 1))
        case 2:
            if let argument { return .bytes([UInt8](try readBody(argument, start: start))) }
            var joined = [UInt8]()
            try readChunks(major: 2) { joined.append(contentsOf: $0) }
            return .bytes(joined)
        case 3:
            if let argument { return .text(try readText(argument, start: start)) }
            var joined = [UInt8]()
            try readChunks(major: 3) { joined.append(contentsOf: $0) }
            return .text(String(decoding: joined, as: UTF8.self))
        case 4:
            guard depth < maxDepth else { throw failure("nesting deeper than \(maxDepth) levels", at: start) }
            var items = [CBORValue]()
            if let argument {
                let count = try checkedLength(argument, unit: 1, what: "an array", start: start)
                items.reserveCapacity(count)
                for _ in 0..<count { items.append(try readItem(depth: depth + 1)) }
            } else {
                while !(try consumeBreak()) { items.append(try readItem(depth: depth + 1)) }
            }
            return .array(items)
        default:  // 5: map
            guard depth < maxDepth else { throw failure("nesting deeper than \(maxDepth) levels", at: start) }
            var entries = [CBORMapEntry]()
            if let argument {
                let count = try checkedLength(argument, unit: 2, what: "a map", start: start)
                entries.reserveCapacity(count)
                for _ in 0..<count {
                    let key = try readItem(depth: depth + 1)
                    entries.append(CBORMapEntry(key, try readItem(depth: depth + 1)))
                }
            } else {
                while !(try consumeBreak()) {
                    let key = try readItem(depth: depth + 1)
                    if try consumeBreak() { throw failure("an indefinite-length map ends after a key without its value") }
                    entries.append(CBORMapEntry(key, try readItem(depth: depth + 1)))
                }
            }
            return .map(entries)
        }
    }

    mutating func readSimpleOrFloat(_ info: UInt8, start: Int) throws(StableError) -> CBORValue {
        switch info {
        case 20: return .bool(false)
        case 21: return .bool(true)
        case 22: return .null
        case 23: return .undefined
        case 24:
            let raw = try readByte()
            guard let simple = CBORSimpleValue(raw), raw >= 32 else {
                throw failure("simple value \(raw) in a two-byte head", at: start)
            }
            return .simple(simple)
        case 25: return .float16(UInt16(try readBigEndian(2)))
        case 26: return .float32(UInt32(try readBigEndian(4)))
        case 27: return .float64(try readBigEndian(8))
        case 31: throw failure("unexpected break", at: start)
        default:
            guard info < 20, let simple = CBORSimpleValue(info) else {
                throw failure("reserved additional information \(info)", at: start)
            }
            return .simple(simple)
        }
    }
}

/// Whether `bytes` are well-formed UTF-8 (no overlong forms, no surrogates,
/// nothing above U+10FFFF).
func validUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
        let lead = bytes[index]
        if lead < 0x80 {
            index += 1
            continue
        }
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return false
        }
        guard count - index >= length else { return false }
        let second = bytes[index + 1]
        guard second >= lower && second <= upper else { return false }
        var next = index + 2
        while next < index + length {
            guard bytes[next] & 0xC0 == 0x80 else { return false }
            next += 1
        }
        index += length
    }
    return true
}
