import StableQL
import StableStructures
import StableTestSupport

/// Queries (issue 19) over a session map of 1,000,000 `u64 -> u64` entries
/// (key i holds i, inserted by the interpreter before timing), next to the
/// library's own scan (`btree_scan_u64`, as `stable-bench` defines it) so
/// the ratio is taken in one run.
func queryWorkloads() -> [Workload] {
    let entries = 1_000_000
    return [
        // A full scan: ns_per_op is per entry of the map.
        Workload(name: "stableql_select_count_filter_u64", n: entries) {
            let (session, sink) = querySession(entries)
            let seconds = measure { timedRegionSelectCountFilter(session) }
            check(sink.output == "[[\(entries / 3 + 1)]]\n", "wrong answer: \(sink.output) \(sink.errors)")
            return seconds
        },
        // 1,000 queries of a 100-key range: ns_per_op is per query.
        Workload(name: "stableql_select_range_100_u64", n: 1000) {
            let (session, sink) = querySession(entries)
            let seconds = measure { timedRegionSelectRange(session) }
            check(sink.errors.isEmpty && sink.output.hasPrefix("[[100,"), "wrong answer: \(sink.output.prefix(80)) \(sink.errors)")
            return seconds
        },
        Workload(name: "btree_scan_u64", n: 100_000) {
            var random = SplitMix64(seed: 0x5EED)
            let keys = (0..<100_000).map { _ in random.next() }
            let map: BTreeMap<UInt64, UInt64, VectorMemory>
            do { map = try BTreeMap(memory: VectorMemory()) } catch { fail("\(error)") }
            prefillLibraryMap(map, keys)
            return measure { timedRegionLibraryScanU64(map) }
        },
        // The same scan over as many entries as the query workloads (keys 0..<1,000,000).
        Workload(name: "btree_scan_u64_1m", n: entries) {
            let keys = (0..<UInt64(entries)).map { $0 }
            let map: BTreeMap<UInt64, UInt64, VectorMemory>
            do { map = try BTreeMap(memory: VectorMemory()) } catch { fail("\(error)") }
            prefillLibraryMap(map, keys)
            return measure { timedRegionLibraryScanU64(map) }
        },
    ]
}

/// A JSON-mode session holding `m` with `count` entries, its output reset.
func querySession(_ count: Int) -> (Session, CapturingSink) {
    let sink = CapturingSink()
    var options = SessionOptions()
    options.mode = .json
    let session = Session(options: options, output: sink)
    check(session.run("let m = map(0) of u64 -> u64; for i in 0..\(count) { m.insert(i, i); }", origin: "bench"),
          "setup failed: \(sink.errors)")
    sink.output = ""
    return (session, sink)
}

@inline(never)
func timedRegionSelectCountFilter(_ session: Session) -> Bool {
    session.run("select count(*) from m where value % 3 == 0;", origin: "bench")
}

@inline(never)
func timedRegionSelectRange(_ session: Session) -> Bool {
    var ok = true
    var start = 0
    for _ in 0..<1000 {
        ok = session.run("select count(*), sum(value) from m where key >= \(start) and key < \(start + 100);", origin: "bench") && ok
        start = (start + 997_331) % 999_900
    }
    return ok
}

@inline(never)
func prefillLibraryMap(_ map: BTreeMap<UInt64, UInt64, VectorMemory>, _ keys: [UInt64]) {
    do {
        for key in keys { try map.insert(key, key ^ 0xFFFF) }
    } catch { check(false, "\(error)") }
}

@inline(never)
func timedRegionLibraryScanU64(_ map: BTreeMap<UInt64, UInt64, VectorMemory>) -> UInt64 {
    var sum: UInt64 = 0
    var iterator = map.makeIterator()
    do {
        while let entry = try iterator.nextEntry() { sum &+= entry.value }
    } catch { check(false, "\(error)") }
    return sum
}

/// An output sink that keeps the output and the errors.
final class CapturingSink: OutputSink {
    var output = ""
    var errors = ""
    func write(_ text: String) { output += text }
    func writeError(_ text: String) { errors += text }
}
