import Foundation
@testable import StableQL
import StableStructures
import StableTestSupport
import Testing

@Suite("Query range scans")
struct QueryRangeScanTests {
    /// Entries in the map: 200,000, or 1,000,000 with `STABLE_LONG_TESTS=1`.
    static var entryCount: UInt64 {
        ProcessInfo.processInfo.environment["STABLE_LONG_TESTS"] == "1" ? 1_000_000 : 200_000
    }

    typealias Counted = CountingMemory<VectorMemory>

    /// A session whose `m` is a `u64 -> u64` map on a counting memory,
    /// built through the library (key i holds i * 3).
    static func session() throws -> (Session, RecordingSink, Counted, BTreeStatistics) {
        let memory = Counted(VectorMemory())
        let box = try QLType.u64.withCodec(MapKeyOpener(memory: memory, valueType: .u64))
        let map = try #require(box as? MapBinding<UInt64, UInt64, Counted>)
        for key in 0..<entryCount { _ = try map.map.insert(key, key &* 3) }
        let (session, sink) = makeSession(mode: .json)
        session.structures["m"] = BindingRecord(
            name: "m", kind: .map, memoryIds: [], keyType: .u64, elementType: .u64, defaultValue: nil, box: box)
        return (session, sink, memory, try map.map.statistics())
    }

    @Test("a query for 100 keys reads only the nodes on that range")
    func narrowRange() throws {
        let (session, sink, memory, statistics) = try QueryRangeScanTests.session()
        let start = QueryRangeScanTests.entryCount / 2
        memory.reset()
        #expect(session.run("select count(*), sum(value) from m where key >= \(start) and key < \(start + 100);", origin: "<test>"), "\(sink.errors)")
        let rangeReads = memory.counters.reads
        let sum = (start..<start + 100).reduce(0) { $0 + $1 * 3 }
        #expect(sink.output == "[[100,\(sum)]]\n")

        sink.output = ""
        memory.reset()
        #expect(session.run("select count(*) from m where value % 3 == 0;", origin: "<test>"), "\(sink.errors)")
        let fullReads = memory.counters.reads
        #expect(sink.output == "[[\(QueryRangeScanTests.entryCount)]]\n")

        // A full scan reads every node; the range reads at most the path down
        // to each end and the nodes that hold the 100 keys (at least 5 each).
        let readsPerNode = Double(fullReads) / Double(statistics.nodeCount)
        let nodesOnRange = Double(2 * statistics.depth + 100 / 5 + 2)
        #expect(Double(rangeReads) <= readsPerNode * nodesOnRange, "range \(rangeReads) reads, full \(fullReads), \(statistics.nodeCount) nodes")
        #expect(rangeReads * 100 < fullReads)
    }

    @Test("order by key with limit walks the tree from the right end and stops")
    func orderedLimit() throws {
        let (session, sink, memory, statistics) = try QueryRangeScanTests.session()
        memory.reset()
        #expect(session.run("select key from m order by key desc limit 3;", origin: "<test>"), "\(sink.errors)")
        let last = QueryRangeScanTests.entryCount - 1
        #expect(sink.output == "[[\(last)],[\(last - 1)],[\(last - 2)]]\n")
        let fewNodes = memory.counters.reads
        sink.output = ""
        memory.reset()
        #expect(session.run("select key from m where key < 2 order by key desc limit 1;", origin: "<test>"))
        #expect(sink.output == "[[1]]\n")
        #expect(memory.counters.reads <= fewNodes)
        // Against the whole tree: a handful of nodes.
        #expect(fewNodes * 100 < UInt64(statistics.nodeCount))
    }

    @Test("a key bound that does not fit the key type falls back to the condition")
    func boundsOutsideTheType() throws {
        let (session, sink, _, _) = try QueryRangeScanTests.session()
        #expect(session.run("""
            select count(*) from m where key < -1;
            select count(*) from m where key > -1 and key <= 2;
            select key from m where key >= 1.5 and key < 4;
            select key from m where key == 7 and key != 7;
            """, origin: "<test>"), "\(sink.errors)")
        #expect(sink.output == "[[0]]\n[[3]]\n[[2],[3]]\n[]\n")
    }
}
