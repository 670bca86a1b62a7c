import StableQL
import StableStructures
import StableTestSupport

/// The cost of interpreting StableQL (issue 5): the same 100,000 inserts of
/// `for i in 0..100000 { m.insert(i, i); }` run through a `Session` (parse,
/// evaluate, convert values, call the generic map, atomic statement, commit)
/// and as direct library calls on the session's layout (a `BTreeMap<UInt64,
/// UInt64>` in virtual memory 0 of a memory manager over an in-heap memory).
func interpreterWorkloads() -> [Workload] {
    [
        Workload(name: "stableql_for_insert_u64", n: 100_000) {
            let sink = DiscardingSink()
            let session = Session(output: sink)
            check(session.run("let m = map(0) of u64 -> u64;", origin: "bench"), "declaration failed: \(sink.errors)")
            let seconds = measure { timedRegionInterpretedInserts(session) }
            check(sink.errors.isEmpty, "the script failed: \(sink.errors)")
            check(session.run("assert m.len() == 100000;", origin: "bench"), "wrong length: \(sink.errors)")
            return seconds
        },
        Workload(name: "btree_insert_u64_sequential_mm", n: 100_000) {
            do {
                let manager = try MemoryManager(VectorMemory())
                let map = try BTreeMap<UInt64, UInt64, VirtualMemory<VectorMemory>>(memory: manager.memory(MemoryId(0)))
                let seconds = measure { timedRegionDirectSequentialInserts(map) }
                check(map.count == 100_000, "wrong length \(map.count)")
                return seconds
            } catch {
                check(false, "\(error)")
                return 0
            }
        },
        // The same direct calls on the memory layering of an in-heap session
        // (an undo log under the manager), all in one logged statement: what
        // atomicity costs without any interpreting.
        Workload(name: "btree_insert_u64_sequential_mm_undo", n: 100_000) {
            do {
                let undo = UndoLogMemory(VectorMemory())
                let manager = try MemoryManager(undo)
                let map = try BTreeMap<UInt64, UInt64, VirtualMemory<UndoLogMemory<VectorMemory>>>(
                    memory: manager.memory(MemoryId(0)))
                undo.begin()
                let seconds = measure { timedRegionDirectUndoInserts(map) }
                undo.commit()
                check(map.count == 100_000, "wrong length \(map.count)")
                return seconds
            } catch {
                check(false, "\(error)")
                return 0
            }
        },
    ]
}

@inline(never)
func timedRegionDirectUndoInserts(_ map: BTreeMap<UInt64, UInt64, VirtualMemory<UndoLogMemory<VectorMemory>>>) -> Int {
    for key in 0..<UInt64(100_000) {
        do { _ = try map.insert(key, key) } catch { check(false, "\(error)") }
    }
    return map.count
}

@inline(never)
func timedRegionInterpretedInserts(_ session: Session) -> Bool {
    session.run("for i in 0..100000 { m.insert(i, i); }", origin: "bench")
}

@inline(never)
func timedRegionDirectSequentialInserts(_ map: BTreeMap<UInt64, UInt64, VirtualMemory<VectorMemory>>) -> Int {
    for key in 0..<UInt64(100_000) {
        do { _ = try map.insert(key, key) } catch { check(false, "\(error)") }
    }
    return map.count
}

/// An output sink that keeps only errors.
final class DiscardingSink: OutputSink {
    var errors = ""
    func write(_ text: String) {}
    func writeError(_ text: String) { errors += text }
}
