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
