import Foundation
import StableQL
import StableStructures
import StableTestSupport
import Testing

@Suite("Discovery and type mismatches")
struct DiscoveryTests {
    /// Builds each structure kind in the session's in-heap memory, drops the
    /// bindings, and checks that discovery declares what was built.
    @Test("describe memory guesses every structure kind and key width", arguments: [
        ("let s = set(0) of u32; for i in 0..50 { s.insert(i * 1000); }", 0, "let set0 = set(0) of u32;"),
        ("let v = vec(1) of u64; for i in 0..30 { v.push(i * 77); }", 1, "let vec1 = vec(1) of u64;"),
        ("let h = heap(2) of i32; for i in 0..20 { h.push(i - 10); }", 2, "let heap2 = heap(2) of i32;"),
        ("let m = map(3) of u16 -> u8; for i in 0..40 { m.insert(i * 3, i); }", 3, "let map3 = map(3) of u16 -> u8;"),
        ("let m = map(4) of u128 -> string; for i in 0..40 { m.insert(i, \"v\" + str(i)); }", 4, "let map4 = map(4) of u128 -> string;"),
        ("let m = map(5) of bytes<12> -> blob; for i in 0..30 { m.insert(blob(\"key-0000\" + str(i + 1000)), repeat(x\"ff\", i + 2)); }", 5, "let map5 = map(5) of bytes<12> -> blob;"),
        ("let m = map(6) of string -> u64; for i in 0..30 { m.insert(\"key\" + str(i), i); }", 6, "let map6 = map(6) of string -> u64;"),
        ("let l = log(7, 8) of string; for i in 0..25 { l.append(\"line \" + str(i)); }", 7, "let log7 = log(7, 8) of string;"),
        ("let c = cell(9) of u64 default 7;", 9, "let cell9 = cell(9) of u64 default 0;"),
        ("let c = cell(10) of string default \"{\\\"a\\\": [1, 2]}\";", 10, "let cell10 = cell(10) of string default \"\";"),
        ("type Asset = record { name: string, size: u64 }; let m = map(11) of i64 -> Asset; for i in 0..30 { m.insert(i - 15, { name: \"a\", size: i }); }", 11, "let map11 = map(11) of i64 -> cbor;"),
    ] as [(String, Int, String)])
    func discoversKinds(_ setup: String, _ id: Int, _ declaration: String) throws {
        let (session, sink) = makeSession()
        guard session.run(setup, origin: "<test>") else {
            Issue.record("setup failed: \(sink.errors)")
            return
        }
        for name in ["s", "v", "h", "m", "l", "c"] { _ = session.run("drop \(name);", origin: "<test>") }
        let report = runOK(session, sink, "describe memory \(id);")
        #expect(report.contains(declaration), "\(report)")
        // The declaration it prints loads the structure.
        runOK(session, sink, declaration)
    }

    @Test("the demo canister: candid users, a candid log, a JSON cell, string keys, raw bytes")
    func discoversDemo() throws {
        let fixture = try SnapshotFixture()
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\" readonly;")
        let users = runOK(session, sink, "describe memory 0;")
        #expect(users.contains("memory 0: BTreeMap"))
        #expect(users.contains("\(DemoSnapshot.userCount) entries, layout v2, page size 1024"))
        #expect(users.contains("keys: u64"))
        #expect(users.contains("values: candid — candid record {"))
        // Field names travel as hashes; common names are recognised.
        #expect(users.contains("status: variant { Active; Suspended: text }"))
        #expect(users.contains("email: text"))
        #expect(users.contains("(120 of 120 sampled values)"))
        #expect(users.contains("let map0 = map(0) of u64 -> candid;"))
        let events = runOK(session, sink, "describe memory 1;")
        #expect(events.contains("let log1 = log(1, 2) of candid;"))
        #expect(events.contains("\(DemoSnapshot.eventCount) entries"))
        let config = runOK(session, sink, "describe memory 3;")
        #expect(config.contains("JSON"))
        #expect(config.contains("let cell3 = cell(3) of string default \"\";"))
        let emails = runOK(session, sink, "describe memory 4;")
        #expect(emails.contains("let map4 = map(4) of string -> u64;"))
        let raw = runOK(session, sink, "describe memory 5;")
        #expect(raw.contains("an SQLite database"))
        let memories = runOK(session, sink, "memories;")
        #expect(memories.contains("u64 -> candid"))
        #expect(memories.contains("string -> u64"))
    }

    @Test("wrong declared types are a mismatch describing the stored bytes, never corruption", arguments: [
        ("let users = map(0) of u32 -> blob;", "stored keys are 8 bytes; u32 keys are 4 bytes"),
        ("let users = map(0) of string -> blob;", "stored keys are 8 bytes; string keys are length-prefixed"),
        ("let emails = map(4) of u64 -> u64;", "stored keys are length-prefixed (of varying size); u64 keys are 8 bytes"),
        ("let users = set(0) of u64;", "holds a map (its entries have values), not a set"),
        ("let config = cell(3) of u64 default 0;", "holds a cell whose 56-byte value does not decode as u64"),
    ] as [(String, String)])
    func mismatch(_ declaration: String, _ message: String) throws {
        let fixture = try SnapshotFixture()
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\" readonly;")
        #expect(!session.run(declaration, origin: "<test>"))
        #expect(sink.errors.contains("type mismatch"), "\(sink.errors)")
        #expect(sink.errors.contains(message), "\(sink.errors)")
        #expect(!sink.errors.contains("corrupted"), "\(sink.errors)")
    }

    @Test("a value type that does not fit fails at read time as a decoding error, not corruption")
    func valueMismatchAtReadTime() throws {
        let fixture = try SnapshotFixture()
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\" readonly;")
        runOK(session, sink, "let users = map(0) of u64 -> u64;")
        #expect(!session.run("users.get(1);", origin: "<test>"))
        #expect(sink.errors.contains("users.get"), "\(sink.errors)")
        #expect(sink.errors.contains("8 bytes"), "\(sink.errors)")
        #expect(!sink.errors.contains("corrupted"), "\(sink.errors)")
    }
}
