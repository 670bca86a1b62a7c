import StableQL
import Testing

@Suite("Parser")
struct ParserTests {
    func statements(_ source: String) -> [StatementKind] {
        let result = Parser.parse(source)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return result.statements.map(\.kind)
    }

    func single(_ source: String) -> StatementKind? {
        statements(source).first
    }

    /// Renders an expression back to a fully parenthesised string.
    func shape(_ expression: Expression) -> String {
        switch expression.kind {
        case let .integer(value): return "\(value)"
        case let .float(value): return "\(value)"
        case let .string(text): return "\"\(text)\""
        case let .blob(bytes): return "blob\(bytes)"
        case let .bool(flag): return "\(flag)"
        case .none: return "none"
        case .unit: return "()"
        case let .some(inner): return "some(\(shape(inner)))"
        case let .principal(text): return "principal(\(text))"
        case let .variable(name): return name
        case let .unary(op, operand): return "(\(op.rawValue) \(shape(operand)))"
        case let .binary(op, left, right): return "(\(shape(left)) \(op.rawValue) \(shape(right)))"
        case let .tuple(elements): return "tuple(" + elements.map(shape).joined(separator: ", ") + ")"
        case let .call(name, arguments): return "\(name)[" + arguments.map(shape).joined(separator: ", ") + "]"
        case let .methodCall(receiver, method, arguments):
            return "\(shape(receiver)).\(method)[" + arguments.map(shape).joined(separator: ", ") + "]"
        case let .range(lower, upper, inclusive):
            return "range(\(lower.map(shape) ?? "_")\(inclusive ? "..=" : "..")\(upper.map(shape) ?? "_"))"
        case let .record(fields):
            return "record{" + fields.map { "\($0.name)=\(shape($0.value))" }.joined(separator: ", ") + "}"
        case let .field(base, name): return "\(shape(base))#\(name)"
        case let .list(elements): return "list[" + elements.map(shape).joined(separator: ", ") + "]"
        case let .variant(tag, payload): return "variant \(tag)" + (payload.map { "(\(shape($0)))" } ?? "")
        case let .candidText(text): return "candid(\(text))"
        case let .jsonText(text): return "json(\(text))"
        case let .isVariant(base, tag): return "(\(shape(base)) is #\(tag))"
        case .allRows: return "*"
        }
    }

    func expression(_ source: String) -> String {
        let (expression, diagnostics) = Parser.parseExpression(source)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return expression.map(shape) ?? "<nil>"
    }

    @Test("operator precedence and associativity")
    func precedence() {
        #expect(expression("1 + 2 * 3") == "(1 + (2 * 3))")
        #expect(expression("1 - 2 - 3") == "((1 - 2) - 3)")
        #expect(expression("-2 * 3") == "((- 2) * 3)")
        #expect(expression("a < b and not c == d or e") == "(((a < b) and (not (c == d))) or e)")
        #expect(expression("(1 + 2) * 3") == "((1 + 2) * 3)")
        #expect(expression("x.get(1).len()") == "x.get[1].len[]")
        #expect(expression("str(1) + \"a\" % 2") == "(str[1] + (\"a\" % 2))")
    }

    @Test("literals, tuples, options, principals, unit")
    func literals() {
        #expect(expression("(1, \"a\", x\"ff\")") == "tuple(1, \"a\", blob[255])")
        #expect(expression("some(none)") == "some(none)")
        #expect(expression("principal \"aaaaa-aa\"") == "principal(aaaaa-aa)")
        #expect(expression("()") == "()")
        #expect(expression("true != false") == "(true != false)")
        #expect(expression("1.5") == "1.5")
    }

    @Test("ranges in arguments: a..b, a..=b, a.., ..b")
    func ranges() {
        #expect(expression("m.range(1..3)") == "m.range[range(1..3)]")
        #expect(expression("m.range(1..=3)") == "m.range[range(1..=3)]")
        #expect(expression("m.range(10..)") == "m.range[range(10.._)]")
        #expect(expression("m.range(..b)") == "m.range[range(_..b)]")
        #expect(expression("m.range((1, 2)..(3, 4))") == "m.range[range(tuple(1, 2)..tuple(3, 4))]")
        // Record literals as bounds: a `{` after `..` starts the upper bound here.
        #expect(expression("m.range({id: 1}..{id: 5, tag: none})")
            == "m.range[range(record{id=1}..record{id=5, tag=none})]")
        #expect(expression("m.range(..={id: 2})") == "m.range[range(_..=record{id=2})]")
    }

    @Test("in a for header a '{' after '..' starts the body, leaving the range open")
    func openRangeBeforeBody() throws {
        let result = Parser.parse("for i in 3.. { print i; }")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        guard case let .forLoop("i", sequence, body) = try #require(result.statements.first).kind else {
            Issue.record("for")
            return
        }
        #expect(shape(sequence) == "range(3.._)")
        #expect(body.count == 1)
    }

    @Test("all six declarations, raw mode and types")
    func declarations() {
        guard case let .declare("users", map) = single("let users = map(0) of u64 -> string;") else {
            Issue.record("not a declaration")
            return
        }
        #expect(map.kind == .map)
        #expect(map.keyType?.kind == .named("u64"))
        #expect(map.elementType.kind == .named("string"))
        #expect(map.memoryIds.count == 1)

        guard case let .declare(_, set) = single("let s = set(1) of (u32, blob<8>);") else { return }
        #expect(set.kind == .set)
        guard case let .tuple(parts) = set.elementType.kind else {
            Issue.record("not a tuple type")
            return
        }
        #expect(parts.map(\.kind) == [.named("u32"), .sized("blob", 8)])

        guard case let .declare(_, log) = single("let l = log(2, 3) of option<bytes<4>>;") else { return }
        #expect(log.kind == .log && log.memoryIds.count == 2)
        guard case let .generic("option", inner) = log.elementType.kind else {
            Issue.record("not an option type")
            return
        }
        #expect(inner.kind == .sized("bytes", 4))

        guard case let .declare(_, cell) = single("let c = cell(4) of i64 default -1;") else { return }
        #expect(cell.kind == .cell && cell.defaultValue != nil)
        guard case let .declare(_, vec) = single("let v = vec(5) of principal;") else { return }
        #expect(vec.kind == .vec && vec.elementType.kind == .named("principal"))
        guard case let .declare(_, heap) = single("let h = heap(6) of (u8, u8, string);") else { return }
        #expect(heap.kind == .heap)
        guard case let .declare(_, raw) = single("let r = map() of u64 -> ();") else { return }
        #expect(raw.memoryIds.isEmpty && raw.elementType.kind == .named("unit"))
    }

    @Test("every other statement form")
    func otherStatements() {
        let kinds = statements("""
            let x = 1 + 2;
            drop x;
            open "a.img" readonly raw bucket_size 1;
            open "b.img";
            close;
            reclaim 3;
            upgrade;
            memories;
            describe users;
            print x;
            assert x == 3, "three";
            assert true;
            for i in 0..10 { print i; let y = i; }
            for e in users.iter() { print e; }
            users.iter() limit 20;
            users.insert(1, "a");
            """)
        #expect(kinds.count == 16)
        guard kinds.count == 16 else { return }
        #expect({ if case .letValue("x", _) = kinds[0] { return true }; return false }())
        #expect(kinds[1] == .drop(name: "x"))
        guard case let .open("a.img", options) = kinds[2] else {
            Issue.record("open")
            return
        }
        #expect(options.readOnly && options.raw && options.bucketSize != nil)
        #expect(kinds[3] == .open(path: "b.img", options: OpenOptions()))
        #expect(kinds[4] == .close)
        #expect({ if case .reclaim = kinds[5] { return true }; return false }())
        #expect(kinds[6] == .upgrade(verify: true))
        #expect(kinds[7] == .memories)
        #expect(kinds[8] == .describe(name: "users"))
        #expect({ if case .print = kinds[9] { return true }; return false }())
        #expect({ if case .assert(_, "three") = kinds[10] { return true }; return false }())
        #expect({ if case .assert(_, nil) = kinds[11] { return true }; return false }())
        guard case let .forLoop("i", sequence, body) = kinds[12] else {
            Issue.record("for")
            return
        }
        #expect(body.count == 2)
        #expect(shape(sequence) == "range(0..10)")
        guard case let .forLoop("e", iteration, _) = kinds[13] else { return }
        #expect(shape(iteration) == "users.iter[]")
        guard case let .expression(call, limit?) = kinds[14] else {
            Issue.record("limit")
            return
        }
        #expect(shape(call) == "users.iter[]" && shape(limit) == "20")
        guard case let .expression(insert, nil) = kinds[15] else { return }
        #expect(shape(insert) == "users.insert[1, \"a\"]")
    }

    @Test("keywords may name methods after a dot")
    func keywordMethods() {
        #expect(expression("v.set(0, 1)") == "v.set[0, 1]")
        #expect(expression("l.log()") == "l.log[]")
    }

    @Test("the last statement may omit ';' at the end of the input")
    func trailingSemicolon() {
        #expect(statements("print 1; print 2").count == 2)
    }

    @Test("statement ranges cover the text up to ';'")
    func ranges_() {
        let source = "print 1;\n  let x = 2 ;"
        let result = Parser.parse(source)
        #expect(result.statements.count == 2)
        #expect(result.statements[1].range.start == SourceLocation(offset: 11, line: 2, column: 3))
        #expect(result.statements[1].range.end.offset == source.utf8.count)
    }
}
