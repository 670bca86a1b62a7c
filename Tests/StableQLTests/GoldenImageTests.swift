import Foundation
import StableQL
import StableTestSupport
import Testing

@Suite("Reading the Rust crate's images")
struct GoldenImageTests {
    /// The structure of `manifest` with the given `kind`.
    func structure(_ manifest: [String: Any], _ kind: String) throws -> [String: Any] {
        let structures = try #require(manifest["structures"] as? [[String: Any]])
        return try #require(structures.first { $0["kind"] as? String == kind })
    }

    /// Runs `source` in JSON mode on the image, read-only; returns one parsed document per line.
    func documents(_ image: String, _ source: String) throws -> [Any] {
        let path = try Golden.url(image).path
        let (session, sink) = makeSession(mode: .json)
        let ok = session.run("open \"\(path)\" readonly;\n" + source, origin: "<test>")
        #expect(ok, "\(sink.errors)")
        session.close()
        return try sink.output.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed])
        }
    }

    @Test("mm_mixed: the map and the set read back exactly", .enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)))
    func mixedMapAndSet() throws {
        let manifest = try Golden.manifest("mm_mixed")
        let map = try structure(manifest, "btreemap")
        let set = try structure(manifest, "btreeset")
        let output = try documents("mm_mixed.bin", """
            let m = map(0) of u64 -> string;
            let s = set(1) of u64;
            m.len(); m.iter(); s.len(); s.iter();
            """)
        #expect(output.count == 4)
        guard output.count == 4 else { return }
        #expect((output[0] as? NSNumber)?.intValue == map["len"] as? Int)
        let expectedEntries = try #require(map["entries"] as? [[String]])
        let entries = try #require(output[1] as? [[Any]])
        #expect(entries.count == expectedEntries.count)
        for (entry, expected) in zip(entries, expectedEntries) {
            #expect((entry[0] as? NSNumber)?.stringValue == expected[0])
            #expect(entry[1] as? String == expected[1])
        }
        #expect((output[2] as? NSNumber)?.intValue == set["len"] as? Int)
        let keys = try #require(output[3] as? [NSNumber])
        #expect(keys.map(\.stringValue) == set["keys"] as? [String])
    }

    @Test("mm_mixed: memories lists every virtual memory with its structure", .enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)))
    func mixedMemories() throws {
        let output = try documents("mm_mixed.bin", "memories;")
        let rows = try #require(output.first as? [[Any]])
        #expect(rows.map { ($0[0] as? NSNumber)?.intValue ?? -1 } == [0, 1, 2, 3, 4, 5, 6])
        #expect(rows.map { $0[2] as? String ?? "" } == ["BTreeMap", "BTreeMap", "Vec", "Log index", "Log data", "Cell", "MinHeap"])
        #expect(rows.map { ($0[1] as? NSNumber)?.intValue ?? -1 } == [2, 1, 2, 1, 2, 2, 1])
    }

    @Test("declaring the wrong structure on a golden memory names what is there", .enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)))
    func wrongKind() throws {
        let path = try Golden.url("mm_mixed.bin").path
        let (session, sink) = makeSession()
        #expect(session.run("open \"\(path)\" readonly;", origin: "<test>"))
        #expect(!session.run("let m = map(2) of u64 -> u64;", origin: "<test>"))
        #expect(sink.errors.hasPrefix("error: memory 2 holds a Vec (magic \"SVC\"), not a "), "\(sink.errors)")
    }
}
