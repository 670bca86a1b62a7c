extension Parser {
    /// The type names StableQL knows, without parameters.
    static let plainTypeNames: Set<String> = [
        "u8", "u16", "u32", "u64", "u128", "i8", "i16", "i32", "i64",
        "f32", "f64", "bool", "string", "blob", "principal", "unit",
    ]

    /// Parses a type: a name, `blob<N>`, `bytes<N>`, `option<T>`, a tuple or `()`.
    mutating func parseType(expectation: String) throws(Failure) -> TypeExpression {
        try enterNesting()
        defer { nesting -= 1 }
        let start = current
        switch current.kind {
        case .keyword(.principal):
            advance()
            return TypeExpression(.named("principal"), range: start.range)
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
            guard Parser.plainTypeNames.contains(name) else {
                let hint = name == "bytes" ? " (write bytes<N>)" : name == "option" ? " (write option<T>)" : ""
                throw Failure(diagnostic: Diagnostic(
                    message: "unknown type '\(name)'\(hint); expected u8…u128, i8…i64, f32, f64, bool, string, blob, blob<N>, bytes<N>, principal, option<T>, a tuple or unit",
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
}
