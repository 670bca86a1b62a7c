/// Turns StableQL source text into tokens.
///
/// The lexer never fails: text it cannot read becomes an `.invalid` token and
/// a ``Diagnostic``, and lexing continues, so the parser can report every
/// problem of a script in one pass. The token list always ends with
/// `.endOfInput`.
public struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1
    /// Whether the last token was a `.`: then digits are a field index
    /// (`t.0.1` is `t`, `.`, `0`, `.`, `1`, never the float `0.1`).
    private var afterDot = false

    /// The problems found so far.
    public private(set) var diagnostics: [Diagnostic] = []
    /// True when the text ended inside a string, blob or `/* */` comment.
    public private(set) var endsInsideLiteralOrComment = false

    /// Creates a lexer over `source`.
    public init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// Lexes `source` completely.
    public static func tokenize(_ source: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source)
        let tokens = lexer.tokenize()
        return (tokens, lexer.diagnostics)
    }

    /// Lexes the whole text; the last token is `.endOfInput`.
    public mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = next()
            afterDot = token.kind == .symbol(.dot)
            tokens.append(token)
            if token.kind == .endOfInput { return tokens }
        }
    }

    // MARK: - Cursor

    private var location: SourceLocation {
        SourceLocation(offset: index, line: line, column: column)
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let position = index + ahead
        return position < bytes.count ? bytes[position] : nil
    }

    private mutating func advance() {
        guard index < bytes.count else { return }
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(message: message, location: location))
    }

    private func text(from start: Int) -> String {
        String(decoding: bytes[start..<index], as: UTF8.self)
    }

    // MARK: - Tokens

    private mutating func next() -> Token {
        skipTrivia()
        let start = location
        guard let byte = peek() else {
            return Token(kind: .endOfInput, range: SourceRange(at: start))
        }
        let kind: TokenKind
        if Lexer.isIdentifierStart(byte) {
            if (byte == UInt8(ascii: "x") || byte == UInt8(ascii: "b")), peek(1) == UInt8(ascii: "\"") {
                advance()
                kind = byte == UInt8(ascii: "x") ? lexHexBlob(start: start) : lexByteString(start: start)
            } else {
                kind = lexWord()
            }
        } else if Lexer.isDigit(byte) {
            kind = lexNumber(start: start)
        } else if byte == UInt8(ascii: "\"") {
            var scalars = String.UnicodeScalarView()
            var bytesOut: [UInt8] = []
            lexQuoted(start: start, allowByteEscapes: false, scalars: &scalars, bytes: &bytesOut)
            kind = .string(String(scalars))
        } else {
            kind = lexSymbol(start: start)
        }
        return Token(kind: kind, range: SourceRange(start: start, end: location))
    }

    private mutating func skipTrivia() {
        while let byte = peek() {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r") {
                advance()
            } else if byte == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                while let current = peek(), current != UInt8(ascii: "\n") { advance() }
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                let start = location
                advance()
                advance()
                var closed = false
                while let current = peek() {
                    if current == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                        advance()
                        advance()
                        closed = true
                        break
                    }
                    advance()
                }
                if !closed {
                    endsInsideLiteralOrComment = true
                    error("unterminated comment: expected '*/' to close the comment started here", at: start)
                }
            } else {
                return
            }
        }
    }

    private mutating func lexWord() -> TokenKind {
        let start = index
        while let byte = peek(), Lexer.isIdentifierContinue(byte) { advance() }
        let word = text(from: start)
        if word == "inf" { return .float(.infinity) }
        if word == "nan" { return .float(.nan) }
        if let keyword = Keyword(rawValue: word) { return .keyword(keyword) }
        return .identifier(word)
    }

    private mutating func lexSymbol(start: SourceLocation) -> TokenKind {
        guard let byte = peek() else { return .endOfInput }
        let second = peek(1)
        let third = peek(2)
        func two(_ a: Character, _ b: Character) -> Bool {
            byte == a.asciiValue && second == b.asciiValue
        }
        let symbol: Symbol?
        var length = 1
        if two(".", "."), third == UInt8(ascii: "=") {
            symbol = .dotDotEqual
            length = 3
        } else if two(".", ".") {
            symbol = .dotDot
            length = 2
        } else if two("=", "=") {
            symbol = .equalEqual
            length = 2
        } else if two("!", "=") {
            symbol = .notEqual
            length = 2
        } else if two("<", "=") {
            symbol = .lessEqual
            length = 2
        } else if two(">", "=") {
            symbol = .greaterEqual
            length = 2
        } else if two("-", ">") {
            symbol = .arrow
            length = 2
        } else {
            symbol = Symbol(rawValue: String(UnicodeScalar(byte)))
        }
        if let symbol {
            for _ in 0..<length { advance() }
            return .symbol(symbol)
        }
        // An unknown character: consume one whole scalar.
        let begin = index
        advance()
        while let next = peek(), next & 0xC0 == 0x80 { advance() }
        let bad = text(from: begin)
        error("unexpected character '\(bad)'", at: start)
        return .invalid(bad)
    }

    // MARK: - Numbers

    private mutating func lexNumber(start: SourceLocation) -> TokenKind {
        let begin = index
        if peek() == UInt8(ascii: "0"), let marker = peek(1),
           marker == UInt8(ascii: "x") || marker == UInt8(ascii: "b") {
            advance()
            advance()
            let radix: UInt128 = marker == UInt8(ascii: "x") ? 16 : 2
            return lexRadixDigits(radix: radix, start: start, begin: begin)
        }
        var isFloat = false
        while let byte = peek(), Lexer.isDigit(byte) || byte == UInt8(ascii: "_") { advance() }
        if afterDot {
            // A field index: only digits.
            if let byte = peek(), Lexer.isIdentifierContinue(byte) { return badNumberSuffix(start: start, begin: begin) }
            return integerValue(start: start, begin: begin)
        }
        if peek() == UInt8(ascii: "."), let after = peek(1), Lexer.isDigit(after) {
            isFloat = true
            advance()
            while let byte = peek(), Lexer.isDigit(byte) || byte == UInt8(ascii: "_") { advance() }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var ahead = 1
            if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { ahead = 2 }
            if let digit = peek(ahead), Lexer.isDigit(digit) {
                isFloat = true
                for _ in 0..<ahead { advance() }
                while let byte = peek(), Lexer.isDigit(byte) { advance() }
            }
        }
        if let byte = peek(), Lexer.isIdentifierContinue(byte) {
            return badNumberSuffix(start: start, begin: begin)
        }
        let literal = text(from: begin).filter { $0 != "_" }
        if isFloat {
            guard let value = Double(literal) else {
                error("invalid number '\(text(from: begin))'", at: start)
                return .invalid(text(from: begin))
            }
            return .float(value)
        }
        return integerValue(start: start, begin: begin)
    }

    /// The decimal integer from `begin` to the cursor (`_` separators skipped).
    private mutating func integerValue(start: SourceLocation, begin: Int) -> TokenKind {
        let literal = text(from: begin).filter { $0 != "_" }
        var value: UInt128 = 0
        for byte in literal.utf8 {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (plus, overflow2) = times.addingReportingOverflow(UInt128(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return tooLarge(start: start, begin: begin) }
            value = plus
        }
        return .integer(value)
    }

    private mutating func lexRadixDigits(radix: UInt128, start: SourceLocation, begin: Int) -> TokenKind {
        var value: UInt128 = 0
        var digits = 0
        var overflow = false
        while let byte = peek() {
            if byte == UInt8(ascii: "_") {
                advance()
                continue
            }
            guard let digit = Lexer.hexValue(byte), UInt128(digit) < radix else { break }
            let (times, overflow1) = value.multipliedReportingOverflow(by: radix)
            let (plus, overflow2) = times.addingReportingOverflow(UInt128(digit))
            overflow = overflow || overflow1 || overflow2
            value = plus
            digits += 1
            advance()
        }
        if let byte = peek(), Lexer.isIdentifierContinue(byte) {
            return badNumberSuffix(start: start, begin: begin)
        }
        if digits == 0 {
            error("expected \(radix == 16 ? "hexadecimal" : "binary") digits after '\(text(from: begin))'", at: start)
            return .invalid(text(from: begin))
        }
        if overflow { return tooLarge(start: start, begin: begin) }
        return .integer(value)
    }

    private mutating func badNumberSuffix(start: SourceLocation, begin: Int) -> TokenKind {
        while let byte = peek(), Lexer.isIdentifierContinue(byte) { advance() }
        let bad = text(from: begin)
        error("invalid number literal '\(bad)'", at: start)
        return .invalid(bad)
    }

    private mutating func tooLarge(start: SourceLocation, begin: Int) -> TokenKind {
        let bad = text(from: begin)
        error("integer literal \(bad) is too large (the largest is 2^128-1)", at: start)
        return .invalid(bad)
    }

    // MARK: - Strings and blobs

    /// Reads a `"…"` literal starting at the opening quote, resolving escapes.
    /// Plain text and escapes other than `\x` go to both `scalars` and `bytes`.
    private mutating func lexQuoted(
        start: SourceLocation, allowByteEscapes: Bool,
        scalars: inout String.UnicodeScalarView, bytes out: inout [UInt8]
    ) {
        advance()  // opening quote
        var scalarStart = index
        func flushPlain(_ lexer: Lexer, _ end: Int, _ scalars: inout String.UnicodeScalarView, _ out: inout [UInt8]) {
            guard scalarStart < end else { return }
            let chunk = lexer.bytes[scalarStart..<end]
            out.append(contentsOf: chunk)
            scalars.append(contentsOf: String(decoding: chunk, as: UTF8.self).unicodeScalars)
        }
        while let byte = peek() {
            if byte == UInt8(ascii: "\"") {
                flushPlain(self, index, &scalars, &out)
                advance()
                return
            }
            if byte == UInt8(ascii: "\\") {
                flushPlain(self, index, &scalars, &out)
                let escapeLocation = location
                advance()
                lexEscape(at: escapeLocation, allowByteEscapes: allowByteEscapes, scalars: &scalars, bytes: &out)
                scalarStart = index
                continue
            }
            advance()
        }
        endsInsideLiteralOrComment = true
        error("unterminated string: expected '\"' to close the string started here", at: start)
    }

    private mutating func lexEscape(
        at escapeLocation: SourceLocation, allowByteEscapes: Bool,
        scalars: inout String.UnicodeScalarView, bytes out: inout [UInt8]
    ) {
        guard let code = peek() else { return }
        func emit(_ scalar: Unicode.Scalar) {
            scalars.append(scalar)
            out.append(contentsOf: Array(String(scalar).utf8))
        }
        switch code {
        case UInt8(ascii: "\\"): advance(); emit("\\")
        case UInt8(ascii: "\""): advance(); emit("\"")
        case UInt8(ascii: "n"): advance(); emit("\n")
        case UInt8(ascii: "t"): advance(); emit("\t")
        case UInt8(ascii: "r"): advance(); emit("\r")
        case UInt8(ascii: "0"): advance(); emit("\0")
        case UInt8(ascii: "x") where allowByteEscapes:
            advance()
            guard let high = peek().flatMap(Lexer.hexValue), let low = peek(1).flatMap(Lexer.hexValue) else {
                error("expected two hex digits after '\\x'", at: escapeLocation)
                return
            }
            advance()
            advance()
            out.append(high << 4 | low)
        case UInt8(ascii: "u"):
            advance()
            guard peek() == UInt8(ascii: "{") else {
                error("expected '{' after '\\u' (write \\u{1F600})", at: escapeLocation)
                return
            }
            advance()
            var value: UInt32 = 0
            var digits = 0
            while let byte = peek(), let digit = Lexer.hexValue(byte) {
                if digits < 8 { value = value << 4 | UInt32(digit) }
                digits += 1
                advance()
            }
            guard peek() == UInt8(ascii: "}") else {
                error("expected '}' to close the '\\u{…}' escape", at: escapeLocation)
                return
            }
            advance()
            guard digits >= 1, digits <= 6, let scalar = Unicode.Scalar(value) else {
                error("'\\u{…}' must hold 1 to 6 hex digits naming a Unicode scalar", at: escapeLocation)
                return
            }
            emit(scalar)
        default:
            let bad = String(decoding: [code], as: UTF8.self)
            advance()
            let known = allowByteEscapes ? "\\\\ \\\" \\n \\t \\r \\0 \\xHH \\u{…}" : "\\\\ \\\" \\n \\t \\r \\0 \\u{…}"
            error("unknown escape '\\\(bad)' (expected one of \(known))", at: escapeLocation)
        }
    }

    private mutating func lexByteString(start: SourceLocation) -> TokenKind {
        var scalars = String.UnicodeScalarView()
        var out: [UInt8] = []
        lexQuoted(start: start, allowByteEscapes: true, scalars: &scalars, bytes: &out)
        return .blob(out)
    }

    private mutating func lexHexBlob(start: SourceLocation) -> TokenKind {
        var scalars = String.UnicodeScalarView()
        var out: [UInt8] = []
        let before = diagnostics.count
        lexQuoted(start: start, allowByteEscapes: false, scalars: &scalars, bytes: &out)
        if diagnostics.count > before { return .invalid("x\"") }
        var result: [UInt8] = []
        var pending: UInt8? = nil
        for byte in out {
            guard let digit = Lexer.hexValue(byte) else {
                error("a hex blob holds only hex digits, found '\(String(decoding: [byte], as: UTF8.self))'", at: start)
                return .invalid("x\"")
            }
            if let high = pending {
                result.append(high << 4 | digit)
                pending = nil
            } else {
                pending = digit
            }
        }
        if pending != nil {
            error("a hex blob needs an even number of hex digits, found \(out.count)", at: start)
            return .invalid("x\"")
        }
        return .blob(result)
    }

    // MARK: - Character classes

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
    }

    static func isIdentifierContinue(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
