import Foundation
import StableQL
import Testing

/// The method tables are the one description of each structure's methods:
/// the reference's method lists are rendered from them (and compared here),
/// completion and dispatch read them, and the methods added to reach the
/// crate's API behave as Swift's own collections say they should.
@Suite("Method tables")
struct MethodTableTests {
    static let reference = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/StableQL.md")

    /// The Markdown table of `kind`'s methods, as the reference shows it.
    static func markdown(_ kind: StructureKind) -> String {
        var lines = ["| Method | Returns | What it does |", "|---|---|---|"]
        for method in kind.methods {
            lines.append("| `\(method.usage)` | \(method.result) | \(method.help.prefix(1).uppercased() + method.help.dropFirst()). |")
        }
        return lines.joined(separator: "\n")
    }

    @Test("docs/StableQL.md lists exactly the methods of each table (STABLE_RECORD_DOCS=1 rewrites the lists)")
    func referenceAgrees() throws {
        var text = try String(contentsOf: Self.reference, encoding: .utf8)
        var changed = false
        for kind in StructureKind.allCases {
            let open = "<!-- methods:\(kind.rawValue) (generated from the method table; see MethodTableTests) -->\n"
            let close = "\n<!-- /methods:\(kind.rawValue) -->"
            let start = try #require(text.range(of: open), "no method list for \(kind.rawValue) in the reference")
            let end = try #require(text.range(of: close, range: start.upperBound..<text.endIndex))
            let documented = String(text[start.upperBound..<end.lowerBound])
            let expected = Self.markdown(kind)
            if documented != expected {
                if ProcessInfo.processInfo.environment["STABLE_RECORD_DOCS"] == "1" {
                    text.replaceSubrange(start.upperBound..<end.lowerBound, with: expected)
                    changed = true
                } else {
                    Issue.record("the reference's \(kind.rawValue) methods differ from the table:\n\(documented)\n---\n\(expected)")
                }
            }
        }
        if changed { try text.write(to: Self.reference, atomically: true, encoding: .utf8) }
    }

    @Test("the reading methods (taken under the image's shared lock) are methods of the tables, and no writer is among them")
    func readingMethodsExist() {
        let all = Set(StructureKind.allCases.flatMap { $0.methods.map(\.name) })
        #expect(MethodSignature.readingMethods.isSubset(of: all), "\(MethodSignature.readingMethods.subtracting(all))")
        let writers: Set = ["insert", "remove", "pop_first", "pop_last", "push", "pop", "set", "append", "clear"]
        #expect(MethodSignature.readingMethods.isDisjoint(with: writers))
    }

    @Test("every method of every table dispatches, and its arity is checked against its signature")
    func everyMethodDispatches() {
        let declarations: [StructureKind: String] = [
            .map: "map(0) of u64 -> u64", .set: "set(0) of u64", .vec: "vec(0) of u64",
            .log: "log(0, 1) of u64", .cell: "cell(0) of u64 default 0", .heap: "heap(0) of u64",
        ]
        for kind in StructureKind.allCases {
            for method in kind.methods {
                let (session, sink) = makeSession()
                #expect(session.run("let s = \(declarations[kind]!);", origin: "<stdin>"), "\(sink.errors)")
                // One argument too many: refused by the signature's count, so
                // the method was found and nothing ran.
                let arguments = Array(repeating: "1", count: method.parameters.count + 1).joined(separator: ", ")
                #expect(!session.run("s.\(method.name)(\(arguments));", origin: "<stdin>"))
                let count = method.parameters.count
                #expect(sink.errors == "error: s.\(method.name): \(method.name)() takes \(count) argument\(count == 1 ? "" : "s"), found \(count + 1)\n",
                        "\(kind.rawValue).\(method.name)")
            }
            let (session, sink) = makeSession()
            #expect(session.run("let s = \(declarations[kind]!);", origin: "<stdin>"))
            #expect(session.completions(for: "s.", cursor: 2) == kind.methods.map(\.name).sorted())
            #expect(!session.run("s.frobnicate();", origin: "<stdin>"))
            #expect(sink.errors.contains("a \(kind.rawValue) has no method 'frobnicate' (it has \(kind.methods.map(\.name).sorted().joined(separator: ", ")))"))
        }
    }

    @Test("log.clear empties the log and appends start again at 0; the size methods follow the entries")
    func logClear() {
        let (session, sink) = makeSession(mode: .list)
        #expect(session.run("""
            let l = log(0, 1) of string;
            for i in 0..5 { l.append("entry " + str(i)); }
            print l.index_size_bytes(); print l.data_size_bytes();
            l.clear();
            print l.len(); print l.is_empty(); print l.get(0);
            print l.append("again"); print l.index_size_bytes(); print l.data_size_bytes();
            upgrade fast;
            l.iter();
            """, origin: "<stdin>"), "\(sink.errors)")
        let lines = sink.output.split(separator: "\n").map(String.init)
        // 5 entries of 7 bytes after the headers (40-byte index header, 8 bytes an entry; 32-byte data header).
        #expect(Array(lines.prefix(2)) == ["\(40 + 5 * 8)", "\(32 + 5 * 7)"])
        #expect(Array(lines[2..<8]) == ["0", "true", "none", "0", "\(40 + 8)", "\(32 + 5)"])
        #expect(lines.last == "again")
    }

    @Test("keys_range, values_range and iter_from_prev_key against a Swift dictionary")
    func mapRangesAndPreviousKey() {
        let keys: [UInt64] = [3, 7, 8, 15, 20, 21, 40]
        let model = Dictionary(uniqueKeysWithValues: keys.map { ($0, $0 * 100) })
        let (session, sink) = makeSession(mode: .list)
        var script = "let m = map(0) of u64 -> u64;\n"
        for key in keys { script += "m.insert(\(key), \(key * 100));\n" }
        #expect(session.run(script, origin: "<stdin>"), "\(sink.errors)")
        for (low, high) in [(0, 100), (7, 21), (9, 15), (41, 50)] as [(UInt64, UInt64)] {
            sink.output = ""
            #expect(session.run("m.keys_range(\(low)..\(high)); m.values_range(\(low)..=\(high));", origin: "<stdin>"))
            let inRange = model.keys.sorted().filter { $0 >= low && $0 < high }
            let inClosed = model.keys.sorted().filter { $0 >= low && $0 <= high }
            let expected = inRange.map(String.init) + inClosed.map { String(model[$0]!) }
            #expect(sink.output.split(separator: "\n").map(String.init) == expected, "\(low)..\(high)")
        }
        for probe in [0, 3, 4, 8, 9, 40, 41, 1000] as [UInt64] {
            sink.output = ""
            #expect(session.run("m.iter_from_prev_key(\(probe));", origin: "<stdin>"))
            // The largest key strictly below the probe, then every key after it.
            let sorted = model.keys.sorted()
            let expected: [UInt64] = sorted.last(where: { $0 < probe }).map { start in sorted.filter { $0 >= start } } ?? []
            let rows = expected.map { "\($0)|\(model[$0]!)" }
            #expect(sink.output.split(separator: "\n").map(String.init) == rows, "\(probe)")
        }
    }

    @Test("set.iter_from_prev against a Swift set")
    func setPreviousElement() {
        let elements: Set<UInt64> = [2, 5, 9, 30]
        let (session, sink) = makeSession(mode: .list)
        #expect(session.run("let s = set(0) of u64; " + elements.map { "s.insert(\($0));" }.joined(separator: " "), origin: "<stdin>"))
        for probe in [0, 2, 3, 9, 31] as [UInt64] {
            sink.output = ""
            #expect(session.run("s.iter_from_prev(\(probe));", origin: "<stdin>"))
            let sorted = elements.sorted()
            let expected = sorted.last(where: { $0 < probe }).map { start in sorted.filter { $0 >= start } } ?? []
            #expect(sink.output.split(separator: "\n").map(String.init) == expected.map(String.init), "\(probe)")
        }
    }
}
