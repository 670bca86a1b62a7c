import Foundation
import StableQL
import Testing

@Suite("Session with maps")
struct SessionMapTests {
    @Test("the spec's taste, on the in-heap memory")
    func taste() {
        let (session, sink) = makeSession()
        let ok = session.run("""
            let users = map(0) of u64 -> string;
            users.insert(1, "ada");
            users.insert(2, "grace");
            users.get(1);
            for i in 3..1000 { users.insert(i, "user " + str(i)); }
            users.len();
            users.range(10..13);
            upgrade;
            users.get(2);
            """, origin: "<stdin>")
        #expect(ok, "\(sink.errors)")
        let lines = sink.output.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(8)) == [
            "\"ada\"", "999",
            " key |   value", "-----+-----------",
            "  10 | \"user 10\"", "  11 | \"user 11\"", "  12 | \"user 12\"", "(3 rows)",
        ])
        #expect(lines.count == 13)
        guard lines.count == 13 else { return }
        #expect(lines[8].hasPrefix(" binding | length before |  checksum before "))
        let cells = lines[10].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(cells.count == 6)
        #expect(cells == ["\"users\"", "999", cells[2], "999", cells[2], "\"ok\""])
        #expect(lines[12] == "\"grace\"")
    }


    @Test("a value that no longer decodes fails only the iterations that return it, naming binding, method and key")
    func iterationErrorsNameTheBinding() {
        let (session, sink) = makeSession()
        // Bytes that are not UTF-8, then read back as strings.
        #expect(session.run("""
            let m = map(0) of u64 -> blob;
            m.insert(1, b"ok");
            m.insert(2, x"fffe");
            m.insert(3, b"ok3");
            drop m;
            let n = map(0) of u64 -> string;
            """, origin: "<stdin>"), "\(sink.errors)")
        // x"fffe" is 2 bytes, which discovery reads as a u16.
        let failure = "1 entry does not decode as string: key 2: type mismatch: the stored value is 2 bytes and looks like "
            + "u16 (2-byte big-endian integers); string values are UTF-8 text (malformed string encoding: invalid UTF-8)\n"
        for (statement, message) in [
            ("n.iter();", "error: n.iter: " + failure),
            ("n.values();", "error: n.values: " + failure),
            ("for e in n.range(2..) { print e; }", "error: n.range: " + failure),
            ("for e in n.range(..2) { assert false; }", "error: assertion failed: false\n"),
        ] {
            sink.errors = ""
            sink.output = ""
            #expect(!session.run(statement, origin: "<stdin>"))
            #expect(sink.errors == message, "\(statement)")
            #expect(sink.output.isEmpty, "\(statement)")
        }
        // Keys alone, and ranges that stop before the broken value, do not decode it.
        sink.errors = ""
        sink.output = ""
        #expect(session.run("""
            for k in n.keys() { print k; }
            for e in n.range(..2) { print e; }
            for e in n.range(..=1) { print e; }
            for e in n.range(3..) { print e; }
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.split(separator: "\n").map(String.init) == ["1", "2", "3", "(1, \"ok\")", "(1, \"ok\")", "(3, \"ok3\")"])
    }

    @Test("a fixed-size option rejects none, as the crate does")
    func fixedOptionQuirk() {
        let (session, sink) = makeSession()
        #expect(session.run("let m = map(0) of u8 -> option<i64>; m.insert(1, 5);", origin: "<stdin>"))
        #expect(!session.run("m.insert(2, none);", origin: "<stdin>"))
        #expect(sink.errors == "error: m.insert: option<i64> is fixed-size: expected 9 bytes, found 1\n")
    }

    @Test("map methods")
    func methods() {
        let (session, sink) = makeSession(mode: .json)
        let ok = session.run("""
            let m = map(3) of (u8, u8) -> option<string>;
            m.insert((1, 2), "x");
            m.insert((1, 2), none);
            m.insert((0, 9), some("7"));
            m.get((1, 2));
            m.get((5, 5));
            m.contains((0, 9));
            m.len(); m.is_empty(); m.first(); m.last();
            m.iter(); m.keys(); m.values();
            m.range((0, 0)..=(0, 9));
            m.range(..(1, 0));
            m.range((1, 0)..);
            m.pop_first();
            m.remove((1, 2));
            m.remove((1, 2));
            m.len();
            m.clear();
            m.is_empty();
            """, origin: "<stdin>")
        #expect(ok, "\(sink.errors)")
        #expect(sink.output.split(separator: "\n") == [
            "\"x\"",  // insert prints the previous value (a none is not printed)
            "null",  // get of a key holding none
            "null",  // get of an absent key
            "true",
            "2", "false", "[[0,9],\"7\"]", "[[1,2],null]",
            "[[[0,9],\"7\"],[[1,2],null]]", "[[0,9],[1,2]]", "[\"7\",null]",
            "[[[0,9],\"7\"]]",
            "[[[0,9],\"7\"]]",
            "[[[1,2],null]]",
            "[[0,9],\"7\"]",
            // remove returned none twice (a stored none, then an absent key): nothing printed
            "0",
            "true",
        ])
    }

    @Test("conversion errors name the method, the role, the value and the type")
    func conversionErrors() {
        let (session, sink) = makeSession()
        #expect(session.run("let users = map(0) of u64 -> blob<4>;", origin: "<stdin>"))
        #expect(!session.run("users.insert(-1, x\"00\");", origin: "<stdin>"))
        #expect(!session.run("users.insert(1, x\"0102030405\");", origin: "<stdin>"))
        #expect(!session.run("users.insert(\"a\", x\"00\");", origin: "<stdin>"))
        #expect(!session.run("users.frob();", origin: "<stdin>"))
        #expect(sink.errors.split(separator: "\n") == [
            "error: users.insert: key -1 does not fit u64 (0...18446744073709551615)",
            "error: users.insert: value a 5-byte blob does not fit blob<4> (at most 4 bytes)",
            "error: users.insert: key expected u64, found string \"a\"",
            "error: users.frob: a map has no method 'frob' (it has clear, contains, first, get, insert, is_empty, iter, iter_from_prev_key, keys, keys_range, last, len, pop_first, pop_last, range, remove, values, values_range)",
        ])
    }

    @Test("declaration rules: one binding per memory, types validated, names unique")
    func declarations() {
        let cases: [(String, String)] = [
            ("let a = map(0) of u8 -> u8; let b = map(0) of u8 -> u8;", "memory 0 is already used by `a`"),
            ("let a = map(0) of f64 -> u8;", "f64 cannot be a map key: floats are not totally ordered"),
            ("let a = map(255) of u8 -> u8;", "map: a memory id is 0...254, found 255"),
            ("let a = map() of u8 -> u8;", "map() needs a memory id (0...254) unless the image is raw"),
            ("let a = 1; let a = map(1) of u8 -> u8;", "`a` is already bound; drop it first"),
            ("let a = map(1) of u8 -> u8; let a = 2;", "`a` is bound to a map; drop it first"),
            ("let a = map(1) of (u8, string) -> u8;", "a 2-tuple needs bounded parts"),
            ("let a = map(1) of blob<65> -> u8;", "blob<65> is not available"),
        ]
        for (source, message) in cases {
            let (session, sink) = makeSession()
            #expect(!session.run(source, origin: "<stdin>"), "\(source)")
            #expect(sink.errors.contains(message), "\(source): \(sink.errors)")
        }
    }

    @Test("drop frees the memory id and keeps the data; a new binding reloads it")
    func dropAndReattach() {
        let (session, sink) = makeSession()
        #expect(session.run("""
            let a = map(2) of u32 -> string;
            a.insert(7, "seven");
            drop a;
            let b = map(2) of u32 -> string;
            b.get(7);
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output == "\"seven\"\n")
    }

    @Test("a failed statement rolls back every write to the memory")
    func rollback() {
        let (session, sink) = makeSession()
        #expect(session.run("let m = map(0) of u64 -> u64; m.insert(1, 1);", origin: "<stdin>"))
        #expect(!session.run("for i in 2..500 { m.insert(i, i); assert i < 400; }", origin: "<stdin>"))
        #expect(sink.errors == "error: assertion failed: i < 400\n")
        #expect(session.run("m.len(); m.get(1); m.get(2);", origin: "<stdin>"))
        #expect(sink.output.hasSuffix("1\n1\nnone\n"))
        #expect(session.run("upgrade;", origin: "<stdin>"))
    }

    @Test("an image file survives close and re-open; readonly refuses writes")
    func images() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ql-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("demo.img").path
        let (session, sink) = makeSession()
        #expect(session.run("""
            open "\(path)" bucket_size 1;
            let users = map(0) of u64 -> string;
            for i in 0..300 { users.insert(i, "user " + str(i)); }
            upgrade;
            close;
            open "\(path)";
            let again = map(0) of u64 -> string;
            again.len();
            again.get(299);
            memories;
            close;
            open "\(path)" readonly;
            let ro = map(0) of u64 -> string;
            ro.get(1);
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.contains("300\n\"user 299\"\n"))
        #expect(sink.output.contains("\"BTreeMap\""))
        #expect(!session.run("ro.insert(1, \"x\");", origin: "<stdin>"))
        #expect(sink.errors.contains("read"))
        #expect(session.run("ro.get(1);", origin: "<stdin>"))
        #expect(sink.output.hasSuffix("\"user 1\"\n"))
        session.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(3) == Data("MGR".utf8))
    }

    @Test("raw images: one structure at offset 0, no memory id")
    func raw() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ql-raw-\(UInt32.random(in: 0...UInt32.max)).img").path
        defer { removeImageFiles(path) }
        let (session, sink) = makeSession()
        #expect(session.run("""
            open "\(path)" raw;
            let m = map() of u64 -> u64;
            m.insert(5, 50);
            close;
            open "\(path)";
            let n = map() of u64 -> u64;
            n.get(5);
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.hasSuffix("50\n"))
        #expect(!session.run("let o = map() of u8 -> u8;", origin: "<stdin>"))
        #expect(sink.errors.contains("a raw image holds one structure, already used by `n`"))
        #expect(!session.run("let p = map(1) of u8 -> u8;", origin: "<stdin>"))
        #expect(sink.errors.contains("this image is raw"))
        session.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(3) == Data("BTR".utf8))
    }

    @Test("screen rows cut long iterations unless a limit is given")
    func screenRows() {
        let (session, sink) = makeSession(mode: .list)
        session.options.maxRows = 2
        #expect(session.run("let m = map(0) of u8 -> u8; for i in 0..5 { m.insert(i, i); } m.iter();", origin: "<stdin>"))
        #expect(sink.output == "0|0\n1|1\n… 3 more rows\n")
        sink.output = ""
        #expect(session.run("m.iter() limit 3;", origin: "<stdin>"))
        #expect(sink.output == "0|0\n1|1\n2|2\n")
    }

    @Test("reclaim refuses a bound memory and reports pages")
    func reclaim() {
        let (session, sink) = makeSession()
        #expect(session.run("let m = map(4) of u8 -> u8; m.insert(1, 1);", origin: "<stdin>"))
        #expect(!session.run("reclaim 4;", origin: "<stdin>"))
        #expect(sink.errors == "error: reclaim: memory 4 is used by `m`; drop it first\n")
        #expect(session.run("drop m; reclaim 4;", origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.hasPrefix("reclaimed "))
    }
}

@Suite("Session errors over foreign memories")
struct SessionForeignMemoryTests {
    @Test("a raw image holding another structure is refused, naming what was found, and not written")
    func foreignMagic() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ql-svc-\(UInt32.random(in: 0...UInt32.max)).img").path
        defer { removeImageFiles(path) }
        var bytes = [UInt8](repeating: 0, count: 65536)
        bytes.replaceSubrange(0..<4, with: Array("SVC".utf8) + [1])
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let (session, sink) = makeSession()
        #expect(session.run("open \"\(path)\";", origin: "<stdin>"), "\(sink.errors)")
        #expect(!session.run("let m = map() of u64 -> u64;", origin: "<stdin>"))
        #expect(sink.errors.hasPrefix("error: the image holds a Vec (magic \"SVC\"), not a "), "\(sink.errors)")
        #expect(session.run("memories;", origin: "<stdin>"))
        #expect(sink.output == "raw image (no memory manager), 1 page, holding Vec at offset 0\n")
        session.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))
    }

    @Test("completion offers a binding's methods after the dot")
    func methodCompletion() {
        let (session, _) = makeSession()
        #expect(session.run("let users = map(0) of u64 -> string;", origin: "<stdin>"))
        #expect(session.completions(for: "users.r", cursor: 7) == ["range", "remove"])
        #expect(session.completions(for: "users.", cursor: 6).count == 18)
        #expect(session.completions(for: "us", cursor: 2) == ["users"])
    }

    @Test("a readonly image refuses every write with a clear error")
    func readOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ql-ro-\(UInt32.random(in: 0...UInt32.max)).img").path
        defer { removeImageFiles(path) }
        let (session, sink) = makeSession()
        #expect(session.run("open \"\(path)\"; let m = map(0) of u8 -> u8; m.insert(1, 1); close;", origin: "<stdin>"))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(session.run("open \"\(path)\" readonly; let m = map(0) of u8 -> u8; m.get(1);", origin: "<stdin>"), "\(sink.errors)")
        #expect(!session.run("m.insert(2, 2);", origin: "<stdin>"))
        #expect(!session.run("m.clear();", origin: "<stdin>"))
        #expect(!session.run("let n = map(1) of u8 -> u8;", origin: "<stdin>"))
        #expect(sink.errors.split(separator: "\n") == [
            "error: m.insert: \(path) is open read-only",
            "error: m.clear: \(path) is open read-only",
            "error: the image is open readonly and memory 1 is empty: there is no map to load",
        ])
        session.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}

@Suite("Atomic statements on an image file")
struct AtomicImageTests {
    @Test("a failed statement leaves the image file byte-identical, and the session consistent")
    func failedStatementRestoresFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ql-atomic-\(UInt32.random(in: 0...UInt32.max)).img").path
        defer { removeImageFiles(path) }
        let (session, sink) = makeSession()
        #expect(session.run("""
            open "\(path)" bucket_size 1;
            let m = map(0) of u64 -> string;
            for i in 0..50 { m.insert(i, "v" + str(i)); }
            """, origin: "<stdin>"), "\(sink.errors)")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // Grows the map well past its first bucket, then fails.
        #expect(!session.run("for i in 50..1200 { m.insert(i, repeat(\"x\", 100)); m.remove(0); assert i < 1199; }",
                             origin: "<stdin>"))
        #expect(sink.errors == "error: assertion failed: i < 1199\n")
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        // The statement never reached the file: it is byte for byte, page for page, what it was.
        #expect(after == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        sink.output = ""
        #expect(session.run("m.len(); m.get(0); m.get(50); upgrade;", origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.hasPrefix("50\n\"v0\"\nnone\n"))
    }
}

@Suite("Completion positions")
struct CompletionPositionTests {
    @Test("the cursor counts characters, so text with accents before it works")
    func characterCursor() {
        let (session, _) = makeSession()
        #expect(session.run("let names = set(0) of string;", origin: "<stdin>"))
        let line = "names.insert(\"é\"); names.co"
        #expect(session.completions(for: line, cursor: line.count) == ["contains"])
        #expect(session.completions(for: line + ")", cursor: line.count) == ["contains"])
    }
}

@Suite("Interrupting structure writes")
struct InterruptStructureTests {
    final class InterruptingSink: OutputSink {
        weak var session: Session?
        var errors = ""
        var output = ""
        var interruptAfter = Int.max
        var writes = 0
        func write(_ text: String) {
            output += text
            writes += 1
            if writes == interruptAfter { session?.interrupt() }
        }
        func writeError(_ text: String) { errors += text }
    }

    @Test("an interrupted loop is rolled back: the map is as before the statement")
    func interruptRollsBack() {
        let sink = InterruptingSink()
        let session = Session(output: sink)
        sink.session = session
        #expect(session.run("let m = map(0) of u32 -> string; m.insert(0, \"zero\");", origin: "<stdin>"))
        sink.interruptAfter = sink.writes + 50
        #expect(!session.run("for i in 1..100000 { m.insert(i, \"v\"); print i; }", origin: "<stdin>"))
        #expect(sink.errors == "error: interrupted\n")
        sink.output = ""
        #expect(session.run("m.len(); m.get(0); m.get(1); upgrade;", origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.hasPrefix("1\n\"zero\"\nnone\n"))
    }
}
