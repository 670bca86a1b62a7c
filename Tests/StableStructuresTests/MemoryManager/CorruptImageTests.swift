import Foundation
import StableStructures
import StableTestSupport
import Testing

@Suite("MemoryManager on damaged images")
struct CorruptImageTests {
    /// A small manager image: bucket size 1, five memories interleaved, some
    /// data, one memory reclaimed.
    private func baseImage() throws -> [UInt8] {
        let memory = VectorMemory()
        let manager = try MemoryManager(memory, bucketSize: 1)
        var random = SplitMix64(seed: 5)
        for round in 0 ..< 3 {
            for raw: UInt8 in [0, 4, 9, 200, 254] where !(raw == 9 && round == 2) {
                let virtual = manager.memory(try MemoryId(raw))
                let old = virtual.grow(1)
                try virtual.write(UInt64(old) * 65_536, bytes: random.bytes(64))
            }
        }
        try manager.reclaimMemory(try MemoryId(4))
        return memory.bytes
    }

    @Test("random damage to page 0 or a truncated image gives a typed error or a usable manager, never a trap")
    func randomDamage() throws {
        let seed = ProcessInfo.processInfo.environment["STABLE_SEED"].flatMap { UInt64($0) } ?? 0x5EED
        let iterations = ProcessInfo.processInfo.environment["STABLE_LONG_TESTS"] == "1" ? 2_000 : 100
        let base = try baseImage()
        var random = SplitMix64(seed: seed)
        var loaded = 0
        for _ in 0 ..< iterations {
            var image = base
            for _ in 0 ..< 1 + Int(random.next() % 2) {
                // Anywhere in the header, or a size field or table byte in use,
                // with small values (ids, counts) as often as arbitrary ones.
                let positions = [Int(random.next() % 40), 40, 72, 112, 1640, 2072, 2080 + Int(random.next() % 16)]
                let position = positions[Int(random.next() % UInt64(positions.count))]
                let value = random.next()
                image[position] = switch value % 3 {
                case 0: UInt8(truncatingIfNeeded: value >> 8)
                case 1: UInt8(truncatingIfNeeded: value >> 8) % 6
                default: [0, 4, 9, 200, 254, 0xFF][Int(value >> 8 % 6)]
                }
            }
            if random.next() % 8 == 0 {
                let pages = 1 + Int(random.next() % UInt64(image.count / 65_536))
                image = Array(image[..<(pages * 65_536)])
            }
            let memory = try VectorMemory(bytes: image)
            let manager: MemoryManager<VectorMemory>
            do throws(StableError) {
                manager = try MemoryManager(memory)
            } catch {
                #expect(memory.bytes == image)  // a refused image is never written
                continue
            }
            loaded += 1
            for raw: UInt8 in [0, 1, 4, 9, 200, 254] {
                let id = try MemoryId(raw)
                let virtual = manager.memory(id)
                let count = Int(virtual.size * 65_536)
                if count > 0 { _ = try? virtual.readBytes(0, count: count) }
                _ = try? virtual.readBytes(UInt64(count), count: 1)
                _ = virtual.grow(UInt64(random.next() % 3))
                if random.next() % 8 == 0 { _ = try? manager.reclaimMemory(id) }
            }
        }
        #expect(loaded > 0)
    }
}
