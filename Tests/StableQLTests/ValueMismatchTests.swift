import Foundation
import StableQL
import StableStructures
import StableTestSupport
import Testing

/// A declared value type that does not fit the stored values fails when the
/// values are read (only those), as a type mismatch that names the binding
/// and the entry and says what the stored bytes look like.
@Suite("Value type mismatches at read time")
struct ValueMismatchTests {
    /// Runs `source`, expecting it to fail; returns the error text.
    func failure(_ session: Session, _ sink: RecordingSink, _ source: String) -> String {
        let before = sink.errors.count
        #expect(!session.run(source, origin: "<test>"), "succeeded: \(source)")
        return String(sink.errors.dropFirst(before))
    }

    func expectMismatch(_ error: String, _ parts: [String]) {
        #expect(error.contains("type mismatch"), "\(error)")
        #expect(!error.contains("corrupt"), "\(error)")
        for part in parts { #expect(error.contains(part), "missing \"\(part)\" in \(error)") }
    }

    @Test("a map of Candid users read as u64 values: get, first, iter and select say the values are Candid")
    func mapValues() throws {
        let fixture = try SnapshotFixture()
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\" readonly;")
        runOK(session, sink, "let users = map(0) of u64 -> u64;")
        let size = try DemoSnapshot.user(7).count
        expectMismatch(failure(session, sink, "users.get(7);"), [
            "users.get", "the value of key 7", "the stored value is \(size) bytes and looks like candid (record {",
            "u64 values are 8 bytes",
        ])
        expectMismatch(failure(session, sink, "users.first();"), ["users.first", "key 0", "looks like candid"])
        let iteration = failure(session, sink, "users.iter();")
        expectMismatch(iteration, [
            "users.iter", "\(DemoSnapshot.userCount) entries do not decode as u64", "key 0: type mismatch: the stored value is \(try DemoSnapshot.user(0).count) bytes and looks like candid;",
        ])
        expectMismatch(failure(session, sink, "select value from users where key == 3;"), ["key 3", "looks like candid"])
        // Keys alone do not read the values.
        #expect(runOK(session, sink, "users.keys() limit 1;").contains("0"))
    }

    @Test("values of the right width that hold no value of the type, and text read as candid")
    func mapValuesOfAnotherEncoding() throws {
        let (session, sink) = makeSession()
        runOK(session, sink, "let m = map(0) of u64 -> string; m.insert(1, \"hello\"); drop m;")
        runOK(session, sink, "let m = map(0) of u64 -> candid;")
        expectMismatch(failure(session, sink, "m.get(1);"), [
            "m.get", "the value of key 1", "the stored value is 5 bytes and looks like string (UTF-8 text)",
            "candid values are Candid messages",
        ])
        runOK(session, sink, "drop m; let b = map(1) of u8 -> u8; b.insert(1, 7); drop b;")
        runOK(session, sink, "let b = map(1) of u8 -> bool;")
        expectMismatch(failure(session, sink, "b.get(1);"), [
            "the value of key 1", "the stored value is 1 byte and looks like u8", "bool values are 1 byte (", "neither 0 nor 1",
        ])
    }

    @Test("a log of Candid events read as u64: get, last, iter and select name the entry")
    func logEntries() throws {
        let fixture = try SnapshotFixture()
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\" readonly;")
        runOK(session, sink, "let events = log(1, 2) of u64;")
        let size = try DemoSnapshot.event(3).count
        expectMismatch(failure(session, sink, "events.get(3);"), [
            "events.get", "entry 3", "the stored value is \(size) bytes and looks like candid (record {", "u64 values are 8 bytes",
        ])
        let last = DemoSnapshot.eventCount - 1
        expectMismatch(failure(session, sink, "events.last();"), ["events.last", "entry \(last)", "looks like candid"])
        expectMismatch(failure(session, sink, "events.iter();"), [
            "events.iter", "\(DemoSnapshot.eventCount) entries do not decode as u64", "entry 0: type mismatch", "looks like candid",
        ])
        expectMismatch(failure(session, sink, "select value from events where index == 9;"), ["entry 9", "looks like candid"])
        #expect(runOK(session, sink, "events.len();").contains("\(DemoSnapshot.eventCount)"))
    }

    @Test("a cell's value that does not fit is a mismatch when declared")
    func cellValue() throws {
        let fixture = try SnapshotFixture()
        let (session, sink) = makeSession()
        runOK(session, sink, "open \"\(fixture.folder)\" readonly;")
        let size = DemoSnapshot.configuration.utf8.count
        expectMismatch(failure(session, sink, "let config = cell(3) of u64 default 0;"), [
            "let config", "memory 3 holds a cell whose \(size)-byte value does not decode as u64", "looks like string",
        ])
    }

    @Test("vec elements: another width is a mismatch when declared, a bad byte when read")
    func vecElements() throws {
        let (session, sink) = makeSession()
        runOK(session, sink, "let v = vec(1) of u64; v.push(5); v.push(6); drop v;")
        expectMismatch(failure(session, sink, "let v = vec(1) of u32;"), [
            "let v", "memory 1 holds a vec whose stored elements are 8 bytes; u32 elements are 4 bytes", "look like u64",
        ])
        runOK(session, sink, "let w = vec(2) of u8; w.push(0); w.push(7); drop w;")
        runOK(session, sink, "let w = vec(2) of bool;")
        #expect(runOK(session, sink, "w.get(0);").contains("false"))
        expectMismatch(failure(session, sink, "w.get(1);"), [
            "w.get", "element 1", "the stored value is 1 byte and looks like u8", "bool values are 1 byte",
        ])
        expectMismatch(failure(session, sink, "w.iter();"), ["w.iter", "element 1", "looks like u8"])
        expectMismatch(failure(session, sink, "w.pop();"), ["w.pop", "element 1", "looks like u8"])
        #expect(runOK(session, sink, "w.len();").contains("2"))
    }

    @Test("heap elements: another width is a mismatch when declared, a bad byte when read")
    func heapElements() throws {
        let (session, sink) = makeSession()
        runOK(session, sink, "let h = heap(3) of u16; h.push(5); drop h;")
        expectMismatch(failure(session, sink, "let h = heap(3) of u8;"), [
            "let h", "memory 3 holds a heap whose stored elements are 2 bytes; u8 elements are 1 byte",
        ])
        runOK(session, sink, "let g = heap(4) of u8; g.push(200); g.push(1); drop g;")
        runOK(session, sink, "let g = heap(4) of bool;")
        expectMismatch(failure(session, sink, "g.iter();"), ["g.iter", "element 1", "the stored value is 1 byte and looks like u8"])
        runOK(session, sink, "drop g; let g = heap(5) of u8; g.push(4); drop g; let g = heap(5) of bool;")
        expectMismatch(failure(session, sink, "g.peek();"), ["g.peek", "element 0", "looks like u8"])
    }
}
