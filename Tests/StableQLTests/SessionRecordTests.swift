import Foundation
import StableQL
import StableStructures
import Testing

/// The Swift side of the `Asset` story, as an application would declare it
/// with the library's Codable support.
private struct SwiftAsset: CBORStorable, Equatable {
    var contents: CBORBytes
    var createdAt: UInt64
    var uploadedBy: Principal?

    enum CodingKeys: String, CodingKey {
        case contents, createdAt = "created_at", uploadedBy = "uploaded_by"
    }
}

/// A fresh directory for image files, removed by `remove()`.
private struct Scratch {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ql-records-\(UInt32.random(in: 0...UInt32.max))")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

@Suite("Session with records and cbor")
struct SessionRecordTests {
    @Test("record literals convert to the declared type, print in table mode and read fields")
    func literalsAndFields() {
        let (session, sink) = makeSession()
        #expect(session.run("""
            type Asset = record { contents: blob, created_at: u64 = 7, uploaded_by: option<principal> };
            let assets = map(0) of u64 -> Asset;
            assets.insert(1, {created_at: 5, contents: x"00ff"});
            assets.insert(2, {contents: b"a"});
            assets.get(1);
            print assets.get(2).created_at;
            print assets.get(2).uploaded_by;
            let a = {x: 1, y: "two"};
            print a.y;
            assert assets.get(1) == {contents: x"00ff", created_at: 5, uploaded_by: none};
            """, origin: "<stdin>"), "\(sink.errors)")
        // Declaration order, whatever the literal's order; defaults filled in.
        #expect(sink.output == """
            {contents: x"00ff", created_at: 5, uploaded_by: none}
            7
            none
            "two"

            """)
    }

    @Test("records print as JSON objects in json mode")
    func jsonMode() {
        let (session, sink) = makeSession(mode: .json)
        #expect(session.run("""
            type Point = record { x: i32, y: i32, label: option<string> };
            let points = map(0) of u64 -> Point;
            points.insert(1, {x: -1, y: 2});
            points.insert(2, {x: 3, y: 4, label: "b"});
            points.iter();
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output == """
            [[1,{"x":-1,"y":2,"label":null}],[2,{"x":3,"y":4,"label":"b"}]]

            """)
    }

    @Test("bad records: unknown field, wrong type, missing field without default, key position")
    func errors() {
        let (session, sink) = makeSession()
        #expect(session.run("""
            type Asset = record { contents: blob, created_at: u64 = 0 };
            let assets = map(0) of u64 -> Asset;
            """, origin: "<stdin>"), "\(sink.errors)")
        let cases: [(String, String)] = [
            ("assets.insert(1, {contents: x\"00\", size: 3});",
             "assets.insert: value unknown field 'size' in record Asset (it has contents, created_at)"),
            ("assets.insert(1, {contents: \"text\"});",
             "assets.insert: value field 'contents' of record Asset: expected blob, found string \"text\""),
            ("assets.insert(1, {created_at: 300});",
             "assets.insert: value missing field 'contents' of record Asset (it has no default)"),
            ("assets.insert(1, {contents: x\"\", created_at: -1});",
             "assets.insert: value field 'created_at' of record Asset: -1 does not fit u64 (0...18446744073709551615)"),
            ("type Point = record { x: f64 }; let bad = set(1) of Point;",
             "Point cannot be a set element: floats are not totally ordered"),
            ("let bad = vec(1) of Asset;",
             "Asset cannot be a vec element: it must be bounded (use blob<N> instead of blob, for example)"),
            ("let bad = map(1) of u64 -> Missing;",
             "unknown type 'Missing' (declare it first: type Missing = record { … };)"),
            ("type Twice = record { a: u8, a: u16 };", "type Twice: field 'a' appears twice in record Twice"),
            ("type Bad = record { a: u8 = 300 };",
             "type Bad: the default of field 'a' of record Bad: 300 does not fit u8 (0...255)"),
            ("print {a: 1}.b;", "the record has no field 'b' (it has a)"),
            ("print (1).b;", "cannot read field 'b' of integer 1: only records, tuples and cbor maps have fields"),
            ("print assets.len;", "`assets` is a map and has no fields; call a method, as in assets.len()"),
        ]
        for (source, message) in cases {
            sink.errors = ""
            #expect(!session.run(source, origin: "<stdin>"), "\(source)")
            #expect(sink.errors == "error: \(message)\n", "\(source)")
        }
    }

    @Test("a map of records reloaded after upgrade with an evolved type reads every entry")
    func schemaEvolution() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (session, sink) = makeSession()
        #expect(session.run("""
            open "\(scratch.path("assets.img"))";
            type Asset = record { contents: blob };
            let assets = map(0) of u64 -> Asset;
            for i in 0..50 { assets.insert(i, {contents: blob(str(i))}); }
            type Asset = record { contents: blob, created_at: u64 = 42 };
            upgrade;
            assets.insert(50, {contents: x"", created_at: 1});
            type Asset = record { contents: blob, created_at: u64 = 42, uploaded_by: option<principal> };
            upgrade;
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.contains("\"evolved\""))
        // A new process: open the image and read with the newest type.
        session.close()
        let (reader, readerSink) = makeSession(mode: .json)
        #expect(reader.run("""
            open "\(scratch.path("assets.img"))";
            type Asset = record { contents: blob, created_at: u64 = 42, uploaded_by: option<principal> };
            let assets = map(0) of u64 -> Asset;
            assets.values();
            """, origin: "<stdin>"), "\(readerSink.errors)")
        var expected: [String] = []
        for i in 0..<50 {
            expected.append("{\"contents\":\"0x\(Array(String(i).utf8).map { String($0, radix: 16) }.joined())\",\"created_at\":42,\"uploaded_by\":null}")
        }
        expected.append("{\"contents\":\"0x\",\"created_at\":1,\"uploaded_by\":null}")
        #expect(readerSink.output == "[" + expected.joined(separator: ",") + "]\n")
        reader.close()
    }

    @Test("an incompatible evolution names the entries that fail and changes nothing")
    func incompatibleEvolution() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (session, sink) = makeSession()
        #expect(session.run("""
            open "\(scratch.path("assets.img"))";
            type Asset = record { contents: blob, size: u64 = 0 };
            let assets = map(0) of u64 -> Asset;
            assets.insert(1, {contents: x"01"});
            assets.insert(2, {contents: x"02", size: 300});
            assets.insert(3, {contents: x"03", size: 4});
            type Asset = record { contents: string, size: u8 = 0 };
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(!session.run("upgrade;", origin: "<stdin>"))
        #expect(sink.errors == """
            error: upgrade: `assets` cannot be read with the new definition of Asset: 3 entries do not decode as Asset: \
            key 1: field 'contents': expected string, found a byte string; \
            key 2: field 'contents': expected string, found a byte string; \
            key 3: field 'contents': expected string, found a byte string; nothing was changed

            """)
        // The binding still reads with the type it was opened with.
        sink.output = ""
        #expect(session.run("assets.get(2);", origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output == "{contents: x\"02\", size: 300}\n")
        // A binding declared with the incompatible type fails on the entries
        // that do not fit, and names them; removing a field is fine.
        sink.errors = ""
        #expect(session.run("""
            drop assets;
            type Asset = record { contents: blob, size: u8 = 0 };
            let assets = map(0) of u64 -> Asset;
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(!session.run("assets.iter();", origin: "<stdin>"))
        #expect(sink.errors == "error: assets.iter: 1 entry does not decode as Asset: key 2: field 'size': 300 does not fit u8 (0...255) (stored as an unsigned integer)\n")
        sink.errors = ""
        #expect(!session.run("assets.get(2);", origin: "<stdin>"))
        #expect(sink.errors == "error: assets.get: the value of key 2: field 'size': 300 does not fit u8 (0...255) (stored as an unsigned integer)\n")
        // The broken entry can still be overwritten.
        sink.output = ""
        #expect(session.run("assets.insert(2, {contents: x\"02\", size: 3}); assets.get(2);", origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output == "{contents: x\"02\", size: 3}\n")
        #expect(session.run("drop assets; type Slim = record { size: u8 }; let assets = map(0) of u64 -> Slim; assets.values();", origin: "<stdin>"), "\(sink.errors)")
        // Removing a field is compatible: unknown keys are ignored.
        #expect(sink.output.hasSuffix(" {size: 0}\n {size: 3}\n {size: 4}\n(3 rows)\n"))
        session.close()
    }

    @Test("records are stored as ciborium writes the serde struct, and the library's Codable reads them")
    func storedBytes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("bytes.img")
        let (session, sink) = makeSession()
        #expect(session.run("""
            open "\(path)";
            type Asset = record { contents: blob, created_at: u64, uploaded_by: option<principal> };
            let assets = map(0) of u64 -> Asset;
            assets.insert(1, {contents: x"00ff", created_at: 1700000000});
            assets.insert(2, {contents: x"", created_at: 24, uploaded_by: principal "aaaaa-aa"});
            close;
            """, origin: "<stdin>"), "\(sink.errors)")
        let file = try FileMemory(path: path, readOnly: true)
        let manager = try MemoryManager(file)
        let raw = try BTreeMap<UInt64, CBORValue, VirtualMemory<FileMemory>>(memory: manager.memory(try MemoryId(0)))
        // RFC 8949 by hand: map(3), text(8) "contents", bytes(2) 00 ff,
        // text(10) "created_at", uint32 1700000000 = 0x6553f100,
        // text(11) "uploaded_by", null.
        let expected: [UInt8] = [0xA3, 0x68] + Array("contents".utf8) + [0x42, 0x00, 0xFF, 0x6A] + Array("created_at".utf8)
            + [0x1A, 0x65, 0x53, 0xF1, 0x00, 0x6B] + Array("uploaded_by".utf8) + [0xF6]
        #expect(try raw.get(1)?.encodedBytes == expected)
        let typed = try BTreeMap<UInt64, SwiftAsset, VirtualMemory<FileMemory>>(memory: manager.memory(try MemoryId(0)))
        #expect(try typed.get(1) == SwiftAsset(contents: CBORBytes([0x00, 0xFF]), createdAt: 1_700_000_000, uploadedBy: nil))
        #expect(try typed.get(2) == SwiftAsset(contents: CBORBytes([]), createdAt: 24, uploadedBy: try Principal(bytes: [])))
    }

    @Test("cbor shows what the library's CBOREncoder wrote from a Codable struct; a record type reads it")
    func cborInterop() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("swift.img")
        do {
            let file = try FileMemory(path: path)
            let manager = try MemoryManager(file)
            let map = try BTreeMap<UInt64, SwiftAsset, VirtualMemory<FileMemory>>(memory: manager.memory(try MemoryId(3)))
            _ = try map.insert(10, SwiftAsset(contents: CBORBytes([1, 2]), createdAt: 300, uploadedBy: nil))
            _ = try map.insert(11, SwiftAsset(contents: CBORBytes([]), createdAt: 0, uploadedBy: try Principal(text: "2vxsx-fae")))
            try file.sync()
        }
        let (session, sink) = makeSession()
        #expect(session.run("""
            open "\(path)" readonly;
            let raw = map(3) of u64 -> cbor;
            raw.iter();
            print raw.get(10).created_at;
            assert raw.get(10).created_at == 300;
            drop raw;
            type Asset = record { contents: blob, created_at: u64, uploaded_by: option<principal> };
            let assets = map(3) of u64 -> Asset;
            assets.values();
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output == """
             key |                             value
            -----+---------------------------------------------------------------
              10 | {"contents": x"0102", "created_at": 300, "uploaded_by": null}
              11 | {"contents": x"", "created_at": 0, "uploaded_by": x"04"}
            (2 rows)
            300
                                              value
            --------------------------------------------------------------------------
             {contents: x"0102", created_at: 300, uploaded_by: none}
             {contents: x"", created_at: 0, uploaded_by: some(principal "2vxsx-fae")}
            (2 rows)

            """)
        let (jsonSession, jsonSink) = makeSession(mode: .json)
        #expect(jsonSession.run("open \"\(path)\" readonly; let raw = map(3) of u64 -> cbor; raw.values();", origin: "<stdin>"),
                "\(jsonSink.errors)")
        #expect(jsonSink.output == """
            [{"contents":"0x0102","created_at":300,"uploaded_by":null},{"contents":"0x","created_at":0,"uploaded_by":"0x04"}]

            """)
    }

    @Test("cbor values written from StableQL: any value becomes a document")
    func cborValues() {
        let (session, sink) = makeSession()
        #expect(session.run("""
            let docs = map(0) of u64 -> cbor;
            docs.insert(1, {name: "ada", tags: ("a", 2), big: 18446744073709551616, neg: -5, f: 1.5, b: true, n: none});
            docs.insert(2, 7);
            docs.values();
            print docs.get(1).tags;
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output == """
                                                               value
            -----------------------------------------------------------------------------------------------------------
             {"name": "ada", "tags": ["a", 2], "big": 18446744073709551616, "neg": -5, "f": 1.5, "b": true, "n": null}
             7
            (2 rows)
            ["a", 2]

            """)
    }

    @Test("type names in describe and completion; re-declaring a type changes later declarations only")
    func describeAndCompletion() {
        let (session, sink) = makeSession()
        #expect(session.run("""
            type Owner = record { name: string };
            type Asset = record { contents: blob, owner: option<Owner> = none, meta: record { size: u32 = 0 } = {} };
            let assets = map(0) of u64 -> Asset;
            describe Asset;
            describe assets;
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.hasPrefix("""
            Asset: record type (stored as CBOR, unbounded)
              contents: blob
              owner: option<Owner> = none
              meta: record { size: u32 = 0 }
              used by: assets
            assets: BTreeMap (map)
              memory: 0
              key type: u64
              value type: Asset
            """))
        #expect(session.completions(for: "let m = map(1) of u64 -> As", cursor: 27) == ["Asset"])
        #expect(session.completions(for: "type X = record { a: O", cursor: 22) == ["Owner"])
        #expect(session.completions(for: "ty", cursor: 2) == ["type"])
        sink.output = ""
        #expect(session.run("""
            assets.insert(1, {contents: x"01", owner: {name: "ada"}});
            print assets.get(1).owner.name;
            print assets.get(1).meta;
            type Asset = record { contents: blob };
            assets.get(1);
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output == """
            "ada"
            {size: 0}
            type Asset redeclared: `assets` uses the new definition after `upgrade`
            {contents: x"01", owner: some({name: "ada"}), meta: {size: 0}}

            """)
    }
}

@Suite("Parsing records")
struct RecordParserTests {
    @Test("a record literal, field access after calls and fields, and a type declaration")
    func shapes() {
        let (expression, diagnostics) = Parser.parseExpression("{a: 1, type: m.get(2).b.c}.a")
        #expect(diagnostics.isEmpty)
        guard case let .field(base, name)? = expression?.kind, case let .record(fields) = base.kind else {
            Issue.record("not a field of a record literal: \(String(describing: expression))")
            return
        }
        #expect(name == "a")
        #expect(fields.map(\.name) == ["a", "type"])
        guard case let .field(inner, "c") = fields[1].value.kind, case let .field(call, "b") = inner.kind,
              case let .methodCall(_, method, _) = call.kind else {
            Issue.record("unexpected shape \(fields[1].value.kind)")
            return
        }
        #expect(method == "get")
        let parsed = Parser.parse("type Asset = record { contents: blob, at: u64 = 5, up: option<principal>, };")
        guard case let .statement(statement)? = parsed.items.first,
              case let .typeDeclaration(typeName, written) = statement.kind,
              case let .record(recordFields) = written.kind else {
            Issue.record("not a type declaration: \(parsed.items)")
            return
        }
        #expect(typeName == "Asset")
        #expect(recordFields.map(\.name) == ["contents", "at", "up"])
        #expect(recordFields[1].defaultValue?.kind == .integer(5))
        #expect(recordFields[0].defaultValue == nil)
    }
}

@Suite("Record types and atomicity")
struct RecordAtomicityTests {
    @Test("a failed statement also undoes the type declarations it made")
    func typeRollback() {
        let (session, sink) = makeSession()
        #expect(session.run("type Asset = record { a: u8 };", origin: "<stdin>"))
        #expect(!session.run("for i in 0..2 { type Asset = record { b: u8 }; assert i < 1; }", origin: "<stdin>"))
        #expect(session.run("describe Asset;", origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.contains("  a: u8\n"))
        #expect(!sink.output.contains("  b: u8"))
    }

    @Test("records as map keys and set elements: Rust's derived order (field by field, none first)")
    func recordKeys() {
        let (session, sink) = makeSession(mode: .json)
        // Inserted out of order; the expected order is (group, id, tag) with
        // strings bytewise, numbers by value and none before some.
        let keys: [(group: String, id: UInt64, tag: UInt8?)] = [
            ("b", 2, nil), ("a", 10, 1), ("a", 9, nil), ("b", 2, 0), ("", 5, nil),
            ("a", 10, nil), ("ab", 0, nil), ("B", 1, nil), ("a", 18_446_744_073_709_551_615, nil),
        ]
        func literal(_ key: (group: String, id: UInt64, tag: UInt8?)) -> String {
            "{group: \"\(key.group)\", id: \(key.id), tag: \(key.tag.map { "some(\($0))" } ?? "none")}"
        }
        var script = "type Key = record { group: string, id: u64, tag: option<u8> };\n"
        script += "let m = map(0) of Key -> u64;\nlet s = set(1) of Key;\n"
        for (index, key) in keys.enumerated() {
            script += "m.insert(\(literal(key)), \(index)); s.insert(\(literal(key)));\n"
        }
        #expect(session.run(script, origin: "<stdin>"), "\(sink.errors)")
        let sorted = keys.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.group != y.group { return Array(x.group.utf8).lexicographicallyPrecedes(Array(y.group.utf8)) }
            if x.id != y.id { return x.id < y.id }
            switch (x.tag, y.tag) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (p?, q?): return p < q
            }
        }
        sink.output = ""
        #expect(session.run("for v in m.values() { print v; }", origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.split(separator: "\n").map(String.init) == sorted.map { String($0.offset) })
        sink.output = ""
        #expect(session.run("for k in s.iter() { print k.id; }", origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.split(separator: "\n").map(String.init) == sorted.map { String($0.element.id) })
        // Point lookups and a range: the a-group entries below ("a", 10, none).
        sink.output = ""
        #expect(session.run("""
            m.get(\(literal(("b", 2, 0))));
            m.get({group: "b", id: 2, tag: some(7)});
            m.len();
            let lo = {group: "a", id: 0, tag: none};
            let hi = {group: "a", id: 10, tag: none};
            for e in m.range(lo..hi) { print e; }
            for e in m.range({group: "a", id: 0, tag: none}..{group: "a", id: 10, tag: none}) { print e; }
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.split(separator: "\n").map(String.init) == [
            "3", "null", "9", "[{\"group\":\"a\",\"id\":9,\"tag\":null},2]",
            "[{\"group\":\"a\",\"id\":9,\"tag\":null},2]",
        ])
        // The order survives an upgrade (keys are compared as stored).
        sink.output = ""
        #expect(session.run("upgrade; m.first();", origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.hasSuffix("[{\"group\":\"\",\"id\":5,\"tag\":null},4]\n"), "\(sink.output)")
    }
}
