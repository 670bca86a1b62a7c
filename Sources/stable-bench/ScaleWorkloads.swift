#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import StableStructures
import StableTestSupport

/// The scale workloads (run only when named): a `BTreeMap<UInt64, UInt64>` of
/// 100,000, 1,000,000 or 10,000,000 entries in a memory-manager image file.
/// Each run opens the image from nothing — `FileMemory`, `MemoryManager`,
/// the map's load — and gets one random key, as a canister does after an
/// upgrade; the timed figure is that open and get with the file in the page
/// cache. The detail line adds the same from a cold page cache, the bytes
/// read from the file, and the resident-set growth. The image is built once
/// per process (untimed) in `$STABLE_BENCH_DIR` (default `/tmp`) and deleted
/// at exit unless `STABLE_BENCH_KEEP=1` (which also reuses a kept image, so
/// a second process measures without the build in its heap history).
func scaleWorkloads(_ images: ScaleImages) -> [Workload] {
    [(100_000, "100k"), (1_000_000, "1m"), (10_000_000, "10m")].map { entries, suffix in
        Workload(name: "scale_file_map_\(suffix)", n: 1) { scaleRun(images, entries: UInt64(entries)) }
    }
}

/// The images built so far in this process.
final class ScaleImages {
    private(set) var paths: [UInt64: String] = [:]
    var random = SplitMix64(seed: 0x5EED)

    /// The image of `entries` entries, built on first use.
    func path(entries: UInt64) -> String {
        if let path = paths[entries] { return path }
        let directory = getenv("STABLE_BENCH_DIR").map { String(cString: $0) } ?? "/tmp"
        let path = "\(directory)/stable-scale-map-\(entries).img"
        if keep, let probe = try? ScaleImage.probe(path: path, key: 0), probe.count == Int(entries) {
            print("scale_build entries=\(entries) reused=\(path)")
            paths[entries] = path
            return path
        }
        let start = now()
        let bytes: UInt64
        do { bytes = try ScaleImage.build(entries: entries, path: path) } catch { fail("building \(path): \(error)") }
        print("scale_build entries=\(entries) seconds=\(format(now() - start)) file_mib=\(format(Double(bytes) / 1_048_576)) path=\(path)")
        paths[entries] = path
        return path
    }

    /// `STABLE_BENCH_KEEP=1`: keep the images, and reuse those a previous
    /// run kept.
    let keep = getenv("STABLE_BENCH_KEEP").map { String(cString: $0) == "1" } ?? false

    /// Deletes the images, unless `STABLE_BENCH_KEEP=1`.
    func removeAll() {
        if keep { return }
        for path in paths.values { unlink(path) }
        paths.removeAll()
    }
}

/// One run: a cold probe, then a warm one (timed).
func scaleRun(_ images: ScaleImages, entries: UInt64) -> Double {
    let path = images.path(entries: entries)
    let key = images.random.next() % entries
    ScaleImage.evictFromPageCache(path: path)
    let cold: ScaleImage.Probe
    let warm: ScaleImage.Probe
    do {
        cold = try ScaleImage.probe(path: path, key: key)
        warm = try ScaleImage.probe(path: path, key: key)
    } catch {
        fail("probing \(path): \(error)")
    }
    for probe in [cold, warm] {
        check(probe.count == Int(entries), "the map has \(probe.count) entries, not \(entries)")
        check(probe.value == ScaleImage.value(for: key), "wrong value for key \(key)")
    }
    print("scale entries=\(entries) cold_open_ms=\(ms(cold.openSeconds)) cold_get_ms=\(ms(cold.getSeconds))"
        + " warm_open_ms=\(ms(warm.openSeconds)) warm_get_ms=\(ms(warm.getSeconds))"
        + " open_bytes=\(warm.openBytes) open_reads=\(warm.openReads) get_bytes=\(warm.getBytes) get_reads=\(warm.getReads)"
        + " rss_growth_kib=\(cold.residentGrowth / 1024)")
    return warm.openSeconds + warm.getSeconds
}

private func ms(_ seconds: Double) -> String {
    String((seconds * 1e6).rounded() / 1e3)
}
