extension Parser {
    /// After `describe`: nothing (`describe;`, the image), `memory ID`, or a
    /// binding name. `memory` followed by `;` is a binding named `memory`.
    mutating func parseDescribe() throws(Failure) -> StatementKind {
        if check(.semicolon) || atEnd { return .describeImage }
        if case .identifier("memory") = current.kind {
            switch peekKind(1) {
            case .symbol(.semicolon), .endOfInput:
                break
            default:
                advance()
                return .describeMemory(try parseExpression(expectation: "expected a memory id after 'describe memory'"))
            }
        }
        return .describe(name: try expectIdentifier("expected a binding name, or 'memory' and an id, after 'describe'"))
    }

    /// `extract memory ID to "PATH"` or `patch memory ID from "PATH"` (at the keyword).
    mutating func parseMemoryTransfer() throws(Failure) -> StatementKind {
        let extracting = check(.extract)
        let word = extracting ? "extract" : "patch"
        advance()
        guard case .identifier("memory") = current.kind else { throw fail("expected 'memory' after '\(word)'") }
        advance()
        let id = try parseExpression(expectation: "expected a memory id after '\(word) memory'")
        let preposition = extracting ? "to" : "from"
        // `from` is a reserved word of queries; `to` is an identifier.
        let atPreposition: Bool
        if extracting, case .identifier("to") = current.kind { atPreposition = true } else { atPreposition = !extracting && check(.from) }
        guard atPreposition else {
            throw fail("expected '\(preposition)' and a file path after '\(word) memory ID'")
        }
        advance()
        let path = try expectString("expected a file path string after '\(preposition)'")
        return extracting ? .extractMemory(id, path: path) : .patchMemory(id, path: path)
    }
}
