/// A token of Candid text (values, types, `.did` files, conformance tests).
enum CandidToken: Equatable {
    case identifier(String)
    /// A text literal's bytes (may be invalid UTF-8 inside `blob "…"`).
    case text([UInt8])
    /// A number literal as written (digits, `_`, `0x…`, `.`, exponent).
    case number(String)
    /// Punctuation: `( ) { } ; , = : . -> + - == != !:`.
    case symbol(String)
    case end
}

/// Splits Candid text into tokens; comments (`//`, nested `/* */`) are skipped.
struct CandidLexer {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    static func tokenize(_ text: String) throws(CandidError) -> [CandidToken] {
        var lexer = CandidLexer(text)
        var tokens: [CandidToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token == .end { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private mutating func skipSpaceAndComments() throws(CandidError) {
        while let byte = peek() {
            if byte == 32 || byte == 9 || byte == 10 || byte == 13 {
                position += 1
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
                while let next = peek(), next != 10 { _ = next; position += 1 }
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                position += 2
                var depth = 1
                while depth > 0 {
                    guard let next = peek() else { throw CandidError(.syntax, "unclosed comment") }
                    if next == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") { depth -= 1; position += 2 }
                    else if next == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") { depth += 1; position += 2 }
                    else { position += 1 }
                }
            } else {
                return
            }
        }
    }

    mutating func next() throws(CandidError) -> CandidToken {
        try skipSpaceAndComments()
        guard let byte = peek() else { return .end }
        if byte == UInt8(ascii: "_") || isLetter(byte) {
            let start = position
            while let next = peek(), next == UInt8(ascii: "_") || isLetter(next) || (next >= 48 && next <= 57) { position += 1 }
            return .identifier(String(decoding: bytes[start..<position], as: UTF8.self))
        }
        if byte >= 48 && byte <= 57 { return .number(lexNumber()) }
        if byte == UInt8(ascii: "\"") { return .text(try lexText()) }
        let pairs = ["->", "==", "!=", "!:"]
        for pair in pairs where peek() == pair.utf8.first && peek(1) == Array(pair.utf8)[1] {
            position += 2
            return .symbol(pair)
        }
        if "(){};,=:.+-".utf8.contains(byte) {
            position += 1
            return .symbol(String(UnicodeScalar(byte)))
        }
        throw CandidError(.syntax, "unexpected character '\(String(UnicodeScalar(byte)))'")
    }

    private mutating func lexNumber() -> String {
        let start = position
        if peek() == UInt8(ascii: "0"), peek(1) == UInt8(ascii: "x") || peek(1) == UInt8(ascii: "X") {
            position += 2
            while let next = peek(), next == UInt8(ascii: "_") || hexDigitValue(next) != nil { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
        func digits(_ lexer: inout CandidLexer) {
            while let next = lexer.peek(), next == UInt8(ascii: "_") || (next >= 48 && next <= 57) { lexer.position += 1 }
        }
        digits(&self)
        // A fraction: "." not followed by an identifier start (so `"x".m` style stays intact).
        if peek() == UInt8(ascii: "."), !(peek(1).map { isLetter($0) || $0 == UInt8(ascii: "_") } ?? false) {
            position += 1
            digits(&self)
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let save = position
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            if let next = peek(), next >= 48 && next <= 57 { digits(&self) } else { position = save }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func lexText() throws(CandidError) -> [UInt8] {
        position += 1
        var output: [UInt8] = []
        while true {
            guard let byte = peek() else { throw CandidError(.syntax, "unclosed text literal") }
            position += 1
            if byte == UInt8(ascii: "\"") { return output }
            guard byte == UInt8(ascii: "\\") else { output.append(byte); continue }
            guard let escape = peek() else { throw CandidError(.syntax, "unclosed text literal") }
            position += 1
            switch escape {
            case UInt8(ascii: "n"): output.append(10)
            case UInt8(ascii: "r"): output.append(13)
            case UInt8(ascii: "t"): output.append(9)
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): output.append(escape)
            case UInt8(ascii: "u"):
                guard peek() == UInt8(ascii: "{") else { throw CandidError(.syntax, "\\u must be followed by {") }
                position += 1
                var value: UInt32 = 0
                var count = 0
                while let next = peek(), next != UInt8(ascii: "}") {
                    position += 1
                    if next == UInt8(ascii: "_") { continue }
                    guard let digit = hexDigitValue(next), count < 6 else { throw CandidError(.syntax, "bad \\u{…} escape") }
                    value = value << 4 | UInt32(digit)
                    count += 1
                }
                guard peek() == UInt8(ascii: "}"), count > 0, let scalar = Unicode.Scalar(value) else {
                    throw CandidError(.syntax, "bad \\u{…} escape")
                }
                position += 1
                output += Array(String(Character(scalar)).utf8)
            default:
                guard let high = hexDigitValue(escape), let next = peek(), let low = hexDigitValue(next) else {
                    throw CandidError(.syntax, "unknown escape \\\(String(UnicodeScalar(escape)))")
                }
                position += 1
                output.append(high << 4 | low)
            }
        }
    }
}
