@testable import StableStructures
import StableTestSupport
import Testing

/// Range iteration against a sorted array, for every kind of bound at both
/// ends, in both directions, over trees of several depths (bounds that are
/// keys of leaves and of internal nodes, and bounds between keys).
@Suite("BTreeMap range iteration")
struct BTreeIterationTests {
    typealias Bound = KeyBound<UInt64>

    static func matches(_ key: UInt64, lower: Bound, upper: Bound) -> Bool {
        switch lower {
        case .unbounded: break
        case let .included(low): if key < low { return false }
        case let .excluded(low): if key <= low { return false }
        }
        switch upper {
        case .unbounded: return true
        case let .included(high): return key <= high
        case let .excluded(high): return key < high
        }
    }

    @Test("every bound kind, both directions", arguments: [1, 11, 12, 70, 400, 3_000])
    func bounds(count: Int) throws {
        let memory = VectorMemory()
        let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: memory)
        var random = SplitMix64(seed: UInt64(count))
        var keys: [UInt64] = []
        for i in 0 ..< count { keys.append(UInt64(i) * 3 + 3) }
        var shuffled = keys
        for i in shuffled.indices.reversed() where i > 0 {
            shuffled.swapAt(i, Int(random.next() % UInt64(i + 1)))
        }
        for key in shuffled { try map.insert(key, key &* 7) }
        let top = UInt64(count) * 3 + 6
        for _ in 0 ..< 60 {
            let a = random.next() % top
            let b = random.next() % top
            let bounds: [Bound] = [.unbounded, .included(a), .excluded(a)]
            let uppers: [Bound] = [.unbounded, .included(b), .excluded(b)]
            for lower in bounds {
                for upper in uppers {
                    let expected = keys.filter { Self.matches($0, lower: lower, upper: upper) }
                    let entries = map.range(from: lower, to: upper)
                    let forward = try entries.collect()
                    #expect(forward.map(\.key) == expected, "\(lower) \(upper)")
                    #expect(forward.allSatisfy { $0.value == $0.key &* 7 })
                    let backward = try entries.reversed().collect()
                    #expect(backward.map(\.key) == expected.reversed(), "reversed \(lower) \(upper)")
                }
            }
        }
        #expect(try map.entries.collect().map(\.key) == keys)
        #expect(try map.reversed().collect().map(\.key) == keys.reversed())
    }
}

/// Values that no longer decode (bytes written as `[UInt8]`, read as `String`)
/// fail only the entries that return them, as the crate's lazy entries do.
@Suite("BTreeMap iteration over values that do not decode")
struct BTreeUndecodableValueTests {
    /// Keys 0 ..< count; every key divisible by 7 holds bytes that are not UTF-8.
    static func image(count: Int) throws -> VectorMemory {
        let memory = VectorMemory()
        let bytes = try BTreeMap<UInt64, [UInt8], VectorMemory>(memory: memory)
        for key in 0 ..< UInt64(count) {
            try bytes.insert(key, key % 7 == 0 ? [0xFF, 0xFE] : Array("v\(key)".utf8))
        }
        return memory
    }

    @Test("nextEntry throws for exactly the broken entries and goes on; nextKey never throws",
          arguments: [(30, false), (30, true), (2_000, false), (2_000, true)])
    func entriesAndKeys(count: Int, descending: Bool) throws {
        let map = try BTreeMap<UInt64, String, VectorMemory>(memory: try Self.image(count: count))
        let all = map.range(from: .unbounded, to: .unbounded)
        let entries = descending ? all.reversed() : all
        var expectedOrder = Array(0 ..< UInt64(count))
        if descending { expectedOrder.reverse() }

        var iterator = entries.makeIterator()
        var seen: [UInt64] = []
        var failed: [UInt64] = []
        while true {
            do throws(StableError) {
                guard let (key, value) = try iterator.nextEntry() else { break }
                #expect(value == "v\(key)")
                seen.append(key)
            } catch {
                // The failing entry is skipped; its key is the one after the last seen.
                let next = expectedOrder[seen.count + failed.count]
                failed.append(next)
            }
        }
        #expect(failed == expectedOrder.filter { $0 % 7 == 0 })
        #expect(seen == expectedOrder.filter { $0 % 7 != 0 })

        var keys = entries.makeIterator()
        var allKeys: [UInt64] = []
        while let key = try keys.nextKey() { allKeys.append(key) }
        #expect(allKeys == expectedOrder)

        var results = entries.makeIterator()
        var failures = 0
        while let (key, value) = try results.nextEntryOrFailure() {
            switch value {
            case let .success(text): #expect(text == "v\(key)")
            case .failure: failures += 1; #expect(key % 7 == 0)
            }
        }
        #expect(failures == expectedOrder.filter { $0 % 7 == 0 }.count)
    }

    @Test("an optional value that is none is an entry, not a failure")
    func noneValues() throws {
        // A variable-size option (a fixed-size one refuses none, as in the crate).
        let map = try BTreeMap<UInt64, String?, VectorMemory>(memory: VectorMemory())
        for key in 0 ..< UInt64(500) { try map.insert(key, key % 3 == 0 ? nil : "v\(key)") }
        let all = try map.range(from: .unbounded, to: .unbounded).collect()
        #expect(all.map(\.key) == Array(0 ..< 500))
        #expect(all.allSatisfy { $0.value == ($0.key % 3 == 0 ? nil : "v\($0.key)") })
        let down = try map.range(from: .unbounded, to: .unbounded).reversed().collect()
        #expect(down.map(\.key) == Array((0 ..< 500).reversed()))
    }

    @Test("a range that stops before a broken value does not fail on it")
    func rangesStopBeforeBrokenValues() throws {
        let map = try BTreeMap<UInt64, String, VectorMemory>(memory: try Self.image(count: 2_000))
        for low in stride(from: UInt64(1), to: 1_990, by: 7) {
            // low ... low + 5 holds no multiple of 7; the neighbours on both sides do.
            let inside = try map.range(from: .included(low), to: .excluded(low + 6)).collect()
            #expect(inside.map(\.key) == Array(low ..< low + 6))
            let backwards = try map.range(from: .excluded(low - 1), to: .included(low + 5)).reversed().collect()
            #expect(backwards.map(\.key) == Array((low ..< low + 6).reversed()))
        }
        #expect(throws: StableError.self) { try map.range(from: .included(5), to: .included(7)).collect() }
    }
}

extension BTreeUndecodableValueTests {
    @Test("insert or remove over a value that does not decode throws and keeps every entry",
          arguments: [30, 2_000])
    func writesOverBrokenValues(count: Int) throws {
        let memory = try Self.image(count: count)
        let map = try BTreeMap<UInt64, String, VectorMemory>(memory: memory)
        let before = memory.bytes
        #expect(throws: StableError.self) { try map.insert(14, "new") }
        #expect(memory.bytes == before)  // the old value is read before anything is written
        for key in [UInt64(21), 0, UInt64(count - 1) / 7 * 7] {
            #expect(throws: StableError.self) { try map.remove(key) }
        }
        // Removal rebalances nodes on the way down (as the crate does), so the
        // bytes may differ, but the map holds the same entries, and reloads so.
        for candidate in [map, try BTreeMap<UInt64, String, VectorMemory>(memory: memory)] {
            #expect(candidate.count == UInt64(count))
            var iterator = candidate.range(from: .unbounded, to: .unbounded).makeIterator()
            var keys: [UInt64] = []
            while let (key, value) = try iterator.nextEntryOrFailure() {
                keys.append(key)
                if case let .success(text) = value { #expect(text == "v\(key)") } else { #expect(key % 7 == 0) }
            }
            #expect(keys == Array(0 ..< UInt64(count)))
        }
    }
}
