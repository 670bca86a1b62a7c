@_spi(Testing) @testable import StableStructures
import StableTestSupport
import Testing

/// A memory that always copies: a ``VectorMemory`` behind the protocol's
/// default `withBytes` (a read into a temporary buffer), so `inPlace` is nil
/// and a map on it takes the partial-read lookup of a canister.
struct CopyingMemory: Memory {
    let base: VectorMemory

    init(_ base: VectorMemory) { self.base = base }

    var size: UInt64 { base.size }
    func grow(_ pages: UInt64) -> Int64 { base.grow(pages) }
    func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        try base.read(offset, into: buffer)
    }
    func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        try base.write(offset, bytes)
    }
    func load<T: FixedWidthInteger>(_: T.Type, at offset: UInt64) throws(StableError) -> T {
        try base.load(T.self, at: offset)
    }
    func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        try base.store(value, at: offset)
    }
}

/// Gets, `containsKey`, first/last and ranges of maps with large values (the
/// maps whose lookups read partial nodes) on both lookup paths: in place on a
/// ``VectorMemory`` and by partial reads on a memory that copies, against a
/// Dictionary; the two images byte for byte; the same errors from both on
/// corrupt nodes.
@Suite("BTreeMap lookups in place and by partial reads")
struct BTreeInPlaceLookupTests {
    /// Inserts `count` entries (and removes every fifth) in a map on each
    /// memory; checks every present key, `absent` keys, first, last and
    /// ranges on both against the model.
    func check<K: StorableKey & Hashable, V: Storable & Equatable>(
        _ label: String, count: Int, seed: UInt64, v1: Bool = false,
        key: (inout SplitMix64) -> K, value: (inout SplitMix64) -> V
    ) throws {
        #expect(BTreeMap<K, V, VectorMemory>.readsKeyPrefixes, "\(label): not a map with large values")
        let inPlace = VectorMemory()
        let copying = CopyingMemory(VectorMemory())
        let fast = v1 ? try BTreeMap<K, V, VectorMemory>.newV1(memory: inPlace) : try BTreeMap<K, V, VectorMemory>(memory: inPlace)
        let slow = v1 ? try BTreeMap<K, V, CopyingMemory>.newV1(memory: copying) : try BTreeMap<K, V, CopyingMemory>(memory: copying)
        #expect(fast.memory.inPlace != nil)
        #expect(slow.memory.inPlace == nil)
        var random = SplitMix64(seed: seed)
        var model: [K: V] = [:]
        var inserted: [K] = []
        for i in 0 ..< count {
            let k = key(&random)
            let v = value(&random)
            #expect(try fast.insert(k, v) == model[k], "\(label): insert \(i)")
            _ = try slow.insert(k, v)
            model[k] = v
            inserted.append(k)
        }
        for (i, k) in inserted.enumerated() where i % 5 == 0 {
            #expect(try fast.remove(k) == model[k])
            _ = try slow.remove(k)
            model[k] = nil
        }
        // The two paths wrote the same image.
        #expect(try inPlace.readBytes(0, count: Int(inPlace.byteCount))
            == copying.base.readBytes(0, count: Int(copying.base.byteCount)), "\(label): images differ")

        var absent: [K] = []
        while absent.count < 200 {
            let k = key(&random)
            if model[k] == nil { absent.append(k) }
        }
        for k in inserted + absent {
            let expected = model[k]
            let a = try fast.get(k)
            let b = try slow.get(k)
            if a != expected || b != expected {
                Issue.record("\(label): get mismatch (in place \(a == expected), partial \(b == expected))")
                return
            }
            #expect(try fast.containsKey(k) == (expected != nil))
            #expect(try slow.containsKey(k) == (expected != nil))
        }

        let sorted = model.sorted { K.compareKeys($0.key, $1.key) < 0 }
        for map in [try fast.first, try slow.first] {
            #expect(map?.key == sorted.first?.key && map?.value == sorted.first?.value, "\(label): first")
        }
        for map in [try fast.last, try slow.last] {
            #expect(map?.key == sorted.last?.key && map?.value == sorted.last?.value, "\(label): last")
        }
        for _ in 0 ..< 20 {
            let a = sorted[Int(random.next() % UInt64(sorted.count))].key
            let b = absent[Int(random.next() % UInt64(absent.count))]
            let (low, high) = K.compareKeys(a, b) <= 0 ? (a, b) : (b, a)
            let expected = sorted.filter { K.compareKeys($0.key, low) >= 0 && K.compareKeys($0.key, high) <= 0 }
            let one = try fast.range(from: KeyBound<K>.included(low), to: KeyBound<K>.included(high)).collect()
            let two = try slow.range(from: KeyBound<K>.included(low), to: KeyBound<K>.included(high)).reversed().collect()
            #expect(one.map(\.key) == expected.map(\.key) && one.map(\.value) == expected.map(\.value), "\(label): range")
            #expect(two.map(\.key) == expected.reversed().map(\.key) && two.map(\.value) == expected.reversed().map(\.value),
                    "\(label): reversed range")
        }
    }

    static func blob(_ random: inout SplitMix64, _ low: Int, _ high: Int) -> [UInt8] {
        random.bytes(low + Int(random.next() % UInt64(high - low + 1)))
    }

    @Test func blobKeysAndValues() throws {
        // Values larger than a page's share: nodes with overflow pages, keys in the first page.
        try check("blob32→blob128", count: 3_000, seed: 1,
                  key: { $0.bytes(32) }, value: { $0.bytes(128) })
        try check("blob→blob", count: 2_000, seed: 2,
                  key: { Self.blob(&$0, 1, 40) }, value: { Self.blob(&$0, 0, 3_000) })
    }

    @Test func keysPastTheFirstPage() throws {
        // Eleven keys of ~180 bytes do not fit in a 1 KiB page: the in-place
        // descent leaves such nodes to the partial-read lookup.
        try check("blob180→blob", count: 1_500, seed: 3,
                  key: { Self.blob(&$0, 150, 200) }, value: { Self.blob(&$0, 0, 300) })
        try check("fixed200→blob", count: 1_000, seed: 4,
                  key: { try! FixedBytes<200>($0.bytes(200)) }, value: { Self.blob(&$0, 0, 400) })
    }

    @Test func fixedKeys() throws {
        try check("u64→blob", count: 3_000, seed: 5,
                  key: { $0.next() % 100_000 }, value: { Self.blob(&$0, 0, 500) })
        // Bounded values: a page of three quarters of the largest node, so full nodes overflow.
        try check("u64→Blob<300>", count: 3_000, seed: 6,
                  key: { $0.next() % 100_000 }, value: { try! Blob<300>(Self.blob(&$0, 0, 300)) })
    }

    @Test func v1Nodes() throws {
        try check("v1 u64→Blob<100>", count: 2_000, seed: 7, v1: true,
                  key: { $0.next() % 100_000 }, value: { try! Blob<100>(Self.blob(&$0, 0, 100)) })
    }

    @Test func emptyMap() throws {
        let fast = try BTreeMap<[UInt8], [UInt8], VectorMemory>(memory: VectorMemory())
        #expect(try fast.get([1, 2, 3]) == nil)
        #expect(try fast.containsKey([1, 2, 3]) == false)
    }

    /// A blob map image (a few levels, overflowed nodes) and its root address.
    func image() throws -> (bytes: [UInt8], root: UInt64, keys: [[UInt8]]) {
        let memory = VectorMemory()
        let map = try BTreeMap<[UInt8], [UInt8], VectorMemory>(memory: memory)
        var random = SplitMix64(seed: 8)
        var keys: [[UInt8]] = []
        for _ in 0 ..< 400 {
            let k = random.bytes(24)
            try map.insert(k, random.bytes(150))
            keys.append(k)
        }
        return (try memory.readBytes(0, count: Int(memory.byteCount)), map.root, keys)
    }

    /// The outcome of `get` and `containsKey` on each path for `bytes`
    /// (opening the map included).
    func outcomes(_ bytes: [UInt8], _ key: [UInt8]) throws -> [Result<String, StableError>] {
        let inPlace = try VectorMemory(bytes: bytes)
        let copying = CopyingMemory(try VectorMemory(bytes: bytes))
        func run(_ body: () throws(StableError) -> String) -> Result<String, StableError> {
            do throws(StableError) { return .success(try body()) } catch { return .failure(error) }
        }
        typealias Fast = BTreeMap<[UInt8], [UInt8], VectorMemory>
        typealias Slow = BTreeMap<[UInt8], [UInt8], CopyingMemory>
        return [
            run { () throws(StableError) in "\(try Fast(memory: inPlace).get(key) ?? [])" },
            run { () throws(StableError) in "\(try Slow(memory: copying).get(key) ?? [])" },
            run { () throws(StableError) in "\(try Fast(memory: inPlace).containsKey(key))" },
            run { () throws(StableError) in "\(try Slow(memory: copying).containsKey(key))" },
        ]
    }

    @Test func corruptNodesGiveTheSameErrors() throws {
        let (bytes, root, keys) = try image()
        // The root off the chunk grid.
        var offGrid = bytes
        offGrid.withUnsafeMutableBytes { $0.storeBytes(of: (root + 1).littleEndian, toByteOffset: 12, as: UInt64.self) }
        // The root's node magic broken.
        var badMagic = bytes
        badMagic[Int(root)] ^= 0xFF
        // The root's entry count out of range.
        var badCount = bytes
        badCount[Int(root) + 5] = 0xEE
        for (label, corrupt) in [("off grid", offGrid), ("magic", badMagic), ("count", badCount)] {
            let results = try outcomes(corrupt, keys[0])
            for result in results {
                guard case let .failure(error) = result, case .corrupted(structure: "BTreeMap", _) = error else {
                    Issue.record("\(label): \(result)")
                    continue
                }
            }
            #expect(results[0] == results[1] && results[2] == results[3] && results[0] == results[2], "\(label)")
        }
    }

    @Test func corruptKeyLengthsThrow() throws {
        let (bytes, root, keys) = try image()
        // The root is internal: header 7, link 8, children 8 each, then the keys.
        let count = Int(bytes[Int(root) + 5]) | Int(bytes[Int(root) + 6]) << 8
        #expect(bytes[Int(root) + 4] == 1, "the root should be an internal node")
        let keysStart = Int(root) + 15 + 8 * (count + 1)
        for (length, label) in [(UInt32(5_000), "past the node"), (UInt32(0xFFFF_FFF0), "huge")] {
            var corrupt = bytes
            corrupt.withUnsafeMutableBytes { $0.storeBytes(of: length.littleEndian, toByteOffset: keysStart, as: UInt32.self) }
            for key in keys.prefix(20) {
                for result in try outcomes(corrupt, key) {
                    guard case let .failure(error) = result, case .corrupted(structure: "BTreeMap", _) = error else {
                        Issue.record("\(label): \(result)")
                        return
                    }
                }
            }
        }
    }

    @Test func randomFlipsAgreeOnBothPaths() throws {
        let (bytes, root, keys) = try image()
        var random = SplitMix64(seed: 9)
        let nodesEnd = min(bytes.count, Int(root) + 40 * 1_024)
        for round in 0 ..< 300 {
            var corrupt = bytes
            let offset = Int(root) + Int(random.next() % UInt64(nodesEnd - Int(root)))
            corrupt[offset] ^= UInt8(truncatingIfNeeded: 1 + random.next() % 255)
            let key = keys[Int(random.next() % UInt64(keys.count))]
            let results = try outcomes(corrupt, key)
            // Either both paths find the same bytes, or both report a corrupt map.
            for pair in [(results[0], results[1]), (results[2], results[3])] {
                switch pair {
                case let (.success(a), .success(b)):
                    if a != b { Issue.record("round \(round), offset \(offset): \(a) vs \(b)") }
                case (.failure(.corrupted), .failure(.corrupted)):
                    break
                default:
                    Issue.record("round \(round), offset \(offset): \(pair.0) vs \(pair.1)")
                }
            }
        }
    }
}
