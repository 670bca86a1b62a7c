import StableStructures
import StableTestSupport
import Testing

@Suite("RestrictedMemory")
struct RestrictedMemoryTests {
    private func memory(pages: UInt64) -> VectorMemory {
        let memory = VectorMemory()
        _ = memory.grow(pages)
        return memory
    }

    @Test("base < start: size 0; grow materialises the gap plus delta, unchecked against the window, and returns 0")
    func belowStart() throws {
        let underlying = memory(pages: 2)
        let window = try RestrictedMemory(underlying, pages: 5 ..< 10)
        #expect(window.size == 0)
        #expect(window.grow(3) == 0)
        #expect(underlying.size == 2 + 3 + 3)
        #expect(window.size == 3)

        // The quirk: delta is not checked against end - start when base < start.
        let fresh = VectorMemory()
        let wide = try RestrictedMemory(fresh, pages: 5 ..< 10)
        #expect(wide.grow(20) == 0)
        #expect(fresh.size == 25)
        #expect(wide.size == 5)

        // grow(0) below start still materialises the gap.
        let gap = VectorMemory()
        #expect(try RestrictedMemory(gap, pages: 4 ..< 6).grow(0) == 0)
        #expect(gap.size == 4)
    }

    @Test("base < start: a failing underlying grow, or an overflowing request, returns -1")
    func belowStartFailure() throws {
        let limited = GrowthLimitedMemory(maxPages: 6)
        let window = try RestrictedMemory(limited, pages: 5 ..< 10)
        #expect(window.grow(2) == -1)
        #expect(limited.size == 0)
        #expect(window.grow(1) == 0)
        #expect(limited.size == 6)
        #expect(try RestrictedMemory(VectorMemory(), pages: 5 ..< 10).grow(.max - 2) == -1)
    }

    @Test("start <= base < end: size base - start; grow limited to end - base, returns previous - start")
    func insideWindow() throws {
        let underlying = memory(pages: 3)
        let window = try RestrictedMemory(underlying, pages: 2 ..< 6)
        #expect(window.size == 1)
        #expect(window.grow(4) == -1)
        #expect(underlying.size == 3)
        #expect(window.grow(0) == 1)
        #expect(window.grow(2) == 1)
        #expect(underlying.size == 5)
        #expect(window.size == 3)
        #expect(window.grow(1) == 3)
        #expect(window.size == 4)

        // base == start.
        let exact = memory(pages: 2)
        let atStart = try RestrictedMemory(exact, pages: 2 ..< 6)
        #expect(atStart.size == 0)
        #expect(atStart.grow(4) == 0)
        #expect(exact.size == 6)

        // The underlying memory refuses.
        let limited = GrowthLimitedMemory(maxPages: 4)
        _ = limited.grow(3)
        let capped = try RestrictedMemory(limited, pages: 2 ..< 6)
        #expect(capped.grow(2) == -1)
        #expect(capped.grow(1) == 1)
    }

    @Test("base >= end: size end - start; grow(0) returns end - start, any other grow -1")
    func pastEnd() throws {
        for base: UInt64 in [6, 10] {
            let underlying = memory(pages: base)
            let window = try RestrictedMemory(underlying, pages: 2 ..< 6)
            #expect(window.size == 4)
            #expect(window.grow(0) == 4)
            #expect(window.grow(1) == -1)
            #expect(underlying.size == base)
        }
    }

    @Test("reads and writes land at start * 64 KiB + offset of the underlying memory")
    func translation() throws {
        let underlying = memory(pages: 8)
        let window = try RestrictedMemory(underlying, pages: 3 ..< 6)
        try window.write(10, bytes: [1, 2, 3])
        #expect(try underlying.readBytes(3 * 65_536 + 10, count: 3) == [1, 2, 3])
        try underlying.write(4 * 65_536 + 7, bytes: [9, 8])
        #expect(try window.readBytes(65_536 + 7, count: 2) == [9, 8])
        try window.store(UInt32(0xA1B2_C3D4), at: 2 * 65_536 + 65_532)
        #expect(try underlying.readBytes(6 * 65_536 - 4, count: 4) == [0xD4, 0xC3, 0xB2, 0xA1])
        #expect(try window.load(UInt32.self, at: 2 * 65_536 + 65_532) == 0xA1B2_C3D4)
        let viewed = try window.withBytes(at: 10, count: 3) { Array($0) }
        #expect(viewed == [1, 2, 3])
        // Page 0 of the window is page 3 of the underlying memory.
        #expect(try underlying.readBytes(0, count: 16) == [UInt8](repeating: 0, count: 16))
    }

    @Test("accesses past the window's size throw, even where the underlying memory has bytes")
    func bounds() throws {
        let underlying = memory(pages: 8)
        let window = try RestrictedMemory(underlying, pages: 3 ..< 5)
        let limit: UInt64 = 2 * 65_536
        try window.write(limit, bytes: [])
        #expect(throws: StableError.outOfBounds(offset: limit - 1, count: 2, memorySize: limit)) {
            try window.write(limit - 1, bytes: [1, 2])
        }
        #expect(throws: StableError.outOfBounds(offset: limit, count: 1, memorySize: limit)) {
            try window.readBytes(limit, count: 1)
        }
        #expect(throws: StableError.self) { try window.load(UInt64.self, at: limit - 4) }
        #expect(throws: StableError.self) { try window.store(UInt64(1), at: limit - 4) }
        #expect(throws: StableError.self) { try window.withBytes(at: limit, count: 1) { _ in 0 } }
        #expect(throws: StableError.self) { try window.readBytes(.max, count: 2) }
        // Nothing leaked into page 5 of the underlying memory.
        #expect(try underlying.readBytes(5 * 65_536, count: 2) == [0, 0])

        // A window the underlying memory does not cover yet has no bytes at all.
        let short = try RestrictedMemory(memory(pages: 1), pages: 3 ..< 5)
        #expect(throws: StableError.outOfBounds(offset: 0, count: 1, memorySize: 0)) {
            try short.readBytes(0, count: 1)
        }
    }

    @Test("the window must end at or below UInt64.max / 64 KiB")
    func construction() throws {
        let limit = UInt64.max / 65_536
        let window = try RestrictedMemory(VectorMemory(), pages: 0 ..< limit)
        #expect(window.pages == 0 ..< limit)
        #expect(throws: StableError.self) { try RestrictedMemory(VectorMemory(), pages: 0 ..< limit + 1) }
        #expect(throws: StableError.self) { try RestrictedMemory(VectorMemory(), pages: limit + 1 ..< limit + 1) }
        // An empty window has size 0 whatever the underlying memory holds.
        let empty = try RestrictedMemory(memory(pages: 4), pages: 2 ..< 2)
        #expect(empty.size == 0)
        #expect(empty.grow(0) == 0)
        #expect(empty.grow(1) == -1)
    }

    @Test("golden restricted_memory: the three windows see their pages of the image", .enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)))
    func golden() throws {
        let image = try Golden.image("restricted_memory")
        let manifest = try Golden.manifest("restricted_memory")
        let underlying = try VectorMemory(bytes: image)
        let structures = try #require(manifest["structures"] as? [[String: Any]])
        var ranges: [Range<UInt64>] = []
        for structure in structures {
            let memory = try #require(structure["memory"] as? [String: Any])
            let range = try #require(memory["page_range"] as? [Int])
            ranges.append(UInt64(range[0]) ..< UInt64(range[1]))
        }
        #expect(ranges == [0 ..< 1, 1 ..< 24, 24 ..< 40])
        let base = underlying.size
        for range in ranges {
            let window = try RestrictedMemory(underlying, pages: range)
            let expectedPages = min(max(base, range.lowerBound), range.upperBound) - range.lowerBound
            #expect(window.size == expectedPages)
            let count = Int(window.size * 65_536)
            let start = Int(range.lowerBound * 65_536)
            #expect(try window.readBytes(0, count: count) == Array(image[start ..< start + count]))
        }
        #expect(underlying.bytes == image)
    }
}
