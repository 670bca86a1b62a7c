import Foundation
import StableStructures
import StableTestSupport
import Testing

/// The JSON value `text` as `JSONSerialization` gives it.
func parseGoldenJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
}

/// Reading golden JSON values (the conversion every golden test relies on).
@Suite("GoldenValue conversion")
struct GoldenValueTests {
    @Test func integers() throws {
        #expect(try UInt8(golden: parseGoldenJSON("255")) == 255)
        #expect(try UInt32(golden: parseGoldenJSON("4294967295")) == .max)
        #expect(try UInt64(golden: parseGoldenJSON("\"18446744073709551615\"")) == .max)
        #expect(try UInt128(golden: parseGoldenJSON("\"340282366920938463463374607431768211455\"")) == .max)
        #expect(throws: GoldenValueError.self) { try UInt8(golden: parseGoldenJSON("256")) }
        #expect(throws: GoldenValueError.self) { try UInt32(golden: parseGoldenJSON("true")) }
        #expect(throws: GoldenValueError.self) { try UInt32(golden: parseGoldenJSON("1.5")) }
        #expect(throws: GoldenValueError.self) { try UInt64(golden: parseGoldenJSON("\"-1\"")) }
    }

    @Test func scalars() throws {
        #expect(try Bool(golden: parseGoldenJSON("true")) == true)
        #expect(try Bool(golden: parseGoldenJSON("false")) == false)
        #expect(throws: GoldenValueError.self) { try Bool(golden: parseGoldenJSON("1")) }
        #expect(try Double(golden: parseGoldenJSON("\"0.1\"")).bitPattern == 0x3FB9_9999_9999_999A)
        #expect(try Double(golden: parseGoldenJSON("\"-0.0\"")).bitPattern == 0x8000_0000_0000_0000)
        #expect(try Float(golden: parseGoldenJSON("\"1e-45\"")).bitPattern == 1)
        #expect(try Float(golden: parseGoldenJSON("\"NaN\"")).bitPattern == 0x7FC0_0000)
        #expect(try Float(golden: parseGoldenJSON("\"-inf\"")) == -.infinity)
        #expect(throws: GoldenValueError.self) { try Double(golden: parseGoldenJSON("0.5")) }
        #expect(try String(golden: parseGoldenJSON("\"h\\u00e9\"")) == "hé")
        #expect(try StableStructures.Unit(golden: parseGoldenJSON("null")) == StableStructures.Unit())
    }

    @Test func bytes() throws {
        #expect(try [UInt8](golden: parseGoldenJSON("\"00ff10\"")) == [0, 0xFF, 0x10])
        #expect(try Blob<3>(golden: parseGoldenJSON("\"010203\"")).bytes == [1, 2, 3])
        #expect(throws: GoldenValueError.self) { try Blob<2>(golden: parseGoldenJSON("\"010203\"")) }
        #expect(try FixedBytes<2>(golden: parseGoldenJSON("\"0a0b\"")).bytes == [10, 11])
        #expect(throws: GoldenValueError.self) { try FixedBytes<2>(golden: parseGoldenJSON("\"0a\"")) }
        #expect(throws: GoldenValueError.self) { try [UInt8](golden: parseGoldenJSON("\"0g\"")) }
        // splitmix_bytes: successive values little-endian, the last truncated.
        var generator = SplitMix64(seed: 42)
        let first = generator.next(), second = generator.next()
        var expected: [UInt8] = []
        for value in [first, second] { withUnsafeBytes(of: value.littleEndian) { expected += $0 } }
        let json = try parseGoldenJSON("{\"splitmix_bytes\": {\"seed\": \"42\", \"len\": 11}}")
        #expect(try [UInt8](golden: json) == Array(expected.prefix(11)))
        #expect(try Principal(golden: parseGoldenJSON("\"2vxsx-fae\"")) == .anonymous)
    }

    @Test func composites() throws {
        #expect(try UInt32?(golden: parseGoldenJSON("null")) == nil)
        #expect(try UInt32?(golden: parseGoldenJSON("{\"some\": 5}")) == 5)
        #expect(try UInt8??(golden: parseGoldenJSON("{\"some\": null}")) == .some(nil))
        #expect(throws: GoldenValueError.self) { try UInt32?(golden: parseGoldenJSON("5")) }
        #expect(try Pair<UInt64, String>(golden: parseGoldenJSON("[\"7\", \"x\"]")) == Pair(7, "x"))
        #expect(throws: GoldenValueError.self) { try Pair<UInt8, UInt8>(golden: parseGoldenJSON("[1]")) }
        #expect(try Triple<UInt8, Bool, [UInt8]>(golden: parseGoldenJSON("[1, true, \"ff\"]")) == Triple(1, true, [0xFF]))
    }

    /// The `splitmix_bytes` values of `log_blob` are the stored entries, in order.
    @Test(.enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)))
    func splitmixBlobsMatchALogImage() throws {
        let manifest = try Golden.manifest("log_blob")
        let appended = try #require(manifest["ops"] as? [[Any]]).filter { ($0.first as? String) == "append" }
        let structures = try #require(manifest["structures"] as? [[String: Any]])
        let items = try #require(structures.first?["items"] as? [Any])
        #expect(appended.count == items.count)
        var splitmixCount = 0
        for (op, item) in zip(appended, items) {
            if op[2] is [String: Any] { splitmixCount += 1 }
            #expect(try [UInt8](golden: op[2]) == [UInt8](golden: item))
        }
        // The log holds some generated blobs, so the check covers them.
        #expect(splitmixCount > 0)
    }

    /// Replaying the inserts and removals of `btree_blob_blob` on a dictionary
    /// gives the map's final entries (values up to 200 KiB are `splitmix_bytes`).
    @Test(.enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)))
    func splitmixBlobsMatchABTreeImage() throws {
        let manifest = try Golden.manifest("btree_blob_blob")
        var model: [[UInt8]: [UInt8]] = [:]
        var splitmixCount = 0
        for op in try #require(manifest["ops"] as? [[Any]]) {
            switch op.first as? String {
            case "insert":
                if op[3] is [String: Any] { splitmixCount += 1 }
                model[try [UInt8](golden: op[2])] = try [UInt8](golden: op[3])
            case "remove":
                model[try [UInt8](golden: op[2])] = nil
            default:
                continue
            }
        }
        #expect(splitmixCount > 10)
        let structures = try #require(manifest["structures"] as? [[String: Any]])
        let entries = try #require(structures.first?["entries"] as? [[Any]])
        #expect(entries.count == model.count)
        for entry in entries {
            let key = try [UInt8](golden: entry[0])
            #expect(model[key] == (try [UInt8](golden: entry[1])), "key \(hex(key))")
        }
    }
}
