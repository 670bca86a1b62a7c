extension Parser {
    /// The type names StableQL knows, without parameters.
    static let plainTypeNames: Set<String> = [
        "u8", "u16", "u32", "u64", "u128", "i8", "i16", "i32", "i64",
        "f32", "f64", "bool", "string", "blob", "principal", "unit", "cbor", "candid", "json",
    ]

    /// Whether `name` can name a declared record type: it starts with an
    /// upper-case ASCII letter (built-in type names are lower case).
    static func isTypeName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        return first >= "A" && first <= "Z"
    }

    /// Parses a type: a name, `blob<N>`, `bytes<N>`, `option<T>`, a tuple,
    /// `()`, `record { … }` or a declared type's name.
    mutating func parseType(expectation: String) throws(Failure) -> TypeExpression {
        try enterNesting()
        defer { nesting -= 1 }
        let start = current
        switch current.kind {
        case .keyword(.principal):
            advance()
            return TypeExpression(.named("principal"), range: start.range)
        case .identifier("record") where peekKind(1) == .symbol(.leftBrace):
            return try parseRecordType()
        case .identifier("candid"):
            advance()
            // `candid NAME`: nothing else can follow a type with a name.
            if case let .identifier(name) = current.kind {
                advance()
                return TypeExpression(.candid(name), range: range(from: start))
            }
            return TypeExpression(.named("candid"), range: start.range)
        case let .identifier(name):
            advance()
            if check(.less) {
                switch name {
                case "blob", "bytes":
                    advance()
                    guard case let .integer(size) = current.kind else {
                        throw fail("expected a size in bytes after '\(name)<'")
                    }
                    advance()
                    try expect(.greater, "expected '>' to close '\(name)<\(size)'")
                    return TypeExpression(.sized(name, size), range: range(from: start))
                case "option":
                    advance()
                    let inner = try parseType(expectation: "expected a type after 'option<'")
                    try expect(.greater, "expected '>' to close 'option<…'")
                    return TypeExpression(.generic(name, inner), range: range(from: start))
                default:
                    throw Failure(diagnostic: Diagnostic(
                        message: "type '\(name)' takes no parameters", location: current.range.start))
                }
            }
            guard Parser.plainTypeNames.contains(name) || Parser.isTypeName(name) else {
                let hint = name == "bytes" ? " (write bytes<N>)" : name == "option" ? " (write option<T>)" : ""
                throw Failure(diagnostic: Diagnostic(
                    message: "unknown type '\(name)'\(hint); expected u8…u128, i8…i64, f32, f64, bool, string, blob, blob<N>, bytes<N>, principal, option<T>, a tuple, unit, cbor, candid, candid NAME, json, record { … } or a declared type such as Asset",
                    location: start.range.start))
            }
            return TypeExpression(.named(name), range: start.range)
        case .symbol(.leftParen):
            advance()
            if match(.rightParen) { return TypeExpression(.named("unit"), range: range(from: start)) }
            var elements = [try parseType(expectation: "expected a type after '('")]
            while match(.comma) {
                elements.append(try parseType(expectation: "expected a type after ','"))
            }
            try expect(.rightParen, "expected ')' to close the tuple type")
            if elements.count == 1 {
                var single = elements[0]
                single.range = range(from: start)
                return single
            }
            return TypeExpression(.tuple(elements), range: range(from: start))
        default:
            throw fail(expectation)
        }
    }

    /// `record { name: TYPE [= DEFAULT], … }` (a trailing comma is allowed).
    private mutating func parseRecordType() throws(Failure) -> TypeExpression {
        let start = current
        advance()
        let open = current
        try expect(.leftBrace, "expected '{' after 'record'")
        var fields: [RecordFieldExpression] = []
        while !check(.rightBrace) {
            let fieldStart = current
            let name: String
            switch current.kind {
            case let .identifier(identifier): name = identifier
            case let .keyword(keyword): name = keyword.rawValue
            default:
                throw fail("expected a field name or '}' to close the record opened at \(open.range.start)")
            }
            advance()
            try expect(.colon, "expected ':' and a type after the field name '\(name)'")
            let type = try parseType(expectation: "expected a type for the field '\(name)'")
            var defaultValue: Expression? = nil
            if match(.equal) {
                defaultValue = try parseExpression(expectation: "expected a default value for the field '\(name)'")
            }
            fields.append(RecordFieldExpression(
                name: name, type: type, defaultValue: defaultValue, range: range(from: fieldStart)))
            if !match(.comma) { break }
        }
        try expect(.rightBrace, "expected ',' or '}' to close the record type")
        return TypeExpression(.record(fields), range: range(from: start))
    }
}
