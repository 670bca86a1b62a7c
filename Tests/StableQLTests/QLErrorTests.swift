@testable import StableQL
import StableStructures
import Testing

/// The language's diagnostic type: kinds, the context chain, and the one
/// renderer every error goes through.
@Suite("Typed diagnostics")
struct QLErrorTests {
    @Test("the context chain reads outermost first and keeps the kind")
    func contextChain() {
        let error = QLError(.type, "7 does not fit u2").about("key").prefixed("users.insert")
        #expect(error.message == "users.insert: key 7 does not fit u2")
        #expect(error.context == ["users.insert"])
        #expect(error.kind == .type)
    }

    @Test("one renderer: syntax errors with a caret, run-time errors with the file and line")
    func rendering() {
        let source = "let x = 1;\nprint x / 0;\n"
        let location = SourceLocation(offset: 11, line: 2, column: 1)
        let runtime = QLError(.runtime, "division by zero").located(location)
        #expect(runtime.render(source: source, file: "rt.sql") == "error: rt.sql:2: division by zero\n")
        #expect(runtime.render(source: source, file: nil) == "error: division by zero\n")
        let diagnostic = Diagnostic(message: "expected ';'", location: SourceLocation(offset: 19, line: 2, column: 9))
        #expect(QLError(diagnostic).kind == .syntax)
        #expect(QLError(diagnostic).render(source: source, file: nil) == diagnostic.render(source: source))
        #expect(QLError(diagnostic).render(source: source, file: "s.sql") == diagnostic.render(source: source, file: "s.sql"))
    }

    @Test("a foreign structure is recognised by the library error it carries, not by its text")
    func foreignStructureByKind() {
        let library = StructureFactory.translate(.badMagic(expected: "BTreeMap", found: Array("SVC".utf8)), place: "the memory")
        #expect(library.kind == .library(.badMagic(expected: "BTreeMap", found: Array("SVC".utf8))))
        #expect(Session.namingMemory(library, ids: [3], kind: .map).message == "memory 3 holds a Vec (magic \"SVC\"), not a BTreeMap")
        let data = StructureFactory.translate(.badMagic(expected: "Log data", found: Array("BTR".utf8)), place: "the memories")
        #expect(Session.namingMemory(data, ids: [4, 5], kind: .log).message == "memory 5 holds a BTreeMap (magic \"BTR\"), not a Log data")
        #expect(Session.namingMemory(library, ids: [], kind: .map).message == "the image holds a Vec (magic \"SVC\"), not a BTreeMap")
        // The same words without the library error are left alone.
        let lookalike = QLError("the memory holds a Vec (magic \"SVC\"), not a BTreeMap")
        #expect(Session.namingMemory(lookalike, ids: [3], kind: .map) == lookalike)
    }

    @Test("kinds of common failures in a session")
    func kindsInSession() {
        let (session, _) = makeSession()
        #expect(session.run("let m = map(0) of u8 -> u8;", origin: "<stdin>"))
        #expect(throws: QLError(.type, "300 does not fit u8 (0...255)")) { try QLType.u8.convert(.int(300)) }
        #expect(throws: QLError(.name, "unknown name 'nope'")) {
            try session.evaluate(Expression(.variable("nope"), range: SourceRange(start: .start, end: .start)))
        }
    }
}
