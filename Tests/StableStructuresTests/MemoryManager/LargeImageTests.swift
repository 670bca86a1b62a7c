#if os(Linux)
import Foundation
import StableStructures
import StableTestSupport
import Testing

/// Opening a big image costs the same as opening a small one: a canister
/// upgrade (a `FileMemory`, the `MemoryManager`, the map's load, from
/// nothing) reads page 0's header and the map's header, and a lookup reads
/// one node per level — never anything proportional to the entries. Measured
/// in bytes read from the file (counted by ``CountingMemory``), which
/// neither caches nor machine speed can blur. The benchmark-sized version is
/// `stable-bench scale_file_map_10m`.
@Suite("Large images: open and get read a bounded number of bytes")
struct LargeImageTests {
    struct Measured {
        var entries: UInt64
        var fileBytes: UInt64
        var probes: [ScaleImage.Probe]
    }

    /// Builds an image of `entries` entries and probes a few keys.
    func measure(entries: UInt64, directory: TemporaryDirectory) throws -> Measured {
        let path = directory.file("map-\(entries).img")
        let fileBytes = try ScaleImage.build(entries: entries, path: path)
        var probes: [ScaleImage.Probe] = []
        for key in [0, entries / 2, entries - 1, entries / 3] {
            let probe = try ScaleImage.probe(path: path, key: key)
            #expect(probe.count == Int(entries))
            #expect(probe.value == ScaleImage.value(for: key))
            probes.append(probe)
        }
        // Absent keys: past the end, and again (a second "upgrade").
        for key in [entries, entries + 1_000_000] {
            let probe = try ScaleImage.probe(path: path, key: key)
            #expect(probe.value == nil)
            probes.append(probe)
        }
        return Measured(entries: entries, fileBytes: fileBytes, probes: probes)
    }

    @Test("opening and getting one key read the same bytes at 20,000 and 200,000 entries")
    func boundedReads() throws {
        let directory = try TemporaryDirectory()
        let small = try measure(entries: 20_000, directory: directory)
        let large = try measure(entries: 200_000, directory: directory)
        // Opening reads exactly the same bytes whatever the size: headers only.
        let openBytes = Set((small.probes + large.probes).map(\.openBytes))
        let openReads = Set((small.probes + large.probes).map(\.openReads))
        #expect(openBytes.count == 1, "open read \(openBytes) bytes")
        #expect(openReads.count == 1, "open made \(openReads) reads")
        // Page 0 (header and bucket table) is 64 KiB; the map's header is in
        // its first page: opening reads less than that page plus one node.
        #expect(openBytes.allSatisfy { $0 < 64 * 1024 + 4096 })
        // A lookup reads one node per level: ten times the entries add at
        // most a couple of levels.
        let smallGet = small.probes.map(\.getBytes).max() ?? 0
        let largeGet = large.probes.map(\.getBytes).max() ?? 0
        #expect(smallGet > 0)
        #expect(largeGet <= smallGet * 2, "a lookup read \(largeGet) bytes at 200,000 entries, \(smallGet) at 20,000")
        #expect(large.probes.allSatisfy { $0.getReads <= 64 }, "\(large.probes.map(\.getReads)) reads per lookup")
        // All of it is a sliver of the image.
        #expect((openBytes.first ?? 0) + largeGet < large.fileBytes / 20,
                "open and get read \((openBytes.first ?? 0) + largeGet) of \(large.fileBytes) bytes")
    }
}
#endif
