import StableStructures
import StableTestSupport
import Testing

@Suite("MemoryManager golden images")
struct MemoryManagerGoldenTests {
    static let scenarios = ["mm_mixed", "mm_default_bucket", "mm_reclaim"]

    /// Writes `bytes` into `image` at `offset` (building an expected image).
    private func patch(_ image: inout [UInt8], at offset: Int, _ bytes: [UInt8]) {
        image.replaceSubrange(offset ..< offset + bytes.count, with: bytes)
    }

    @Test(
        "opening a Rust image gives the manifest's header fields and bucket map, and each memory is its buckets in order",
        .enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)),
        arguments: scenarios)
    func open(_ name: String) throws {
        let image = try Golden.image(name)
        let manifest = try Golden.manifest(name)
        let base = try #require(manifest["base_memory"] as? [String: Any])
        #expect(base["kind"] as? String == "memory_manager")
        let imageInfo = try #require(manifest["image"] as? [String: Any])
        #expect(imageInfo["fnv1a64"] as? String == String(fnv1a64(image), radix: 16).leftPadded(to: 16))
        let underlying = try VectorMemory(bytes: image)
        let manager = try MemoryManager(underlying, bucketSize: 77)  // ignored: the stored size wins

        #expect(Int(manager.bucketSizeInPages) == base["bucket_size_in_pages"] as? Int)
        #expect(manager.allocatedBucketCount == base["num_allocated_buckets"] as? Int)
        let owners = try #require(base["bucket_owners"] as? [Any])
        let expectedOwners: [MemoryId?] = try owners.map { owner in
            guard let raw = owner as? Int else { return nil }
            return try MemoryId(UInt8(raw))
        }
        #expect(manager.bucketOwners() == expectedOwners)
        #expect(manager.freeBuckets == expectedOwners.indices.filter { expectedOwners[$0] == nil }.map { UInt16($0) })

        let sizes = try #require(base["memory_sizes_in_pages"] as? [String: Int])
        for raw in 0 ... 254 {
            let memoryId = try MemoryId(UInt8(raw))
            let expected = UInt64(sizes[String(raw)] ?? 0)
            #expect(manager.size(of: memoryId) == expected, "memory \(raw)")
            let memory = manager.memory(memoryId)
            #expect(memory.size == expected)
            if expected > 0 {
                let bytes = try memory.readBytes(0, count: Int(expected) * 65_536)
                #expect(bytes == ManagerImage.virtualBytes(image: image, id: UInt8(raw), pages: expected), "memory \(raw)")
            }
        }
        #expect(underlying.bytes == image)

        // grow(0) rewrites the header as a whole; for a Rust image that is
        // the same 2080 bytes.
        for raw in 0 ... 254 { #expect(manager.memory(try MemoryId(UInt8(raw))).grow(0) >= 0) }
        #expect(underlying.bytes == image)
    }

    @Test("mm_reclaim: reclaiming and growing after load give the bytes the crate's 0.7.1 reclaim predicts",
          .enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)))
    func reclaimReplay() throws {
        let image = try Golden.image("mm_reclaim")
        let underlying = try VectorMemory(bytes: image)
        let manager = try MemoryManager(underlying)
        let ids = try (0 ... 9).map { try MemoryId(UInt8($0)) }
        // The image: buckets [2, 1, 2, 2, 3, free], sizes 1: 1, 2: 3, 3: 1.
        #expect(manager.freeBuckets == [5])
        var expected = image
        let bucketBytes = 65_536

        // Reclaim memory 2: its table bytes become 0xFF, its size 0.
        #expect(try manager.reclaimMemory(ids[2]) == 3)
        for bucket in [0, 2, 3] { expected[2080 + bucket] = 0xFF }
        patch(&expected, at: 40 + 8 * 2, ManagerImage.littleEndian(UInt64(0)))
        #expect(underlying.bytes == expected)
        #expect(manager.freeBuckets == [0, 2, 3, 5])

        // Memory 1 (bucket 1) grows by 2: it takes 2 and 3, never 0.
        #expect(manager.memory(ids[1]).grow(2) == 1)
        expected[2080 + 2] = 1
        expected[2080 + 3] = 1
        patch(&expected, at: 40 + 8 * 1, ManagerImage.littleEndian(UInt64(3)))
        #expect(underlying.bytes == expected)
        // Reused buckets are not cleared: memory 1 now shows memory 2's stale bytes.
        #expect(try manager.memory(ids[1]).readBytes(0, count: 3 * bucketBytes)
            == Array(image[2 * bucketBytes ..< 3 * bucketBytes]) + Array(image[3 * bucketBytes ..< 5 * bucketBytes]))

        // Memory 3 (bucket 4) grows: it takes 5.
        #expect(manager.memory(ids[3]).grow(1) == 1)
        expected[2080 + 5] = 3
        patch(&expected, at: 40 + 8 * 3, ManagerImage.littleEndian(UInt64(2)))
        #expect(underlying.bytes == expected)

        // A fresh memory takes the lowest free bucket, 0.
        #expect(manager.memory(ids[9]).grow(1) == 0)
        expected[2080 + 0] = 9
        patch(&expected, at: 40 + 8 * 9, ManagerImage.littleEndian(UInt64(1)))
        #expect(underlying.bytes == expected)

        // Nothing is free any more: memory 3 gets a new index, 6, and the
        // underlying memory grows to 1 + 7 buckets.
        #expect(manager.memory(ids[3]).grow(1) == 2)
        expected[2080 + 6] = 3
        patch(&expected, at: 4, ManagerImage.littleEndian(UInt16(7)))
        patch(&expected, at: 40 + 8 * 3, ManagerImage.littleEndian(UInt64(3)))
        expected += [UInt8](repeating: 0, count: bucketBytes)
        #expect(underlying.bytes == expected)

        let reloaded = try MemoryManager(underlying)
        #expect(reloaded.buckets(of: ids[1]) == [1, 2, 3])
        #expect(reloaded.buckets(of: ids[3]) == [4, 5, 6])
        #expect(reloaded.buckets(of: ids[9]) == [0])
        #expect(reloaded.freeBuckets.isEmpty)
        #expect(underlying.bytes == expected)
    }

    @Test("mm_default_bucket: growth inside the 128-page bucket allocates nothing; past it, one more bucket",
          .enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)))
    func defaultBucketGrowth() throws {
        let image = try Golden.image("mm_default_bucket")
        let underlying = try VectorMemory(bytes: image)
        let manager = try MemoryManager(underlying)
        let m0 = manager.memory(try MemoryId(0))
        #expect(m0.grow(127) == 1)
        var expected = image
        patch(&expected, at: 40, ManagerImage.littleEndian(UInt64(128)))
        #expect(underlying.bytes == expected)
        #expect(m0.grow(1) == 128)
        patch(&expected, at: 4, ManagerImage.littleEndian(UInt16(2)))
        patch(&expected, at: 40, ManagerImage.littleEndian(UInt64(129)))
        expected[2080 + 1] = 0
        #expect(underlying.size == 1 + 256)
        #expect(Array(underlying.bytes[..<expected.count]) == expected)
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
