import StableQL
import StableTestSupport
import Testing

@Suite("Fuzzing the language front end and scalar runtime")
struct FuzzTests {
    static let seed: UInt64 = {
        if let text = Environment.value("STABLE_SEED"), let seed = UInt64(text) { return seed }
        return 0x5EED_0F_5714
    }()

    static let iterations = Environment.value("STABLE_LONG_TESTS") == "1" ? 100_000 : 2_000

    static let corpus = [
        "let x = 1 + 2 * 3;", "print x;", "for i in 0..3 { print i; }", "assert x == 7, \"msg\";",
        "let users = map(0) of u64 -> string;", "users.insert(1, \"ada\");", "users.range(1..=3) limit 2;",
        "print (1, \"a\", x\"00ff\");", "print some(none);", "print principal \"aaaaa-aa\";",
        "open \"x.img\" readonly bucket_size 1;", "print -0x7f_ff + 0b101 % 3;", "print \"\\u{1F600}\\n\";",
        "/* c */ print 1.5e3; -- end", "print not true or false and 1 < 2;", "print repeat(\"ab\", 3);",
        "let c = cell(1) of option<(u8, blob<4>)> default none;", "print hash(str(len(\"x\")));",
    ]

    static let alphabet = Array("abxy019_ .,;:()[]{}<>=!+-*/%\"\\\n\t#@é".unicodeScalars)

    func mutate(_ text: String, _ random: inout SplitMix64) -> String {
        var scalars = Array(text.unicodeScalars)
        let edits = Int(random.next() % 4) + 1
        for _ in 0..<edits {
            let choice = random.next() % 4
            let position = scalars.isEmpty ? 0 : Int(random.next() % UInt64(scalars.count + 1))
            switch choice {
            case 0 where !scalars.isEmpty && position < scalars.count:
                scalars.remove(at: position)
            case 1:
                scalars.insert(FuzzTests.alphabet[Int(random.next() % UInt64(FuzzTests.alphabet.count))], at: position)
            case 2:
                let other = FuzzTests.corpus[Int(random.next() % UInt64(FuzzTests.corpus.count))]
                scalars.insert(contentsOf: other.unicodeScalars, at: position)
            default:
                if position < scalars.count { scalars = Array(scalars[..<position]) }
            }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    @Test("random and mutated inputs never trap or hang")
    func fuzz() {
        var random = SplitMix64(seed: FuzzTests.seed)
        for iteration in 0..<FuzzTests.iterations {
            var text = FuzzTests.corpus[iteration % FuzzTests.corpus.count]
            if random.next() % 5 == 0 {
                text = ""
                for _ in 0..<Int(random.next() % 40) {
                    text.unicodeScalars.append(FuzzTests.alphabet[Int(random.next() % UInt64(FuzzTests.alphabet.count))])
                }
            } else {
                text = mutate(text, &random)
            }
            _ = Lexer.tokenize(text)
            let parsed = Parser.parse(text)
            for diagnostic in parsed.diagnostics {
                #expect(!diagnostic.render(source: text).isEmpty)
                #expect(diagnostic.location.offset <= text.utf8.count)
            }
            _ = Parser.isComplete(text)
            // Loops are skipped so a mutated range cannot run for long, and
            // `open` so no image file is created.
            if !text.contains("for") && !text.contains("open") {
                let (session, _) = makeSession(mode: OutputMode.allCases[iteration % 4])
                _ = session.run(text, origin: "<fuzz>", keepGoing: true)
                _ = session.completions(for: text, cursor: Int(random.next() % UInt64(text.utf8.count + 1)))
            }
        }
    }
}

/// Reads environment variables without Foundation.
enum Environment {
    static func value(_ name: String) -> String? {
        guard let pointer = getenv(name) else { return nil }
        return String(cString: pointer)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
