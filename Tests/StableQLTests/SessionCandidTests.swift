import Foundation
import StableQL
import Testing

/// A temporary folder holding `.did` files for `import`.
private struct DidFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ql-candid-\(UInt32.random(in: 0...UInt32.max))")

    init(_ files: [String: String]) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

private let usersDid = """
    type Status = variant { Active; Suspended : text };
    type User = record { name : text; age : nat32 };
    type Account = record { status : Status; tags : vec text };
    type UserV2 = record { name : text; age : nat32; nickname : opt text };
    type Short = record { name : text };
    type Big = record { n : nat; i : int };
    service : { get : (nat64) -> (opt User) query }
    """

/// Candid values in StableQL: the bytes written are those of Rust's
/// `Encode!` (expected bytes computed by hand from the Candid spec: magic,
/// type table with fields sorted by hash, LEB128 lengths), reading applies
/// subtyping, and hostile bytes give errors that name the binding and key.
@Suite("Session with candid and json values")
struct SessionCandidTests {
    /// Runs `source` after importing the test `.did`; returns output and errors.
    private func run(_ source: String, mode: OutputMode = .table) throws -> (ok: Bool, output: String, errors: String) {
        let folder = try DidFolder(["users.did": usersDid])
        defer { folder.remove() }
        let (session, sink) = makeSession(mode: mode)
        let ok = session.run("import \"\(folder.path("users.did"))\";\n" + source, origin: "<stdin>")
        // The import's own message is the first line.
        let output = sink.output.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        return (ok, output.count > 1 ? String(output[1]) : "", sink.errors)
    }

    @Test("a record is written byte for byte as Encode! writes it")
    func recordBytes() throws {
        let result = try run("""
            let users = map(0) of u64 -> candid User;
            users.insert(1, {name: "ada", age: 36});
            drop users;
            let raw = map(0) of u64 -> blob;
            print raw.get(1);
            """)
        #expect(result.ok, "\(result.errors)")
        // DIDL, 1 type: record (6c) of 2 fields sorted by hash: age (4846783) nat32 (79), name (1224700491) text (71);
        // 1 argument of type 0; age 36 as 4 bytes little-endian; name as length 3 and "ada".
        #expect(result.output == "x\"4449444c016c02bfe9a70279cbe4fdc7047101002400000003616461\"\n")
    }

    @Test("variants and vectors get their own type table entries, depth first")
    func variantBytes() throws {
        let result = try run("""
            let accounts = map(0) of u64 -> candid Account;
            accounts.insert(7, {status: #Suspended("spam"), tags: ["a"]});
            print accounts.get(7);
            drop accounts;
            let raw = map(0) of u64 -> blob;
            print raw.get(7);
            """)
        #expect(result.ok, "\(result.errors)")
        // 3 types: 0 record {status (100394802): 1; tags (1291236569): 2},
        // 1 variant {Active (1255847398): null (7f); Suspended (1860845243): text (71)}, 2 vec text (6d 71);
        // value: tag index 1, "spam"; a vector of one "a".
        let expected = "4449444c03" + "6c02" + "b2ceef2f01" + "d9e9dae70402" + "6b02" + "e6ebead6047f" + "bbfda8f70671"
            + "6d71" + "0100" + "01047370616d" + "010161"
        #expect(result.output == "{status: #Suspended(\"spam\"), tags: [\"a\"]}\nx\"\(expected)\"\n")
    }

    @Test("old entries read after adding an opt field; extra fields are ignored")
    func subtyping() throws {
        let result = try run("""
            let users = map(0) of u64 -> candid User;
            users.insert(1, {name: "ada", age: 36});
            drop users;
            let users = map(0) of u64 -> candid UserV2;
            users.insert(2, {name: "bob", age: 7, nickname: some("b")});
            users.iter();
            drop users;
            let short = map(0) of u64 -> candid Short;
            short.values();
            """)
        #expect(result.ok, "\(result.errors)")
        #expect(result.output.contains("{name: \"ada\", age: 36, nickname: none}"))
        #expect(result.output.contains("{name: \"bob\", age: 7, nickname: some(\"b\")}"))
        #expect(result.output.contains("{name: \"ada\"}"))
        #expect(result.output.contains("{name: \"bob\"}"))
    }

    @Test("plain candid decodes any message and names fields by hash")
    func untyped() throws {
        let result = try run("""
            let users = map(0) of u64 -> candid User;
            users.insert(1, {name: "ada", age: 36});
            drop users;
            let any = map(0) of u64 -> candid;
            print any.get(1);
            print any.get(1).name;
            any.insert(2, {size: 3, label: "x"});
            print any.get(2).size + 1;
            """)
        #expect(result.ok, "\(result.errors)")
        // The wire order (by hash); `size` and `label` are no declared names, yet they were written with them.
        #expect(result.output.hasPrefix("{age: 36, name: \"ada\"}\n\"ada\"\n"))
        #expect(result.output.hasSuffix("4\n"))
    }

    @Test("bytes that are not Candid give an error naming the binding and the key, and change nothing")
    func hostileBytes() throws {
        let result = try run("""
            let raw = map(0) of u64 -> blob;
            raw.insert(1, x"4449444c016c02bfe9a70279cbe4fdc7047101002400000003616461");
            raw.insert(5, x"4449444c00");
            raw.insert(6, x"4449444cff7f");
            raw.insert(7, x"");
            drop raw;
            let users = map(0) of u64 -> candid User;
            users.get(5);
            """)
        #expect(!result.ok)
        #expect(result.errors.contains("users.get"))
        #expect(result.errors.contains("key 5"), "\(result.errors)")
        let iteration = try run("""
            let raw = map(0) of u64 -> blob;
            raw.insert(1, x"4449444c016c02bfe9a70279cbe4fdc7047101002400000003616461");
            raw.insert(6, x"4449444cff7f");
            drop raw;
            let users = map(0) of u64 -> candid User;
            users.iter();
            """)
        #expect(iteration.errors.contains("users.iter"), "\(iteration.errors)")
        #expect(iteration.errors.contains("key 6"), "\(iteration.errors)")
    }

    @Test("nat and int of any size are exact; Candid text is a literal form")
    func bigNumbers() throws {
        let result = try run("""
            let big = cell(0) of candid Big default {n: 0, i: 0};
            big.set(candid "record { n = 1_267_650_600_228_229_401_496_703_205_376; i = -5 }");
            print big.get();
            print big.get().i;
            """)
        #expect(result.ok, "\(result.errors)")
        // `set` shows the value it replaced (the default) first.
        #expect(result.output == "{n: 0, i: 0}\n{n: 1267650600228229401496703205376, i: -5}\n-5\n")
    }

    @Test("json mode maps candid values as the reference says")
    func jsonMapping() throws {
        let result = try run("""
            type Holder = record { id: u64 };
            let accounts = map(0) of u64 -> candid Account;
            accounts.insert(1, {status: #Active, tags: []});
            accounts.insert(2, {status: #Suspended("x"), tags: ["p", "q"]});
            accounts.iter();
            """, mode: .json)
        #expect(result.ok, "\(result.errors)")
        #expect(result.output == #"[[1,{"status":{"Active":null},"tags":[]}],[2,{"status":{"Suspended":"x"},"tags":["p","q"]}]]"# + "\n")
    }

    @Test("values that do not fit the declared type are refused before anything is written")
    func refusals() throws {
        let result = try run("""
            let users = map(0) of u64 -> candid User;
            users.insert(1, {name: "ada", age: -1});
            """)
        #expect(!result.ok)
        #expect(result.errors.contains("does not fit candid User"), "\(result.errors)")
        let unknown = try run("let users = map(0) of u64 -> candid Nope;")
        #expect(unknown.errors.contains("unknown Candid type 'Nope'"), "\(unknown.errors)")
    }

    @Test("candid keys iterate but refuse lookups")
    func keys() throws {
        let result = try run("""
            let raw = map(0) of blob -> u64;
            raw.insert(x"4449444c016c02bfe9a70279cbe4fdc7047101002400000003616461", 1);
            drop raw;
            let byUser = map(0) of candid User -> u64;
            byUser.iter();
            byUser.get({name: "ada", age: 36});
            """)
        #expect(result.output.contains("{name: \"ada\", age: 36}"))
        #expect(result.errors.contains("cannot be looked up: candid User keys are ordered"), "\(result.errors)")
    }

    @Test("imported names clash with record types; a new import replaces an earlier one")
    func clashes() throws {
        let folder = try DidFolder([
            "a.did": "type Asset = record { x : nat };", "b.did": "type Other = nat; type Point = text;",
            "c.did": "type Asset = record { x : nat; y : opt nat };",
        ])
        defer { folder.remove() }
        let (session, sink) = makeSession()
        #expect(session.run("type Point = record { x: u64 };", origin: "<stdin>"))
        #expect(session.run("import \"\(folder.path("a.did"))\";", origin: "<stdin>"))
        #expect(!session.run("import \"\(folder.path("b.did"))\";", origin: "<stdin>"))
        #expect(sink.errors.contains("type Point is already declared by `type`"))
        // The failed import declared nothing, not even `Other`.
        #expect(!session.run("let m = map(0) of u64 -> candid Other;", origin: "<stdin>"))
        #expect(!session.run("type Asset = record { y: u64 };", origin: "<stdin>"))
        #expect(sink.errors.contains("already an imported Candid type"))
        // A bound map reads with the new definition after `upgrade`.
        #expect(session.run("let m = map(0) of u64 -> candid Asset; m.insert(1, {x: 5});", origin: "<stdin>"))
        #expect(session.run("import \"\(folder.path("c.did"))\"; upgrade; m.insert(2, {x: 6, y: some(7)}); print m.get(1);", origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.hasSuffix("{x: 5, y: none}\n"), "\(sink.output)")
        #expect(!session.run("import \"\(folder.path("missing.did"))\";", origin: "<stdin>"))
        #expect(sink.errors.contains("cannot read"))
    }

    @Test("json values: documents in, documents out, invalid JSON refused")
    func json() throws {
        let (session, sink) = makeSession(mode: .json)
        #expect(session.run("""
            let docs = map(0) of u64 -> json;
            docs.insert(1, "{ \\"name\\": \\"ada\\", \\"n\\": 12345678901234567890123, \\"tags\\": [true, null] }");
            docs.insert(2, json "[1.5e3]");
            docs.insert(3, {a: 1, b: "x"});
            docs.iter();
            print docs.get(1).name;
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output == #"""
            [[1,{"name":"ada","n":12345678901234567890123,"tags":[true,null]}],[2,[1.5e3]],[3,{"a":1,"b":"x"}]]
            "ada"

            """#)
        for bad in ["{", "[1,]", "01", "\"\\x\"", "{\"a\" 1}", "[1] 2", String(repeating: "[", count: 300)] {
            #expect(!session.run("docs.insert(9, \(Value.quote(bad)));", origin: "<stdin>"), "\(bad)")
        }
        #expect(sink.errors.contains("invalid JSON"))
        #expect(session.run("assert docs.len() == 3;", origin: "<stdin>"))
    }

    @Test("Tab completion offers imported type names after candid, and .did paths after import")
    func completion() throws {
        let folder = try DidFolder(["users.did": usersDid])
        defer { folder.remove() }
        let (session, sink) = makeSession()
        #expect(session.run("import \"\(folder.path("users.did"))\";", origin: "<stdin>"), "\(sink.errors)")
        #expect(session.completions(for: "let m = map(0) of u64 -> candid U", cursor: 34) == ["User", "UserV2"])
        #expect(session.completions(for: "let m = map(0) of candid ", cursor: 25).contains("Status"))
        #expect(session.completions(for: "let m = map(0) of u64 -> ca", cursor: 27) == ["candid"])
        #expect(session.completions(for: "let m = map(0) of u64 -> js", cursor: 27) == ["json"])
        let partial = folder.path("us")
        #expect(session.completions(for: "import \"\(partial)", cursor: 8 + partial.count) == [folder.path("users.did")])
        #expect(session.completions(for: "imp", cursor: 3).contains("import"))
    }

    @Test("mutated messages never crash: each read fails naming the binding and the key or index, or decodes")
    func mutatedMessages() throws {
        let valid: [UInt8] = [0x44, 0x49, 0x44, 0x4c, 0x01, 0x6c, 0x02, 0xbf, 0xe9, 0xa7, 0x02, 0x79, 0xcb, 0xe4, 0xfd, 0xc7,
                              0x04, 0x71, 0x01, 0x00, 0x24, 0x00, 0x00, 0x00, 0x03, 0x61, 0x64, 0x61]
        var generator = SystemRandomNumberGenerator()
        var seed = UInt64.random(in: 0...UInt64.max, using: &generator)
        func next() -> UInt64 {
            // SplitMix64, so a failure can be replayed from the printed seed.
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let start = seed
        var messages: [[UInt8]] = []
        for _ in 0..<150 {
            var bytes = valid
            switch next() % 3 {
            case 0: bytes = Array(bytes.prefix(Int(next() % UInt64(bytes.count))))
            case 1: bytes[Int(next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: next())
            default:
                for _ in 0..<3 { bytes.insert(UInt8(truncatingIfNeeded: next()), at: Int(next() % UInt64(bytes.count))) }
            }
            messages.append(bytes)
        }
        let folder = try DidFolder(["users.did": usersDid])
        defer { folder.remove() }
        let (session, sink) = makeSession()
        var setup = "import \"\(folder.path("users.did"))\"; let raw = map(0) of u64 -> blob; let rawLog = log(1, 2) of blob;"
        for (index, bytes) in messages.enumerated() {
            let hex = bytes.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
            setup += "raw.insert(\(index), x\"\(hex)\"); rawLog.append(x\"\(hex)\");"
        }
        setup += "drop raw; drop rawLog; let users = map(0) of u64 -> candid User; let entries = log(1, 2) of candid;"
        #expect(session.run(setup, origin: "<stdin>"), "\(sink.errors)")
        for index in messages.indices {
            sink.errors = ""
            if !session.run("users.get(\(index));", origin: "<stdin>") {
                #expect(sink.errors.contains("users.get") && sink.errors.contains("key \(index)"), "seed \(start): \(sink.errors)")
            }
            sink.errors = ""
            if !session.run("entries.get(\(index));", origin: "<stdin>") {
                #expect(sink.errors.contains("entries.get") && sink.errors.contains("\(index)"), "seed \(start): \(sink.errors)")
            }
        }
        #expect(session.run("assert users.len() == \(messages.count);", origin: "<stdin>"))
    }

    @Test("every Candid type round-trips through a map, printed as it was written")
    func everyType() throws {
        let folder = try DidFolder(["all.did": """
            type Shape = variant { Dot; Circle : float64; Box : record { w : nat16; h : nat16 } };
            type All = record {
              a : nat; b : int; c : nat8; d : nat16; e : nat32; f : nat64; g : int8; h : int16; i : int32; j : int64;
              k : float32; l : float64; m : bool; n : text; o : principal; p : blob; q : null; r : reserved;
              s : opt nat8; t : opt opt text; u : vec int16; v : record { nat8; text }; w : vec Shape; x : vec vec bool;
            };
            """])
        defer { folder.remove() }
        let literal = #"{a: 18446744073709551616, b: -9223372036854775809, c: 255, d: 65535, e: 4294967295, f: 18446744073709551615, "#
            + #"g: -128, h: -32768, i: -2147483648, j: -9223372036854775808, k: 1.5, l: -0.001, m: true, n: "é\n\"", "#
            + #"o: principal "rwlgt-iiaaa-aaaaa-aaaaa-cai", p: x"00ff", q: null, r: null, s: some(0), t: some(none), "#
            + #"u: [-1, 0, 1], v: (7, "seven"), w: [#Dot, #Circle(2.5), #Box({w: 3, h: 4})], x: [[], [true, false]]}"#
        // `null` and `reserved` values print as null and are written as ().
        let written = literal.replacingOccurrences(of: "q: null, r: null", with: "q: (), r: ()")
        let (session, sink) = makeSession()
        #expect(session.run("""
            import "\(folder.path("all.did"))";
            let all = map(0) of u64 -> candid All;
            all.insert(1, \(written));
            print all.get(1);
            assert all.get(1) == \(written);
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.hasSuffix(literal + "\n"), "\(sink.output)")
    }
}
