import Foundation
import StableQL
import Testing

/// Keeps the script corpus complete: every statement, method, type, built-in,
/// output mode and documented error message of the language must appear in
/// at least one corpus script (or, for messages, in an expected transcript).
/// Removing the last use of one fails here.
@Suite("StableQL script corpus coverage")
struct ScriptCorpusCoverageTests {
    /// The text of every corpus script, by name.
    static let scripts: [String: String] = {
        var result: [String: String] = [:]
        for name in ScriptCorpusTests.allScripts {
            let url = ScriptCorpusTests.directory.appendingPathComponent("\(name).sql")
            result[name] = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        }
        return result
    }()

    /// The scripts without their `--` and `/* */` comments.
    static let code: String = scripts.values.map(stripComments).joined(separator: "\n")

    /// Every expected transcript, concatenated.
    static let transcripts: String = {
        let folder = ScriptCorpusTests.directory.appendingPathComponent("expected")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.sorted().compactMap {
            try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }.joined(separator: "\n")
    }()

    static let statements = [
        "let", "drop", "open", "close", "reclaim", "upgrade", "memories", "describe", "verify", "print", "assert",
        "for", "import", "select", "delete", "update", "if", "else", "while", "break", "continue",
    ]
    static let clauses = [
        "readonly", "raw", "bucket_size", "default", "limit", "of", "in", "from", "where", "group", "by", "order",
        "asc", "desc", "offset", "as", "is",
    ]
    /// Every method of every structure kind, from the method tables.
    static let methods: [String: [String]] = Dictionary(
        uniqueKeysWithValues: StructureKind.allCases.map { ($0.rawValue, $0.methods.map(\.name)) })
    static let types = [
        "u8", "u16", "u32", "u64", "u128", "i8", "i16", "i32", "i64", "f32", "f64", "bool", "string", "blob",
        "principal", "unit", "candid", "json",
    ]
    static let builtins = ["str", "len", "hex", "blob", "repeat", "hash"]
    static let modes = ["table", "list", "csv", "json"]
    /// Documented error messages (docs/StableQL.md), as fragments.
    static let errorMessages = [
        "expected ')' to close the argument list",
        "does not fit u8 (0...255)",
        "key -1 does not fit u64",
        "does not fit blob<32> (at most 32 bytes)",
        "memory 0 holds a Vec (magic \"SVC\"), not a BTreeMap",
        "is already used by `",
        "is already bound; drop it first",
        "a memory id is 0...254, found 255",
        "a log needs two different memories",
        "a log needs two memories, so it cannot live in a raw image",
        "is open read-only",
        "is open readonly and memory",
        "open failed on",
        "not a whole number of 64 KiB pages",
        "cannot be a vec element: it must be bounded",
        "cannot be a map key: floats are not totally ordered",
        "is not available: N must be one of",
        "is fixed-size: expected 5 bytes, found 1",
        "index 5 is out of range (length 1)",
        "a map has no method 'first_key_value'",
        "get() takes 1 argument, found 2",
        "unknown function 'foo' (built-ins: blob, hash, hex, len, repeat, str)",
        "unknown name 'y'",
        "is a map; call one of its methods",
        "division by zero",
        "integer overflow",
        "'not' needs a bool, found integer 1",
        "cannot apply '+' to string \"a\" and integer 1",
        "cannot compare integer 1 with string \"a\"",
        "invalid principal: \"aaaaa-ab\" is not in canonical form",
        "assertion failed: nope",
        "assertion failed: 1 == 2",
        "reclaim: memory 0 is used by `",
        "comparisons do not chain",
        "expected '{' to open the loop body, found 'limit'",
        "holds a memory manager; it cannot be opened raw",
        "does not fit candid Item: variant tag Car is not in the type",
        "not a valid candid Foo message: record field bar is missing",
        "key cannot be looked up: candid Item keys are ordered by the Rust type's derived Ord",
        "value invalid JSON at byte 8: expected a member name in quotes",
        "delete does not apply to a log: a log is append-only",
        "must appear in group by or inside an aggregate",
        "unknown variable 'undeclared': declare it first with let",
        "break is only allowed inside a for or while loop",
    ]

    @Test("every statement and clause appears in a corpus script")
    func statementsAndClauses() {
        for word in Self.statements + Self.clauses {
            #expect(Self.containsWord(Self.code, word), "no corpus script uses `\(word)`")
        }
    }

    @Test("every method of every structure is called in a corpus script")
    func methodsPerStructure() {
        let called = Self.calledMethods()
        for (kind, names) in Self.methods {
            for name in names {
                #expect(called.contains("\(kind).\(name)"), "no corpus script calls \(kind).\(name)(…)")
            }
        }
    }

    @Test("every range form appears in a range(…) call")
    func rangeForms() {
        for form in ["range(4..7)", "range(4..=7)", "range(10..)", "range(..3)", "range(..=3)", "range(..)"] {
            #expect(Self.code.contains(form), "no corpus script calls \(form)")
        }
    }

    @Test("every type appears in a declaration")
    func typeNames() {
        for name in Self.types {
            #expect(Self.containsWord(Self.code, name), "no corpus script uses the type \(name)")
        }
        for pattern in ["blob<", "bytes<", "option<", "of (", "-> (", "of ()"] {
            #expect(Self.code.contains(pattern), "no corpus script uses `\(pattern)`")
        }
        // A 3-tuple type: a parenthesised list with two commas after `of` or `->`.
        #expect(Self.code.range(of: #"(of|->) \([a-z0-9<>]+, [a-z0-9<>]+, [a-z0-9<>]+\)"#, options: .regularExpression) != nil)
    }

    @Test("every built-in function and output mode is used")
    func builtinsAndModes() {
        for name in Self.builtins {
            #expect(Self.code.range(of: #"(^|[^.A-Za-z0-9_])"# + name + #"\("#, options: .regularExpression) != nil,
                    "no corpus script calls \(name)(…)")
        }
        for mode in Self.modes {
            #expect(Self.code.contains(".mode \(mode)"), "no corpus script switches to .mode \(mode)")
        }
    }

    @Test("every documented error message appears in an expected transcript")
    func errorMessagesCovered() {
        #expect(!Self.transcripts.isEmpty)
        for message in Self.errorMessages {
            #expect(Self.transcripts.contains(message), "no expected transcript shows: \(message)")
        }
    }

    // MARK: - Scanning

    static func containsWord(_ text: String, _ word: String) -> Bool {
        text.range(of: #"\b"# + NSRegularExpression.escapedPattern(for: word) + #"\b"#, options: .regularExpression) != nil
    }

    /// `kind.method` for every call `NAME.method(` where NAME is bound to a
    /// structure of that kind at that point of its script.
    static func calledMethods() -> Set<String> {
        let declaration = try? NSRegularExpression(pattern: #"let\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(map|set|vec|log|cell|heap)\s*\("#)
        let call = try? NSRegularExpression(pattern: #"\b([A-Za-z_][A-Za-z0-9_]*)\.([a-z_]+)\("#)
        var result: Set<String> = []
        for script in scripts.values {
            let text = stripComments(script) as NSString
            var events: [(offset: Int, name: String, word: String, isDeclaration: Bool)] = []
            for match in declaration?.matches(in: text as String, range: NSRange(location: 0, length: text.length)) ?? [] {
                events.append((match.range.location, text.substring(with: match.range(at: 1)), text.substring(with: match.range(at: 2)), true))
            }
            for match in call?.matches(in: text as String, range: NSRange(location: 0, length: text.length)) ?? [] {
                events.append((match.range.location, text.substring(with: match.range(at: 1)), text.substring(with: match.range(at: 2)), false))
            }
            var kinds: [String: String] = [:]
            for event in events.sorted(by: { $0.offset < $1.offset }) {
                if event.isDeclaration {
                    kinds[event.name] = event.word
                } else if let kind = kinds[event.name] {
                    result.insert("\(kind).\(event.word)")
                }
            }
        }
        return result
    }

    /// The text without `--` line comments and `/* */` block comments
    /// (strings are kept; a `--` inside a string is rare enough in the corpus).
    static func stripComments(_ text: String) -> String {
        var output = ""
        var index = text.startIndex
        var inString = false
        while index < text.endIndex {
            let character = text[index]
            let rest = text[index...]
            if inString {
                output.append(character)
                if character == "\\" {
                    let next = text.index(after: index)
                    if next < text.endIndex { output.append(text[next]); index = text.index(after: next); continue }
                } else if character == "\"" {
                    inString = false
                }
            } else if character == "\"" {
                inString = true
                output.append(character)
            } else if rest.hasPrefix("--") {
                while index < text.endIndex && text[index] != "\n" { index = text.index(after: index) }
                continue
            } else if rest.hasPrefix("/*") {
                guard let end = rest.range(of: "*/") else { break }
                index = end.upperBound
                continue
            } else {
                output.append(character)
            }
            index = text.index(after: index)
        }
        return output
    }
}
