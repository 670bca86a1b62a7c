import Foundation
import StableStructures
import StableTestSupport
import Testing

/// Random sequences of grow, write, reclaim and reload, checked against a
/// plain model of the bucket table (written from StableStructures.docc/ByteLayout.md, "Memory manager" and the reuse
/// rule) and of each memory's bytes.
@Suite("MemoryManager model check")
struct MemoryManagerModelTests {
    struct Model {
        let bucketSize: UInt64
        var owners: [UInt8?] = []          // per allocated bucket
        var sizes: [UInt8: UInt64] = [:]
        var contents: [UInt8: [UInt8]] = [:]

        func buckets(of id: UInt8) -> [UInt16] {
            owners.indices.filter { owners[$0] == id }.map { UInt16($0) }
        }

        /// Grows memory `id`; returns false where the manager must return -1.
        mutating func grow(_ id: UInt8, by pages: UInt64) -> Bool {
            let old = sizes[id] ?? 0
            let new = old + pages
            let needed = Int((new + bucketSize - 1) / bucketSize) - buckets(of: id).count
            var taken: [Int] = []
            var highest = buckets(of: id).last.map(Int.init) ?? -1
            var fresh = owners.count
            for _ in 0 ..< max(needed, 0) {
                if let free = owners.indices.first(where: { owners[$0] == nil && $0 > highest && !taken.contains($0) }) {
                    taken.append(free)
                    highest = free
                } else {
                    taken.append(fresh)
                    fresh += 1
                }
            }
            if fresh > 32_768 { return false }
            for bucket in taken {
                if bucket < owners.count { owners[bucket] = id } else { owners.append(id) }
            }
            sizes[id] = new
            return true
        }

        mutating func reclaim(_ id: UInt8) -> UInt64 {
            let owned = buckets(of: id)
            for bucket in owned { owners[Int(bucket)] = nil }
            if !owned.isEmpty { sizes[id] = 0 }
            contents[id] = []
            return UInt64(owned.count) * bucketSize
        }
    }

    static let ids: [UInt8] = [0, 1, 5, 254]

    private func check(_ manager: MemoryManager<VectorMemory>, _ underlying: VectorMemory, _ model: Model) throws {
        #expect(manager.allocatedBucketCount == model.owners.count)
        #expect(manager.bucketOwners() == model.owners.map { $0.flatMap { try? MemoryId($0) } })
        #expect(underlying.size == 1 + model.bucketSize * UInt64(model.owners.count))
        var sizes: [Int: UInt64] = [:]
        for (id, pages) in model.sizes { sizes[Int(id)] = pages }
        #expect(try underlying.readBytes(0, count: 2080)
            == ManagerImage.header(allocated: UInt16(model.owners.count), bucketSize: UInt16(model.bucketSize), sizes: sizes))
        #expect(try ManagerImage.readTable(underlying, count: model.owners.count + 8)
            == ManagerImage.table(model.owners, count: model.owners.count + 8))
        for id in Self.ids {
            let memoryId = try MemoryId(id)
            #expect(manager.buckets(of: memoryId) == model.buckets(of: id))
            let contents = model.contents[id] ?? []
            let memory = manager.memory(memoryId)
            #expect(memory.size * 65_536 == UInt64(contents.count))
            #expect(try memory.readBytes(0, count: contents.count) == contents)
        }
    }

    @Test("random grow/write/reclaim/reload sequences match the model", arguments: [1, 2, 3] as [UInt16])
    func randomSequences(bucketSize: UInt16) throws {
        let seed = ProcessInfo.processInfo.environment["STABLE_SEED"].flatMap { UInt64($0) } ?? 0x5EED
        let steps = ProcessInfo.processInfo.environment["STABLE_LONG_TESTS"] == "1" ? 1_500 : 120
        var random = SplitMix64(seed: seed &+ UInt64(bucketSize))
        let underlying = VectorMemory()
        var manager = try MemoryManager(underlying, bucketSize: bucketSize)
        var model = Model(bucketSize: UInt64(bucketSize))

        for step in 0 ..< steps {
            let id = Self.ids[Int(random.next() % UInt64(Self.ids.count))]
            let memory = manager.memory(try MemoryId(id))
            switch random.next() % 10 {
            case 0 ..< 4:
                let pages = random.next() % 3
                let old = memory.grow(pages)
                let modelGrew = model.grow(id, by: pages)
                #expect(modelGrew)
                #expect(old >= 0)
                // Fill the new pages so that every byte of the model is known
                // (reused buckets hold stale bytes).
                let fresh = random.bytes(Int(pages) * 65_536)
                try memory.write(UInt64(old) * 65_536, bytes: fresh)
                model.contents[id, default: []] += fresh
            case 4 ..< 8:
                let count = model.contents[id]?.count ?? 0
                guard count > 0 else { continue }
                let offset = Int(random.next() % UInt64(count))
                let length = min(Int(random.next() % 200_000), count - offset)
                let bytes = random.bytes(length)
                try memory.write(UInt64(offset), bytes: bytes)
                model.contents[id]!.replaceSubrange(offset ..< offset + length, with: bytes)
            case 8:
                let freed = model.reclaim(id)
                #expect(try manager.reclaimMemory(try MemoryId(id)) == freed)
            default:
                manager = try MemoryManager(underlying)
            }
            if step % 10 == 9 { try check(manager, underlying, model) }
        }
        try check(manager, underlying, model)
        try check(try MemoryManager(underlying), underlying, model)
    }
}
