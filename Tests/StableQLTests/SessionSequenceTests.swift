import Foundation
import StableQL
import StableTestSupport
import Testing

@Suite("Session with vec, heap, log and cell")
struct SessionSequenceTests {
    @Test("vec methods, against a Swift array")
    func vec() {
        let (session, sink) = makeSession(mode: .json)
        #expect(session.run("""
            let v = vec(0) of (u64, i8);
            for i in 0..10 { v.push((i * 1000, 0 - i)); }
            v.len(); v.get(3); v.get(10);
            v.set(3, (7, 7));
            v.pop(); v.pop();
            v.iter();
            v.is_empty(); v.clear(); v.is_empty(); v.len();
            """, origin: "<stdin>"), "\(sink.errors)")
        var model = (0..<10).map { "[\($0 * 1000),\(-$0)]" }
        let third = model[3]
        model[3] = "[7,7]"
        let popped = [model.removeLast(), model.removeLast()]
        #expect(sink.output.split(separator: "\n").map(String.init) == [
            "10", third, "null", popped[0], popped[1], "[" + model.joined(separator: ",") + "]",
            "false", "true", "0",
        ])
    }

    @Test("vec errors: unbounded elements, index out of range, conversions")
    func vecErrors() {
        let (session, sink) = makeSession()
        #expect(!session.run("let v = vec(0) of string;", origin: "<stdin>"))
        #expect(session.run("let w = vec(1) of u8;", origin: "<stdin>"))
        #expect(!session.run("w.set(0, 1);", origin: "<stdin>"))
        #expect(!session.run("w.push(256);", origin: "<stdin>"))
        #expect(!session.run("w.get(-1);", origin: "<stdin>"))
        #expect(sink.errors.split(separator: "\n") == [
            "error: string cannot be a vec element: it must be bounded (use blob<N> instead of blob, for example)",
            "error: w.set: index 0 is out of range (length 0)",
            "error: w.push: element 256 does not fit u8 (0...255)",
            "error: w.get: index -1 does not fit u64 (0...18446744073709551615)",
        ])
    }

    @Test("heap: pops in ascending order, against a sorted model")
    func heap() {
        let (session, sink) = makeSession(mode: .list)
        #expect(session.run("""
            let h = heap(0) of i32;
            for i in 0..20 { h.push((i * 7919) % 23 - 11); }
            h.len(); h.peek();
            for i in 0..20 { print h.pop(); }
            h.pop(); h.is_empty();  -- the pop of an empty heap returns none, not printed
            """, origin: "<stdin>"), "\(sink.errors)")
        let model = (0..<20).map { ($0 * 7919) % 23 - 11 }.sorted()
        #expect(sink.output.split(separator: "\n").map(String.init)
            == ["20", "\(model[0])"] + model.map(String.init) + ["true"])
    }

    @Test("log: append returns the index; get, first, last, iter")
    func log() {
        let (session, sink) = makeSession(mode: .json)
        #expect(session.run("""
            let l = log(2, 3) of blob;
            l.append(x"01"); l.append(x""); l.append(repeat(x"ff", 3));
            l.len(); l.get(1); l.get(3); l.first(); l.last(); l.iter();
            """, origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output.split(separator: "\n").map(String.init) == [
            "0", "1", "2", "3", "\"0x\"", "null", "\"0x01\"", "\"0xffffff\"", "[\"0x01\",\"0x\",\"0xffffff\"]",
        ])
        #expect(!session.run("let bad = log(4, 4) of u8;", origin: "<stdin>"))
        #expect(!session.run("let bad = log(2, 5) of u8;", origin: "<stdin>"))
        #expect(sink.errors.split(separator: "\n") == [
            "error: a log needs two different memories, found 4 twice",
            "error: memory 2 is already used by `l`",
        ])
    }

    @Test("cell: the default on an empty memory, set returns the old value, reload keeps the value")
    func cell() {
        let (session, sink) = makeSession()
        #expect(session.run("""
            let c = cell(0) of option<string> default some("v1");
            c.get();
            c.set("v2");
            c.set(none);
            c.get();
            drop c;
            let d = cell(0) of option<string> default "ignored";
            d.get();
            upgrade;
            d.get();
            """, origin: "<stdin>"), "\(sink.errors)")
        let lines = sink.output.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(5)) == ["some(\"v1\")", "some(\"v1\")", "some(\"v2\")", "none", "none"])
        #expect(lines.last == "none")
        #expect(!session.run("let e = cell(1) of u8 default 300;", origin: "<stdin>"))
        #expect(sink.errors == "error: cell default: 300 does not fit u8 (0...255)\n")
    }

    @Test("mm_mixed: vec, log, cell and heap read back exactly", .enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)))
    func golden() throws {
        let manifest = try Golden.manifest("mm_mixed")
        let structures = try #require(manifest["structures"] as? [[String: Any]])
        func items(_ kind: String) -> [String] { structures.first { $0["kind"] as? String == kind }?["items"] as? [String] ?? [] }
        let path = try Golden.url("mm_mixed.bin").path
        let (session, sink) = makeSession(mode: .json)
        #expect(session.run("""
            open "\(path)" readonly;
            let v = vec(2) of u64;
            let l = log(3, 4) of string;
            let c = cell(5) of string default "";
            let h = heap(6) of u64;
            v.iter(); l.iter(); c.get(); h.iter();
            """, origin: "<test>"), "\(sink.errors)")
        let lines = sink.output.split(separator: "\n")
        #expect(lines.count == 4)
        guard lines.count == 4 else { return }
        let vec = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [NSNumber])
        #expect(vec.map(\.stringValue) == items("vec"))
        let log = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String])
        #expect(log == items("log"))
        let cell = try JSONSerialization.jsonObject(with: Data(lines[2].utf8), options: .fragmentsAllowed) as? String
        #expect(cell == structures.first { $0["kind"] as? String == "cell" }?["value"] as? String)
        let heap = try #require(try JSONSerialization.jsonObject(with: Data(lines[3].utf8)) as? [NSNumber])
        #expect(heap.map(\.stringValue) == items("min_heap"))
    }
}
