import Foundation
@_spi(Testing) @testable import StableStructures
import StableTestSupport
import Testing

struct GoldenFormatError: Error, CustomStringConvertible {
    let description: String
}

/// Replays a golden scenario's ops on a fresh VectorMemory.
func replayBTreeScenario<K: StorableKey, V: Storable>(
    _ name: String, v1: Bool = false,
    key: (Any) throws -> K, value: (Any) throws -> V
) throws -> VectorMemory {
    let manifest = try Golden.manifest(name)
    guard let ops = manifest["ops"] as? [[Any]] else { throw GoldenFormatError(description: "no ops") }
    let memory = VectorMemory()
    var map: BTreeMap<K, V, VectorMemory>?
    func current() throws -> BTreeMap<K, V, VectorMemory> {
        guard let map else { throw GoldenFormatError(description: "op before create") }
        return map
    }
    for op in ops {
        guard let verb = op.first as? String else { throw GoldenFormatError(description: "bad op") }
        switch verb {
        case "create":
            map = v1 ? try BTreeMap.newV1(memory: memory) : try BTreeMap(memory: memory)
        case "insert":
            _ = try current().insert(try key(op[2]), try value(op[3]))
        case "remove":
            _ = try current().remove(try key(op[2]))
        case "pop_first":
            _ = try current().popFirst()
        case "pop_last":
            _ = try current().popLast()
        case "clear_new":
            try current().clear()
        case "reload_migrate_v2":
            map = nil
            map = try BTreeMap.load(memory: memory)
        default:
            throw GoldenFormatError(description: "unknown op \(verb)")
        }
    }
    return memory
}

/// The first offset where two images differ, for readable failures.
func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
    if a.count != b.count { return "sizes differ: \(a.count) vs \(b.count)" }
    for i in 0 ..< a.count where a[i] != b[i] {
        return "first difference at byte \(i): \(a[i]) vs \(b[i])"
    }
    return "identical"
}

/// Checks a map opened on a golden image against the manifest's structure 0.
func checkBTreeContents<K: StorableKey & Equatable, V: Storable & Equatable>(
    _ name: String, _ map: BTreeMap<K, V, VectorMemory>,
    key: (Any) throws -> K, value: (Any) throws -> V
) throws {
    let manifest = try Golden.manifest(name)
    let structures = try #require(manifest["structures"] as? [[String: Any]])
    let structure = try #require(structures.first)
    let length = try #require(structure["len"] as? Int)
    #expect(map.count == length)
    let entries = try #require(structure["entries"] as? [[Any]])
    let actual = try map.entries.collect()
    #expect(actual.count == entries.count)
    for (index, pair) in zip(actual, entries).enumerated() {
        let expectedKey = try key(pair.1[0])
        let expectedValue = try value(pair.1[1])
        if pair.0.key != expectedKey || pair.0.value != expectedValue {
            Issue.record("\(name): entry \(index) differs")
            break
        }
    }
    // Point lookups agree with the iteration.
    for entry in actual.prefix(200) {
        #expect(try map.get(entry.key) == entry.value)
    }
    let reversed = try map.reversed().collect()
    #expect(reversed.map(\.key) == actual.reversed().map(\.key))
}

/// The `layout` object of a btree structure in the manifest.
func goldenLayout(_ name: String) throws -> [String: Int] {
    let manifest = try Golden.manifest(name)
    let structures = try #require(manifest["structures"] as? [[String: Any]])
    return try #require(structures.first?["layout"] as? [String: Int])
}
