@testable import StableStructures
import StableTestSupport
import Testing

/// The overlay's hash table against a `Dictionary` model: random inserts,
/// removals (which shift entries back) and lookups, with growth and clears.
@Suite("BlockIndex")
struct BlockIndexTests {
    @Test("matches a Dictionary under random inserts, removals and clears")
    func modelCheck() {
        var rng = SplitMix64(seed: 0xB10C_1DE5)
        var index = BlockIndex(capacity: 16)
        defer { index.deallocate() }
        var model: [UInt64: Int] = [:]
        for step in 0..<200_000 {
            // A small key space makes collisions, removals of present keys
            // and long probe runs common; a few keys are far apart.
            let key = rng.next() % 4 == 0 ? rng.next() >> 12 : rng.next() % 512
            switch rng.next() % 10 {
            case 0...4:
                if model[key] == nil {
                    index.insert(key, step)
                    model[key] = step
                }
            case 5...7:
                index.remove(key)
                model[key] = nil
            case 8:
                #expect(index.find(key) == model[key])
            default:
                if rng.next() % 500 == 0 {
                    index.removeAll()
                    model.removeAll()
                }
            }
            #expect(index.count == model.count)
            if step % 10_000 == 0 {
                for (key, value) in model { #expect(index.find(key) == value) }
            }
        }
        for (key, value) in model { #expect(index.find(key) == value) }
        for key in model.keys { index.remove(key) }
        #expect(index.count == 0)
        for key in model.keys { #expect(index.find(key) == nil) }
    }
}
