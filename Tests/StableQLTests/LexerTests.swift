import StableQL
import Testing

@Suite("Lexer")
struct LexerTests {
    func kinds(_ source: String) -> [TokenKind] {
        let (tokens, diagnostics) = Lexer.tokenize(source)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return tokens.map(\.kind).dropLast()
    }

    @Test("every operator and punctuation mark")
    func symbols() {
        let source = Symbol.allCases.map(\.rawValue).joined(separator: " ")
        #expect(kinds(source) == Symbol.allCases.map { .symbol($0) })
        #expect(kinds("a..=b..c->d") == [
            .identifier("a"), .symbol(.dotDotEqual), .identifier("b"), .symbol(.dotDot),
            .identifier("c"), .symbol(.arrow), .identifier("d"),
        ])
    }

    @Test("keywords are reserved, other words are identifiers")
    func keywords() {
        for keyword in Keyword.allCases {
            #expect(kinds(keyword.rawValue) == [.keyword(keyword)])
        }
        #expect(kinds("users _x u64 Let") == [
            .identifier("users"), .identifier("_x"), .identifier("u64"), .identifier("Let"),
        ])
    }

    @Test("integer literals: decimal, hex, binary, separators, the u128 maximum")
    func integers() {
        #expect(kinds("0 42 1_000_000 0xff 0xDEAD_beef 0b1010 0b1_0") == [
            .integer(0), .integer(42), .integer(1_000_000), .integer(255), .integer(0xDEAD_BEEF),
            .integer(10), .integer(2),
        ])
        #expect(kinds("340282366920938463463374607431768211455") == [.integer(UInt128.max)])
        let (_, diagnostics) = Lexer.tokenize("340282366920938463463374607431768211456")
        #expect(diagnostics.first?.message.contains("too large") == true)
    }

    @Test("float literals: fractions, exponents, inf, nan")
    func floats() {
        #expect(kinds("1.5 1e9 2.5e-3 1E+2") == [.float(1.5), .float(1e9), .float(2.5e-3), .float(100)])
        #expect(kinds("inf") == [.float(.infinity)])
        guard case let .float(value) = kinds("nan").first else {
            Issue.record("nan is not a float")
            return
        }
        #expect(value.isNaN)
        #expect(kinds("1..5") == [.integer(1), .symbol(.dotDot), .integer(5)])
    }

    @Test("string escapes")
    func strings() {
        #expect(kinds(#""a\\b\"c\nd\te\rf\0g\u{1F600}""#) == [.string("a\\b\"c\nd\te\rf\0g\u{1F600}")])
        #expect(kinds(#""héllo""#) == [.string("héllo")])
    }

    @Test("blob literals: hex and byte strings")
    func blobs() {
        #expect(kinds(#"x"deadBEEF" x"""#) == [.blob([0xDE, 0xAD, 0xBE, 0xEF]), .blob([])])
        #expect(kinds(#"b"ab\x00\xff\n""#) == [.blob([0x61, 0x62, 0x00, 0xFF, 0x0A])])
        #expect(kinds(#"x + b"#) == [.identifier("x"), .symbol(.plus), .identifier("b")])
    }

    @Test("comments are skipped")
    func comments() {
        #expect(kinds("1 -- two\n/* three\n */ 4") == [.integer(1), .integer(4)])
        #expect(kinds("5-3") == [.integer(5), .symbol(.minus), .integer(3)])
    }

    @Test("positions: line, column in scalars, UTF-8 offset")
    func positions() {
        let (tokens, _) = Lexer.tokenize("let é = 1;\n  print x;")
        let printToken = tokens[5]
        #expect(printToken.kind == .keyword(.print))
        #expect(printToken.range.start == SourceLocation(offset: 14, line: 2, column: 3))
        #expect(tokens[4].range.start.column == 10)  // ';' after the 2-byte é
        #expect(tokens[2].range.end.column == 8)
    }

    @Test("errors: unterminated string and comment, bad escapes, odd hex, stray characters")
    func errors() {
        func messages(_ source: String) -> [String] { Lexer.tokenize(source).diagnostics.map(\.message) }
        #expect(messages("\"abc").first?.hasPrefix("unterminated string") == true)
        #expect(messages("/* abc").first?.hasPrefix("unterminated comment") == true)
        #expect(messages(#""\q""#).first?.hasPrefix(#"unknown escape '\q'"#) == true)
        #expect(messages(#"x"abc""#).first?.contains("even number of hex digits") == true)
        #expect(messages(#"x"zz""#).first?.contains("only hex digits") == true)
        #expect(messages("1 @ 2") == ["unexpected character '@'"])
        #expect(messages("12abc") == ["invalid number literal '12abc'"])
        #expect(messages("0x") == ["expected hexadecimal digits after '0x'"])
        #expect(messages(#""\u{110000}""#).first?.contains("Unicode scalar") == true)
        let (tokens, diagnostics) = Lexer.tokenize("1 @ 2")
        #expect(diagnostics[0].location == SourceLocation(offset: 2, line: 1, column: 3))
        #expect(tokens.map(\.kind) == [.integer(1), .invalid("@"), .integer(2), .endOfInput])
    }
}
