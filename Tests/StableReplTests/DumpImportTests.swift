import Foundation
import Testing

/// `.dump` round trips and `.import` of CSV and JSON Lines.
@Suite("stable-repl .dump and .import")
struct DumpImportTests {
    /// Every structure kind, and every value type with a literal form.
    static let everything = """
        type Asset = record { contents: blob, created_at: u64 = 0, tag: option<string> };
        type Pair = record { left: Asset, right: option<Asset> };
        let assets = map(0) of u64 -> Asset;
        assets.insert(1, {contents: x"00ff", created_at: 5, tag: some("x")});
        assets.insert(2, {contents: x"", created_at: 0, tag: none});
        let pairs = map(9) of string -> Pair;
        pairs.insert("p", {left: {contents: x"01", created_at: 1, tag: none}, right: none});
        let tuples = set(1) of (u32, string, bool);
        tuples.insert((1, "a\\n\\"b\\\\ \\t\\u{7f}", true));
        tuples.insert((0, "日本 🎉", false));
        let floats = vec(2) of f64;
        floats.push(1.5); floats.push(0.0 / 0.0); floats.push(-1.0 / 0.0); floats.push(1e300); floats.push(-0.0);
        let singles = vec(7) of f32;
        singles.push(0.1); singles.push(1.0 / 0.0);
        let who = log(3, 4) of principal;
        who.append(principal "aaaaa-aa"); who.append(principal "2vxsx-fae");
        let counter = cell(5) of i64 default 7;
        counter.set(-9223372036854775808);
        let queue = heap(6) of (u8, i16);
        queue.push((5, -1)); queue.push((1, 2)); queue.push((3, 300));
        let docs = map(8) of string -> cbor;
        docs.insert("x", {a: 1, b: "two", c: (true, none)});
        let options = map(10) of u8 -> option<(u8, string, bool)>;
        options.insert(0, some((1, "2", true))); options.insert(3, none);
        let big = map(11) of u128 -> i8;
        big.insert(340282366920938463463374607431768211455, -128);
        let n = 42;
        let s = "scalar \\"text\\"";
        """

    /// What every binding holds, printed in json mode (a model of the contents).
    static let contents = ".mode json\n" + ["assets", "pairs", "tuples", "floats", "singles", "who", "queue", "docs", "options", "big"]
        .map { "\($0).iter();" }.joined(separator: "\n") + "\ncounter.get();\nprint n; print s;\n"

    @Test(".dump run on an empty image recreates equal bindings, and dumps itself the same")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        let first = dir.path("first.img")
        let dumpFile = dir.path("dump.sql")
        let setup = try dir.file("setup.sql", Self.everything + "\n.once \(dumpFile)\n.dump\n")
        let made = try ReplRun.run(["--image", first, setup])
        #expect(made.status == 0, "\(made.stderr)")
        let dump = try String(contentsOfFile: dumpFile, encoding: .utf8)
        #expect(dump.contains("for _ in 0..1 {"))
        // -c runs after the files: the declarations come first in the file.
        let check = try dir.file("contents.sql", Self.declarations + "\n" + Self.contents)
        let expected = try ReplRun.run(["--image", first, check])
        #expect(expected.status == 0, "\(expected.stderr)")
        #expect(expected.lines.count == 13)
        #expect(expected.lines.contains("-9223372036854775808"))

        let second = dir.path("second.img")
        let redump = dir.path("redump.sql")
        let replayed = try ReplRun.run(["--image", second, dumpFile, "-c", ".once \(redump)", "-c", ".dump"])
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(replayed.stdout.isEmpty, "a dump prints nothing when it runs: \(replayed.stdout)")
        let actual = try ReplRun.run(["--image", second, check])
        #expect(actual.status == 0, "\(actual.stderr)")
        #expect(actual.stdout == expected.stdout)
        #expect(try String(contentsOfFile: redump, encoding: .utf8) == dump)
    }

    /// The declarations of `everything`, to load the structures from an image.
    static var declarations: String {
        Self.everything.split(separator: "\n").filter { $0.hasPrefix("type ") || $0.contains(" = map(") || $0.contains(" = set(")
            || $0.contains(" = vec(") || $0.contains(" = log(") || $0.contains(" = cell(") || $0.contains(" = heap(") }
            .joined(separator: "\n") + "\nlet n = 42; let s = \"scalar \\\"text\\\"\";"
    }

    @Test(".dump round trips blobs holding every byte value")
    func everyByte() throws {
        let dir = try TemporaryDirectory()
        // Blob keys and values built from every byte 0...255: hex literals written out here.
        var lines = ["let blobs = map(0) of blob<4> -> blob;"]
        let all = (0..<256).map { String(format: "%02x", $0) }.joined()
        for byte in 0..<256 {
            lines.append("blobs.insert(x\"\(String(format: "%02x", byte))\", x\"\(String(all.dropFirst(byte * 2)))\");")
        }
        let dumpFile = dir.path("dump.sql")
        let setup = try dir.file("setup.sql", lines.joined(separator: "\n") + "\n.once \(dumpFile)\n.dump blobs\n")
        let made = try ReplRun.run(["--mode", "json", setup, "-c", "blobs.len(); blobs.iter();"])
        #expect(made.status == 0, "\(made.stderr)")
        let replayed = try ReplRun.run(["--mode", "json", dumpFile, "-c", "blobs.len(); blobs.iter();"])
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(replayed.stdout == made.stdout)
        #expect(replayed.lines.first == "256")
    }

    @Test(".dump round trips candid values (typed and untyped) and json documents, byte for byte, re-importing the .did")
    func candidAndJSON() throws {
        let dir = try TemporaryDirectory()
        let did = try dir.file("types.did", """
            type Status = variant { Active; Suspended : text };
            type User = record { name : text; age : nat32; status : Status; tags : vec text; email : opt text };
            """)
        let setup = """
            import "\(did)";
            let users = map(0) of u64 -> candid User;
            users.insert(1, {name: "ada", age: 36, status: #Active, tags: ["a", "b"], email: some("ada@example.org")});
            users.insert(2, {name: "bob \\"b\\"", age: 4294967295, status: #Suspended("spam"), tags: [], email: none});
            let any = map(1) of u64 -> candid;
            any.insert(1, candid "(record { 0 = 1 : nat8; 1 = -5 : int64; 2 = 340282366920938463463374607431768211456 : nat })");
            any.insert(2, candid "(record { vec { opt (1.5 : float32); opt (-0.25 : float32) }; vec { 0 : nat8; 255 : nat8; 92 : nat8; 34 : nat8 }; principal \\"aaaaa-aa\\" })");
            any.insert(3, candid "(variant { Ok = record { x = -170141183460469231731687303715884105729 } })");
            let docs = map(2) of string -> json;
            docs.insert("d", json "{\\"a\\": [1, 2.5e300, \\"\\\\u00e9\\"], \\"b\\": null, \\"c\\": {}}");
            """
        // The bytes each map holds, read back as blobs: equal bytes mean equal values.
        let raw = """
            let u = map(0) of u64 -> blob; let a = map(1) of u64 -> blob; let d = map(2) of string -> blob;
            u.iter(); a.iter(); d.iter();
            """
        let first = dir.path("first.img")
        let dumpFile = dir.path("dump.sql")
        let made = try ReplRun.run(["--image", first, try dir.file("setup.sql", setup + "\n.once \(dumpFile)\n.dump\n")])
        #expect(made.status == 0, "\(made.stderr)")
        let dump = try String(contentsOfFile: dumpFile, encoding: .utf8)
        #expect(dump.contains("import \"\(did)\";"))
        let second = dir.path("second.img")
        let replayed = try ReplRun.run(["--image", second, dumpFile])
        #expect(replayed.status == 0, "\(replayed.stderr)")
        let expected = try ReplRun.run(["--mode", "json", "--image", first, "-c", "import \"\(did)\";\n" + raw])
        let actual = try ReplRun.run(["--mode", "json", "--image", second, "-c", "import \"\(did)\";\n" + raw])
        #expect(expected.status == 0, "\(expected.stderr)")
        #expect(expected.lines.count == 4)
        #expect(actual.stdout == expected.stdout)
    }

    @Test(".dump of an unknown name fails")
    func dumpUnknown() throws {
        let run = try ReplRun.run(["-c", ".dump nothing"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no binding named 'nothing'"))
    }

    @Test(".import CSV: header names key and value or record fields; --no-header by position; quoted fields")
    func importCSV() throws {
        let dir = try TemporaryDirectory()
        let plain = try dir.file("plain.csv", "key,value\r\n1,hello\r\n2,\"a,b\"\r\n3,\"two\nlines \"\"q\"\"\"\r\n")
        let run = try ReplRun.run(["--mode", "json", "-c", "let m = map(0) of u64 -> string;", "-c", ".import \(plain) m", "-c", "m.iter();"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "[[1,\"hello\"],[2,\"a,b\"],[3,\"two\\nlines \\\"q\\\"\"]]\n")

        let people = try dir.file("people.txt", "name,age,tag\nada,36,\nbob,7,x\n")
        let records = try ReplRun.run(["--mode", "json", "-c",
            "type P = record { name: string, age: u8, tag: option<string> }; let v = log(0, 1) of P;",
            "-c", ".import \(people) v --csv", "-c", "v.iter();"])
        #expect(records.status == 0, "\(records.stderr)")
        #expect(records.stdout == "[{\"name\":\"ada\",\"age\":36,\"tag\":null},{\"name\":\"bob\",\"age\":7,\"tag\":\"x\"}]\n")

        let positional = try dir.file("p.csv", "5,0x00ff\n6,\n")
        let blobs = try ReplRun.run(["--mode", "json", "-c", "let b = map(0) of u8 -> blob;", "-c",
                                     ".import \(positional) b --no-header", "-c", "b.iter();"])
        #expect(blobs.status == 0, "\(blobs.stderr)")
        #expect(blobs.stdout == "[[5,\"0x00ff\"],[6,\"0x\"]]\n")
    }

    @Test(".import errors name the file and line, and load nothing")
    func importErrors() throws {
        let dir = try TemporaryDirectory()
        let declare = "let m = map(0) of u8 -> string; m.insert(9, \"kept\");"
        let tooBig = try dir.file("big.csv", "key,value\n1,one\n2,two\n300,x\n")
        let run = try ReplRun.run(["--keep-going", "-c", declare, "-c", ".import \(tooBig) m", "-c", "m.len();"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("big.csv:4:"), "\(run.stderr)")
        #expect(run.lines.last == "1")
        let notNumber = try dir.file("nan.csv", "key,value\n1,one\nx,two\n")
        let bad = try ReplRun.run(["--keep-going", "-c", declare, "-c", ".import \(notNumber) m", "-c", "m.len();"])
        #expect(bad.stderr.contains("nan.csv:3:"), "\(bad.stderr)")
        #expect(bad.stderr.contains("expected an integer"))
        #expect(bad.lines.last == "1")
        let fields = try dir.file("short.csv", "key,value\n1\n")
        let short = try ReplRun.run(["-c", declare, "-c", ".import \(fields) m"])
        #expect(short.stderr.contains("short.csv:2:"), "\(short.stderr)")
        let json = try dir.file("bad.jsonl", "[1, \"one\"]\n\n[2, \"two\"]\n[3 \"three\"]\n")
        let broken = try ReplRun.run(["--keep-going", "-c", declare, "-c", ".import \(json) m", "-c", "m.len();"])
        #expect(broken.stderr.contains("bad.jsonl:4:"), "\(broken.stderr)")
        #expect(broken.lines.last == "1")
        let missing = try ReplRun.run(["-c", declare, "-c", ".import \(dir.path("none.csv")) m"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("none.csv"))
        let unknownFormat = try dir.file("data.txt", "1,2\n")
        let guess = try ReplRun.run(["-c", declare, "-c", ".import \(unknownFormat) m"])
        #expect(guess.stderr.contains("--csv or --json"))
    }

    @Test(".import JSON Lines: [key, value] pairs for maps, one value a line otherwise")
    func importJSONLines() throws {
        let dir = try TemporaryDirectory()
        let pairs = try dir.file("pairs.jsonl", "[1, {\"name\": \"ada\", \"ids\": [7, \"x\"]}]\n\n[340282366920938463463374607431768211455, {\"name\": \"\\u00e9\\ud83c\\udf89\", \"ids\": [8, \"y\"]}]\n")
        let run = try ReplRun.run(["--mode", "json", "-c",
            "type U = record { name: string, ids: (u8, string, option<u8>) }; let m = map(0) of u128 -> U;",
            "-c", ".import \(pairs) m", "-c", "m.iter();"])
        // A 3-tuple needs three items: the import fails on line 1, and loads nothing.
        #expect(run.status == 1)
        #expect(run.stderr.contains("pairs.jsonl:1:"), "\(run.stderr)")
        let fixed = try dir.file("fixed.ndjson", "[1, {\"name\": \"ada\", \"ids\": [7, \"x\", null]}]\n[340282366920938463463374607431768211455, {\"name\": \"\\u00e9\\ud83c\\udf89\", \"ids\": [8, \"y\", 3]}]\n")
        let ok = try ReplRun.run(["--mode", "json", "-c",
            "type U = record { name: string, ids: (u8, string, option<u8>) }; let m = map(0) of u128 -> U;",
            "-c", ".import \(fixed) m", "-c", "m.iter();"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout == "[[1,{\"name\":\"ada\",\"ids\":[7,\"x\",null]}],[340282366920938463463374607431768211455,{\"name\":\"é🎉\",\"ids\":[8,\"y\",3]}]]\n")
        let values = try dir.file("v.json", "1.5\n\"nan\"\n-2\n")
        let floats = try ReplRun.run(["-c", "let v = vec(0) of f64;", "-c", ".import \(values) v", "-c", "v.iter();"])
        #expect(floats.status == 0, "\(floats.stderr)")
        #expect(floats.lines == [" value", "-------", "   1.5", "   nan", "  -2.0", "(3 rows)"])
    }
}
