import Foundation
@testable import StableStructures
import StableTestSupport
import Testing

/// Model-based randomized tests: a BTreeMap against Swift's Dictionary, with
/// periodic re-opening from memory and structural invariant checks.
///
/// Default: a fixed seed and 1,010,000 operations in total across the type
/// combinations in every build (about 45 s in a debug build on a quiet
/// 2-core machine).
/// `STABLE_SEED=n` changes the seed, `STABLE_LONG_TESTS=1` multiplies the
/// operation counts by 10.
@Suite("BTreeMap model-based randomized tests")
struct BTreeModelTests {
    static var seed: UInt64 {
        if let text = ProcessInfo.processInfo.environment["STABLE_SEED"], let value = UInt64(text) { return value }
        return 0x5EED_B7EE
    }

    /// Operation-count multiplier, in fifths of the full count.
    static var scale: Int {
        let long = ProcessInfo.processInfo.environment["STABLE_LONG_TESTS"] == "1" ? 10 : 1
        return 5 * long
    }

    /// Runs `operations` random operations; `makeKey`/`makeValue` draw from
    /// the generator. Keys must be `Hashable` for the model.
    func run<K: StorableKey & Hashable, V: Storable & Equatable>(
        _ label: String, operations: Int, reopenEvery: Int, seed: UInt64,
        makeKey: (inout SplitMix64) -> K, makeValue: (inout SplitMix64) -> V
    ) throws {
        var random = SplitMix64(seed: seed)
        let memory = VectorMemory()
        var map = try BTreeMap<K, V, VectorMemory>(memory: memory)
        var model: [K: V] = [:]
        func sortedModel() -> [(K, V)] {
            model.sorted { K.compareKeys($0.key, $1.key) < 0 }.map { ($0.key, $0.value) }
        }
        for step in 1 ... operations {
            let roll = random.next() % 1_000
            switch roll {
            case 0 ..< 450:
                let key = makeKey(&random)
                let value = makeValue(&random)
                let previous = try map.insert(key, value)
                let expected = model.updateValue(value, forKey: key)
                if previous != expected { Issue.record("\(label) step \(step): insert returned a wrong previous value"); return }
            case 450 ..< 750:
                let key = makeKey(&random)
                let removed = try map.remove(key)
                if removed != model.removeValue(forKey: key) { Issue.record("\(label) step \(step): remove mismatch"); return }
            case 750 ..< 960:
                let key = makeKey(&random)
                if try map.get(key) != model[key] { Issue.record("\(label) step \(step): get mismatch"); return }
                if try map.containsKey(key) != (model[key] != nil) { Issue.record("\(label) step \(step): contains mismatch"); return }
            case 960 ..< 978:
                let popped = try map.popFirst()
                let expected = model.min { K.compareKeys($0.key, $1.key) < 0 }
                if popped?.key != expected?.key || popped?.value != expected?.value {
                    Issue.record("\(label) step \(step): popFirst mismatch"); return
                }
                if let key = expected?.key { model.removeValue(forKey: key) }
            case 978 ..< 996:
                let popped = try map.popLast()
                let expected = model.max { K.compareKeys($0.key, $1.key) < 0 }
                if popped?.key != expected?.key || popped?.value != expected?.value {
                    Issue.record("\(label) step \(step): popLast mismatch"); return
                }
                if let key = expected?.key { model.removeValue(forKey: key) }
            default:
                // A bounded range read in either direction.
                let a = makeKey(&random), b = makeKey(&random)
                let (low, high) = K.compareKeys(a, b) <= 0 ? (a, b) : (b, a)
                let expected = sortedModel().filter { K.compareKeys($0.0, low) >= 0 && K.compareKeys($0.0, high) < 0 }
                let forward = try map.range(from: .included(low), to: .excluded(high)).collect()
                let backward = try map.range(from: .included(low), to: .excluded(high)).reversed().collect()
                if forward.map(\.key) != expected.map(\.0) || forward.map(\.value) != expected.map(\.1) {
                    Issue.record("\(label) step \(step): range mismatch"); return
                }
                if backward.map(\.key) != expected.reversed().map(\.0) {
                    Issue.record("\(label) step \(step): reverse range mismatch"); return
                }
            }
            if map.count != model.count { Issue.record("\(label) step \(step): count \(map.count) vs \(model.count)"); return }
            if step % reopenEvery == 0 {
                map = try BTreeMap(memory: memory)
                try BTreeInvariants.check(map)
                let all = try map.entries.collect()
                let expected = sortedModel()
                if all.map(\.key) != expected.map(\.0) || all.map(\.value) != expected.map(\.1) {
                    Issue.record("\(label) step \(step): contents differ after reopening"); return
                }
                if step % (reopenEvery * 20) == 0 {
                    try map.clear()
                    model.removeAll()
                }
            }
        }
        try BTreeInvariants.check(map)
    }

    @Test func u64ToU64() throws {
        try run("u64→u64", operations: 80_000 * Self.scale, reopenEvery: 5_000, seed: Self.seed,
                makeKey: { UInt64($0.next() % 3_000) }, makeValue: { $0.next() })
    }

    @Test func u32ToU64Bounded() throws {
        try run("u32→u64", operations: 60_000 * Self.scale, reopenEvery: 5_000, seed: Self.seed &+ 1,
                makeKey: { UInt32(truncatingIfNeeded: $0.next() % 2_000) }, makeValue: { $0.next() })
    }

    @Test func stringKeys() throws {
        try run("String→u64", operations: 50_000 * Self.scale, reopenEvery: 5_000, seed: Self.seed &+ 2,
                makeKey: { random in
                    let length = Int(random.next() % 12)
                    let scalars = (0 ..< length).map { _ in Character(Unicode.Scalar(UInt8(97 + random.next() % 4))) }
                    return String(scalars)
                },
                makeValue: { $0.next() })
    }

    @Test func blobsWithOverflowPages() throws {
        try run("blob→blob", operations: 12_000 * Self.scale, reopenEvery: 2_000, seed: Self.seed &+ 3,
                makeKey: { random in random.bytes(Int(random.next() % 3)) + [UInt8(random.next() % 200)] },
                makeValue: { random in
                    let roll = random.next() % 100
                    let length = roll < 70 ? Int(random.next() % 40) : (roll < 95 ? Int(random.next() % 1_500) : Int(random.next() % 9_000))
                    return [UInt8](repeating: UInt8(truncatingIfNeeded: random.next()), count: length)
                })
    }
}
