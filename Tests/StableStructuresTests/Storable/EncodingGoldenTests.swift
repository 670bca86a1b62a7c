import Foundation
import StableStructures
import StableTestSupport
import Testing

/// Every type and value of `golden/encodings.json`, written by the Rust crate.
@Suite("Storable encodings against the Rust crate")
struct EncodingGoldenTests {
    /// Checks one type entry: its bound, and each value's encoding and decoding.
    struct EntryCheck: GoldenTypeVisitor {
        let entry: [String: Any]
        let name: String

        func visit<T: StorableKey & GoldenValue>(_ type: T.Type) throws -> Int {
            #expect(T.typeName.isEmpty == false)
            let bound = try #require(entry["bound"] as? [String: Any], "\(name): no bound")
            let bounded = try #require(bound["bounded"] as? Bool)
            if bounded {
                let maxSize = try #require((bound["max_size"] as? NSNumber)?.intValue)
                let fixed = try #require(bound["is_fixed_size"] as? Bool)
                #expect(T.bound == .bounded(maxSize: maxSize, isFixedSize: fixed), "\(name)")
            } else {
                #expect(T.bound == .unbounded, "\(name)")
            }
            let values = try #require(entry["values"] as? [[String: Any]])
            #expect(!values.isEmpty, "\(name): no values")
            for item in values {
                let json = try #require(item["value"])
                let hexText = try #require(item["bytes"] as? String)
                let expected = try #require(bytes(fromHex: hexText))
                let value = try T(golden: json)
                #expect(value.encodedSize == expected.count, "\(name) \(json): encodedSize")
                #expect(value.encodedBytes == expected, "\(name) \(json): \(hex(value.encodedBytes)) != \(hex(expected))")
                if (item["round_trips"] as? Bool) == false { continue }
                let decoded = try T.decode(expected)
                // Compare encodings (exact for NaN and for strings), and values where `==` is meaningful.
                #expect(decoded.encodedBytes == expected, "\(name) \(json): re-encoding")
                if value == value {
                    #expect(decoded == value, "\(name) \(json): decoded value")
                }
            }
            return values.count
        }
    }

    @Test(.enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)))
    func everyTypeAndValue() throws {
        let manifest = try Golden.manifest("encodings")
        let types = try #require(manifest["types"] as? [[String: Any]])
        #expect(types.count >= 29)
        var checkedValues = 0
        for entry in types {
            let name = try #require(entry["type"] as? String)
            guard let count = try withGoldenType(named: name, EntryCheck(entry: entry, name: name)) else {
                Issue.record("type \(name) of encodings.json is not covered")
                continue
            }
            checkedValues += count
        }
        #expect(checkedValues > 80)
    }

    @Test(.enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)))
    func floatBitsTable() throws {
        let manifest = try Golden.manifest("encodings")
        let table = try #require(manifest["float_bits"] as? [String: Any])
        let doubles = try #require(table["f64"] as? [[String: Any]])
        for item in doubles {
            let json = try #require(item["value"])
            let value = try Double(golden: json)
            let bitsText = try #require(item["bits"] as? String)
            let bits = try #require(UInt64(bitsText, radix: 16))
            #expect(value.bitPattern == bits, "\(item)")
        }
    }

    /// Every name the dispatcher lists resolves to a type whose golden name it is.
    struct NameCheck: GoldenTypeVisitor {
        func visit<T: StorableKey & GoldenValue>(_ type: T.Type) throws -> String { T.typeName }
    }

    @Test func dispatcherCoversItsNames() throws {
        for name in goldenTypeNames {
            let resolved = try withGoldenType(named: name, NameCheck())
            let typeName = try #require(resolved, "\(name)")
            // The library's names differ only in spelling bounded blobs `blob<N>` and `[u8; N]` `bytes<N>`.
            #expect(typeName == name.replacingOccurrences(of: "bounded_blob<", with: "blob<"))
        }
        #expect(try withGoldenType(named: "i128", NameCheck()) == nil)
    }
}
