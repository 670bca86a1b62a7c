@testable import Candid

/// One `.test.did` file of the official Candid test suite: type definitions
/// followed by `assert` lines (grammar in the suite's README).
struct ConformanceFile {
    enum Input {
        case text(String)
        case blob([UInt8])
    }

    enum Expectation {
        case decodes, fails, equals(Input), differs(Input)
    }

    struct Assertion {
        var line: Int
        var input: Input
        var expectation: Expectation
        var types: [CandidType]
        var description: String
    }

    var environment = CandidTypeEnvironment()
    var assertions: [Assertion] = []

    init(_ source: String) throws {
        var parser = try CandidParser(source)
        try parser.definitions(into: &environment)
        var number = 0
        while parser.acceptKeyword("assert") {
            number += 1
            let input = try Self.input(&parser)
            let expectation: Expectation
            if parser.accept(":") {
                expectation = .decodes
            } else if parser.accept("!:") {
                expectation = .fails
            } else if parser.accept("==") {
                expectation = .equals(try Self.input(&parser))
                try parser.expect(":")
            } else if parser.accept("!=") {
                expectation = .differs(try Self.input(&parser))
                try parser.expect(":")
            } else {
                throw parser.error("expected ':', '!:', '==' or '!='")
            }
            let types = try parser.tupleType()
            var description = "assertion \(number)"
            if case .text = parser.current { description = try parser.textLiteral() }
            try parser.expect(";")
            assertions.append(Assertion(line: number, input: input, expectation: expectation, types: types, description: description))
        }
        guard parser.current == .end else { throw parser.error("expected an assertion") }
    }

    private static func input(_ parser: inout CandidParser) throws -> Input {
        if parser.acceptKeyword("blob") {
            guard case .text(let bytes) = parser.current else { throw parser.error("expected the blob's bytes") }
            parser.advance()
            return .blob(bytes)
        }
        return .text(try parser.textLiteral())
    }

    func values(_ input: Input, _ types: [CandidType]) -> Result<[CandidValue], CandidError> {
        do {
            switch input {
            case .blob(let bytes): return .success(try CandidDecoder.decode(bytes, as: types, in: environment))
            case .text(let text): return .success(try CandidText.parseArguments(text, as: types, in: environment))
            }
        } catch {
            return .failure(error)
        }
    }

    /// `nil` when the assertion holds, else why not.
    func check(_ assertion: Assertion) -> String? {
        let left = values(assertion.input, assertion.types)
        switch assertion.expectation {
        case .decodes:
            if case .failure(let error) = left { return "should decode: \(error)" }
        case .fails:
            if case .success(let values) = left { return "should fail, gave \(CandidTextPrinter.arguments(values))" }
        case .equals(let other), .differs(let other):
            let right = values(other, assertion.types)
            switch (left, right) {
            case (.failure(let error), _): return "left side fails: \(error)"
            case (_, .failure(let error)): return "right side fails: \(error)"
            case (.success(let a), .success(let b)):
                let wantEqual: Bool
                if case .equals = assertion.expectation { wantEqual = true } else { wantEqual = false }
                if (a == b) != wantEqual {
                    return "\(CandidTextPrinter.arguments(a)) \(wantEqual ? "!=" : "==") \(CandidTextPrinter.arguments(b))"
                }
            }
        }
        return nil
    }
}
