/// A JSON value as `.import` reads it from one line of a JSON Lines file:
/// numbers keep their text, so integers of any size stay exact.
indirect enum JSONLine: Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONLine])
    case object([(String, JSONLine)])

    static func == (a: JSONLine, b: JSONLine) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)), let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: return false
        }
    }

    /// Parses one JSON document; the message says what is wrong.
    static func parse(_ text: Substring) -> Result<JSONLine, ImportError> {
        var parser = Parser(bytes: Array(text.utf8))
        do throws(ImportError) {
            parser.skipBlanks()
            let value = try parser.value(depth: 0)
            parser.skipBlanks()
            guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the JSON value") }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        func error(_ message: String) -> ImportError { ImportError("\(message) (column \(index + 1))") }

        mutating func skipBlanks() {
            while index < bytes.count, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[index]) { index += 1 }
        }

        mutating func expect(_ word: String) throws(ImportError) {
            let utf8 = Array(word.utf8)
            guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
                throw error("expected \(word)")
            }
            index += utf8.count
        }

        mutating func value(depth: Int) throws(ImportError) -> JSONLine {
            guard depth < 100 else { throw error("nested too deeply") }
            guard index < bytes.count else { throw error("a value is missing") }
            switch bytes[index] {
            case UInt8(ascii: "n"): try expect("null"); return .null
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                index += 1
                var items: [JSONLine] = []
                skipBlanks()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                while true {
                    skipBlanks()
                    items.append(try value(depth: depth + 1))
                    skipBlanks()
                    guard index < bytes.count else { throw error("an array is not closed") }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                    guard bytes[index] == UInt8(ascii: ",") else { throw error("expected , or ]") }
                    index += 1
                }
            case UInt8(ascii: "{"):
                index += 1
                var members: [(String, JSONLine)] = []
                skipBlanks()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                while true {
                    skipBlanks()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name") }
                    let name = try string()
                    skipBlanks()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected :") }
                    index += 1
                    skipBlanks()
                    members.append((name, try value(depth: depth + 1)))
                    skipBlanks()
                    guard index < bytes.count else { throw error("an object is not closed") }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                    guard bytes[index] == UInt8(ascii: ",") else { throw error("expected , or }") }
                    index += 1
                }
            default: return .number(try number())
            }
        }

        mutating func number() throws(ImportError) -> String {
            let start = index
            func digits() -> Int {
                let from = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                return index - from
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error("not a JSON value") }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw error("a number needs digits after the point") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw error("a number needs digits in its exponent") }
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func string() throws(ImportError) -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var run: [UInt8] = []
            func takeRun() {
                scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
                run.removeAll()
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") {
                    takeRun()
                    return String(scalars)
                }
                if byte < 0x20 { throw error("a control character in a string") }
                guard byte == UInt8(ascii: "\\") else { run.append(byte); continue }
                takeRun()
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        try expect("\\u")
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("an unpaired surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("an unpaired surrogate") }
                    scalars.append(scalar)
                default: throw error("an unknown escape")
                }
            }
            throw error("a string is not closed")
        }

        mutating func hex4() throws(ImportError) -> UInt32 {
            guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                throw error("\\u needs four hex digits")
            }
            index += 4
            return code
        }
    }
}
