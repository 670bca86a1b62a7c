// The logic of the libFuzzer targets in `Fuzz/`, shared with the regression
// tests that replay the committed corpus (`swift test`). This file uses only
// the standard library and StableStructures: `Scripts/fuzz.sh` compiles it
// together with `SplitMix64.swift` and one target file into a fuzzer binary.

@_spi(Testing) import StableStructures

/// The fuzz targets' "run one input" functions.
///
/// Image targets (`imageBTreeMap`, `imageMemoryManager`) treat the input as a
/// hostile memory image: they may only see ``StableError``s or data, never a
/// trap, a hang or unbounded memory. Operation targets (`opsBTreeMap`) decode
/// the input as a sequence of operations and check every result against a
/// Swift model; a mismatch is a bug and traps with `fatalError` (the fuzz
/// oracle — this is test code, not library code).
public enum FuzzHarness {
    /// Bytes per page.
    public static let pageBytes = Int(wasmPageSize)
    /// Largest image (in pages) built from one input.
    public static let maxImagePages = 4
    /// Pages any memory may grow to while a target runs: a hostile header may
    /// claim chunks of gigabytes, and the memory (not the library) decides.
    public static let growthCapPages: UInt64 = 256
    /// Entries visited per full iteration before the target stops.
    public static let iterationBound = 100_000

    /// A memory holding `bytes` (zero-padded to whole pages) that refuses to
    /// grow beyond ``growthCapPages``.
    public static func cappedMemory(_ bytes: [UInt8]) -> RestrictedMemory<VectorMemory> {
        var padded = bytes
        let remainder = padded.count % pageBytes
        if remainder != 0 { padded.append(contentsOf: repeatElement(0, count: pageBytes - remainder)) }
        // Both calls only throw for arguments this function never passes.
        let base = (try? VectorMemory(bytes: padded)) ?? VectorMemory()
        return (try? RestrictedMemory(base, pages: 0 ..< growthCapPages))
            ?? { fatalError("RestrictedMemory rejected a small page range") }()
    }

    /// The image for an input: its first ``maxImagePages`` pages, zero-padded.
    public static func image(_ data: [UInt8], maxPages: Int = maxImagePages) -> [UInt8] {
        Array(data.prefix(maxPages * pageBytes))
    }

    // MARK: - image_btreemap

    /// Opens the input as three kinds of B-tree and exercises each.
    public static func imageBTreeMap(_ data: [UInt8]) {
        let bytes = image(data)
        exerciseU64Map(cappedMemory(bytes))
        exerciseBlobMap(cappedMemory(bytes))
        exerciseStringSet(cappedMemory(bytes))
    }

    /// Iterates, looks up and modifies a `BTreeMap<UInt64, UInt64>`; errors end the run.
    public static func exerciseU64Map<M: Memory>(_ memory: M) {
        guard let map = try? BTreeMap<UInt64, UInt64, M>(memory: memory) else { return }
        // The checker must finish on any bytes (no trap, no hang); what it finds is not checked.
        _ = map.checkInvariants()
        _ = try? map.statistics()
        var keys: [UInt64] = []
        var iterator = map.makeIterator()
        while keys.count < iterationBound, let entry = iterator.next() { keys.append(entry.key) }
        var reverse = map.reversed().makeIterator()
        var steps = 0
        while steps < iterationBound, reverse.next() != nil { steps += 1 }
        _ = try? map.first
        _ = try? map.last
        for key in keys.prefix(8) + [0, 1, UInt64.max] {
            _ = try? map.get(key)
            var range = map.range(key...).makeIterator()
            for _ in 0 ..< 4 { _ = range.next() }
            _ = try? map.iterUpperBound(key).first(where: { _ in true })
        }
        for key: UInt64 in [7, 0, UInt64.max, 42] { _ = try? map.insert(key, key &* 3) }
        for key in keys.prefix(3) { _ = try? map.remove(key) }
        _ = try? map.popFirst()
        _ = try? map.popLast()
        // The modified map must still open.
        if let reopened = try? BTreeMap<UInt64, UInt64, M>(memory: memory) {
            var again = reopened.makeIterator()
            steps = 0
            while steps < iterationBound, again.next() != nil { steps += 1 }
        }
    }

    /// Iterates, looks up and modifies a `BTreeMap<[UInt8], [UInt8]>`.
    public static func exerciseBlobMap<M: Memory>(_ memory: M) {
        guard let map = try? BTreeMap<[UInt8], [UInt8], M>(memory: memory) else { return }
        var keys: [[UInt8]] = []
        var iterator = map.makeIterator()
        while keys.count < iterationBound, let entry = iterator.next() {
            if keys.count < 8 { keys.append(entry.key) } else { keys[keys.count % 8] = entry.key }
        }
        var reverse = map.reversed().makeIterator()
        var steps = 0
        while steps < iterationBound, reverse.next() != nil { steps += 1 }
        _ = try? map.first
        _ = try? map.last
        for key in keys + [[], [0xFF, 0xFF]] {
            _ = try? map.get(key)
            var range = map.range(from: .excluded(key), to: .unbounded).makeIterator()
            for _ in 0 ..< 4 { _ = range.next() }
        }
        _ = try? map.insert([1, 2, 3], [UInt8](repeating: 9, count: 1500))
        _ = try? map.insert([], [])
        for key in keys.prefix(3) { _ = try? map.remove(key) }
        _ = try? map.popLast()
    }

    /// Iterates and modifies a `BTreeSet<String>`.
    public static func exerciseStringSet<M: Memory>(_ memory: M) {
        guard let set = try? BTreeSet<String, M>(memory: memory) else { return }
        var elements: [String] = []
        var iterator = set.makeIterator()
        var steps = 0
        while steps < iterationBound, let element = iterator.next() {
            steps += 1
            if elements.count < 4 { elements.append(element) }
        }
        _ = try? set.first
        _ = try? set.last
        for element in elements + ["", "é"] {
            _ = try? set.contains(element)
            var range = set.range(element...).makeIterator()
            for _ in 0 ..< 4 { _ = range.next() }
        }
        _ = try? set.insert("fuzz")
        for element in elements.prefix(2) { _ = try? set.remove(element) }
        _ = try? set.popFirst()
    }

    // MARK: - image_memory_manager

    /// The bucket table's bytes in page 0.
    static let tableRange = 2080 ..< 2080 + 32_768

    /// The image for a memory-manager input.
    ///
    /// An input starting with `"MGR"` is a raw image (e.g. a golden image), cut
    /// to 8 pages. Any other input is compact, so that small inputs reach the
    /// buckets: `[n: UInt16 LE] [n bytes: start of page 0]` then, per data page
    /// 1, 2, … (at most 7), `[m: UInt16 LE] [m bytes: start of that page]`.
    /// Page-0 bytes left out are `0xFF` (free buckets) in the bucket table
    /// and 0 elsewhere; other bytes left out are 0.
    public static func managerImage(_ data: [UInt8]) -> [UInt8] {
        if data.starts(with: [0x4D, 0x47, 0x52]) { return Array(data.prefix(8 * pageBytes)) }
        var input = FuzzInput(data)
        var image = [UInt8](repeating: 0, count: pageBytes)
        for i in tableRange { image[i] = 0xFF }
        var page = 0
        while !input.isAtEnd && page < 8 {
            let count = min(Int(input.byte()) | Int(input.byte()) << 8, pageBytes)
            if page > 0 { image.append(contentsOf: repeatElement(0, count: pageBytes)) }
            for i in 0 ..< count where !input.isAtEnd { image[page * pageBytes + i] = input.byte() }
            page += 1
        }
        return image
    }

    /// The compact form of a memory-manager image (see ``managerImage(_:)``),
    /// dropping the trailing padding of each page.
    public static func compactManagerInput(_ image: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var page = 0
        while page * pageBytes < image.count && page < 8 {
            let bytes = image[(page * pageBytes) ..< min((page + 1) * pageBytes, image.count)]
            var end = bytes.endIndex
            while end > bytes.startIndex
                && bytes[end - 1] == (page == 0 && tableRange.contains(end - 1) ? 0xFF : 0) { end -= 1 }
            let count = end - bytes.startIndex
            let stored = min(count, 0xFFFF)
            result += [UInt8(stored & 0xFF), UInt8(stored >> 8)]
            result += bytes[bytes.startIndex ..< bytes.startIndex + stored]
            page += 1
        }
        return result
    }

    /// Loads the input as a memory manager and opens structures in memories 0…2.
    public static func imageMemoryManager(_ data: [UInt8]) {
        let memory = cappedMemory(managerImage(data))
        guard let manager = try? MemoryManager(memory) else { return }
        _ = manager.checkInvariants()
        for raw in 0 ..< 3 {
            guard let id = try? MemoryId(UInt8(raw)) else { continue }
            let virtual = manager.memory(id)
            _ = virtual.size
            var probe = [UInt8](repeating: 0, count: 16)
            probe.withUnsafeMutableBytes { buffer in _ = try? virtual.read(0, into: buffer) }
            switch raw {
            case 0: exerciseU64Map(virtual)
            case 1: exerciseBlobMap(virtual)
            default: exerciseStringSet(virtual)
            }
        }
        // Growth through the manager, then a reload of the same image.
        if let id = try? MemoryId(3) { _ = manager.memory(id).grow(1) }
        if let id = try? MemoryId(0) { _ = try? manager.reclaimMemory(id) }
        if let reloaded = try? MemoryManager(memory), let id = try? MemoryId(1) {
            exerciseBlobMap(reloaded.memory(id))
        }
    }

    // MARK: - image_structures

    /// Opens the input as each of the other structures: `Cell<String>`,
    /// `Cell<UInt64>`, `StableVec<UInt64>`, `StableVec<Blob<20>>`,
    /// `MinHeap<UInt32>`, and a `Log<[UInt8]>` whose index memory is page 0
    /// and data memory the following pages (as in the golden `log_blob`).
    public static func imageStructures(_ data: [UInt8]) {
        let bytes = image(data, maxPages: 5)
        if let cell = try? Cell<String, RestrictedMemory<VectorMemory>>(memory: cappedMemory(bytes), defaultValue: "d") {
            _ = cell.get()
            _ = try? cell.set("fuzz")
            _ = try? cell.set(String(repeating: "x", count: 70_000))
        }
        if let cell = try? Cell<UInt64, RestrictedMemory<VectorMemory>>(memory: cappedMemory(bytes), defaultValue: 1) {
            _ = try? cell.set(cell.get() &+ 1)
        }
        exerciseVec(StableVec<UInt64, RestrictedMemory<VectorMemory>>.self, bytes, sample: 7)
        if let sample = try? Blob<20>([1, 2, 3]) {
            exerciseVec(StableVec<Blob<20>, RestrictedMemory<VectorMemory>>.self, bytes, sample: sample)
        }
        if let heap = try? MinHeap<UInt32, RestrictedMemory<VectorMemory>>(memory: cappedMemory(bytes)) {
            _ = heap.checkInvariants()
            var iterator = heap.makeIterator()
            var steps = 0
            while steps < iterationBound, iterator.next() != nil { steps += 1 }
            _ = try? heap.peek()
            _ = try? heap.push(5)
            for _ in 0 ..< 4 { _ = try? heap.pop() }
            if heap.count <= 1_000 { _ = try? heap.elements() }
        }
        let index = Array(bytes.prefix(pageBytes))
        let dataBytes = bytes.count > pageBytes ? Array(bytes[pageBytes...]) : []
        if let log = try? Log<[UInt8], RestrictedMemory<VectorMemory>, RestrictedMemory<VectorMemory>>(
            indexMemory: cappedMemory(index), dataMemory: cappedMemory(dataBytes)) {
            _ = log.checkInvariants()
            var iterator = log.makeIterator()
            var steps = 0
            while steps < iterationBound, iterator.next() != nil { steps += 1 }
            var reverse = log.reversed().makeIterator()
            steps = 0
            while steps < iterationBound, reverse.next() != nil { steps += 1 }
            _ = try? log.first
            _ = try? log.last
            for i: UInt64 in [0, 1, log.count &- 1, log.count, UInt64.max] { _ = try? log.get(i) }
            _ = try? log.append([1, 2, 3])
            _ = try? log.append([UInt8](repeating: 7, count: 3_000))
            if log.count <= 1_000 { _ = try? log.entries() }
        }
    }

    static func exerciseVec<Element: Storable>(
        _: StableVec<Element, RestrictedMemory<VectorMemory>>.Type, _ bytes: [UInt8], sample: Element
    ) {
        guard let vec = try? StableVec<Element, RestrictedMemory<VectorMemory>>(memory: cappedMemory(bytes)) else { return }
        _ = vec.checkInvariants()
        var iterator = vec.makeIterator()
        var steps = 0
        while steps < iterationBound, iterator.next() != nil { steps += 1 }
        var reverse = vec.reversed().makeIterator()
        steps = 0
        while steps < iterationBound, reverse.next() != nil { steps += 1 }
        for i: UInt64 in [0, 1, vec.count &- 1, vec.count, UInt64.max] { _ = try? vec.get(i) }
        _ = try? vec.set(0, sample)
        _ = try? vec.push(sample)
        _ = try? vec.pop()
        _ = try? vec.pop()
        if vec.count <= 1_000 { _ = try? vec.elements() }
    }

    // MARK: - cbor_value

    /// Decodes the input as one CBOR item; a value that decodes must survive
    /// encode → decode → encode with identical bytes, and must be storable in
    /// a `BTreeMap<UInt64, CBORValue>` and read back.
    public static func cborValue(_ data: [UInt8]) {
        guard let value = try? CBORValue.decode(data) else { return }
        let encoded = value.encodedBytes
        guard let again = try? CBORValue.decode(encoded) else {
            fatalError("cbor_value: the encoding of a decoded value does not decode")
        }
        if again.encodedBytes != encoded { fatalError("cbor_value: encode/decode is not stable") }
        if let map = try? BTreeMap<UInt64, CBORValue, RestrictedMemory<VectorMemory>>(memory: cappedMemory([])) {
            // Values larger than the capped memory may fail to insert; others round-trip.
            if (try? map.insert(1, value)) != nil {
                guard let stored = try? map.get(1) else { fatalError("cbor_value: a stored value does not read back") }
                if stored.encodedBytes != encoded { fatalError("cbor_value: the stored value changed") }
            }
        }
    }

    // MARK: - ops_btreemap

    /// Decodes the input as operations on a `BTreeMap<UInt64, UInt64>` (on a
    /// plain memory; the same operations also run on a v1-layout map that
    /// every reload migrates, leaving mixed v1/v2 nodes) and a `BTreeMap<[UInt8], [UInt8]>` (in a virtual memory
    /// of a memory manager), checking each against a `Dictionary` model.
    public static func opsBTreeMap(_ data: [UInt8]) {
        var input = FuzzInput(data)
        let plain = cappedMemory([])
        let underlying = cappedMemory([])
        let legacy = cappedMemory([])
        var small = OpsModel<UInt64, UInt64>(less: <)
        var smallV1 = OpsModel<UInt64, UInt64>(less: <)
        var blobs = OpsModel<[UInt8], [UInt8]>(less: { $0.lexicographicallyPrecedes($1) })
        do throws(StableError) {
            var smallMap = try BTreeMap<UInt64, UInt64, RestrictedMemory<VectorMemory>>(memory: plain)
            // The same operations on a v1-layout tree, migrated on each reload.
            var v1Map = try BTreeMap<UInt64, UInt64, RestrictedMemory<VectorMemory>>.newV1(memory: legacy)
            var manager = try MemoryManager(underlying, bucketSize: 1)
            var blobMap = try BTreeMap<[UInt8], [UInt8], VirtualMemory<RestrictedMemory<VectorMemory>>>(
                memory: manager.memory(MemoryId(0)))
            var operations = 0
            while !input.isAtEnd, operations < 2_000 {
                operations += 1
                let op = input.byte()
                if op & 0x80 == 0 {
                    let start = input.offset
                    try small.apply(op, to: smallMap, input: &input, key: { $0.smallKey() }, value: { $0.smallValue() })
                    input.offset = start
                    try smallV1.apply(op, to: v1Map, input: &input, key: { $0.smallKey() }, value: { $0.smallValue() })
                    if op % 16 == 15 {
                        smallMap = try BTreeMap(memory: plain)
                        small.checkAll(smallMap)
                        v1Map = try BTreeMap(memory: legacy)
                        smallV1.checkAll(v1Map)
                    }
                } else {
                    try blobs.apply(op, to: blobMap, input: &input, key: { $0.blobKey() }, value: { $0.blobValue() })
                    if op % 16 == 15 {
                        manager = try MemoryManager(underlying)
                        blobMap = try BTreeMap(memory: manager.memory(MemoryId(0)))
                        blobs.checkAll(blobMap)
                    }
                }
            }
            small.checkAll(smallMap)
            smallV1.checkAll(v1Map)
            blobs.checkAll(blobMap)
        } catch {
            // The memories are capped far above what 2 000 operations need.
            fatalError("ops_btreemap: a valid operation failed: \(error)")
        }
    }
}

/// A cursor over fuzz input bytes; reads past the end yield zeros.
public struct FuzzInput {
    let data: [UInt8]
    var offset = 0

    public init(_ data: [UInt8]) { self.data = data }

    var isAtEnd: Bool { offset >= data.count }

    mutating func byte() -> UInt8 {
        guard offset < data.count else { return 0 }
        defer { offset += 1 }
        return data[offset]
    }

    /// Keys from a small domain so that operations collide; some extremes.
    mutating func smallKey() -> UInt64 {
        let b = byte()
        switch b {
        case 0xFF: return UInt64.max
        case 0xFE: return UInt64.max - 1
        default: return UInt64(b) &* 0x0101_0101
        }
    }

    mutating func smallValue() -> UInt64 {
        UInt64(byte()) | UInt64(byte()) << 8 | UInt64(byte()) << 56
    }

    /// Keys of 0…15 bytes over a tiny alphabet (prefixes and ties).
    mutating func blobKey() -> [UInt8] {
        let b = byte()
        let length = Int(b & 0x0F)
        return (0 ..< length).map { UInt8(truncatingIfNeeded: (Int(b >> 4) &+ $0 &* 7) % 3) }
    }

    /// Values from empty to a few kilobytes (overflow pages start at 1 KiB).
    mutating func blobValue() -> [UInt8] {
        let b = byte()
        let length: Int
        switch b >> 6 {
        case 0: length = Int(b & 0x3F)
        case 1: length = Int(b & 0x3F) * 16
        case 2: length = 900 + Int(b & 0x3F) * 40
        default: length = Int(b & 0x3F) * 160
        }
        var generator = SplitMix64(seed: UInt64(b) &+ UInt64(length))
        return generator.bytes(length)
    }
}

/// The model side of `ops_btreemap`: a dictionary mirroring one map.
struct OpsModel<Key: StorableKey & Hashable, Value: Storable & Equatable> {
    var entries: [Key: Value] = [:]
    /// The model's own key order (independent of the library's comparisons).
    let less: (Key, Key) -> Bool

    func sortedKeys() -> [Key] { entries.keys.sorted(by: less) }

    func check(_ condition: Bool, _ what: @autoclosure () -> String) {
        if !condition { fatalError("ops_btreemap mismatch: \(what())") }
    }

    mutating func apply<M: Memory>(
        _ op: UInt8, to map: BTreeMap<Key, Value, M>, input: inout FuzzInput,
        key: (inout FuzzInput) -> Key, value: (inout FuzzInput) -> Value
    ) throws(StableError) {
        switch (op & 0x7F) % 10 {
        case 0, 1, 2:
            let k = key(&input)
            let v = value(&input)
            let old = try map.insert(k, v)
            check(old == entries.updateValue(v, forKey: k), "insert \(k) returned \(String(describing: old))")
        case 3, 4:
            let k = key(&input)
            let old = try map.remove(k)
            check(old == entries.removeValue(forKey: k), "remove \(k) returned \(String(describing: old))")
        case 5:
            let k = key(&input)
            check(try map.get(k) == entries[k], "get \(k)")
            check(try map.containsKey(k) == (entries[k] != nil), "containsKey \(k)")
        case 6:
            let fromFront = input.byte() & 1 == 0
            let popped = fromFront ? try map.popFirst() : try map.popLast()
            let keys = sortedKeys()
            let expected = fromFront ? keys.first : keys.last
            check(popped?.key == expected, "pop returned \(String(describing: popped?.key))")
            if let expected {
                check(popped?.value == entries.removeValue(forKey: expected), "pop value")
            }
        case 7:
            var a = key(&input)
            var b = key(&input)
            if less(b, a) { swap(&a, &b) }
            let shape = input.byte()
            let lower: KeyBound<Key> = shape & 1 == 0 ? .included(a) : (shape & 4 == 0 ? .excluded(a) : .unbounded)
            let upper: KeyBound<Key> = shape & 2 == 0 ? .excluded(b) : (shape & 8 == 0 ? .included(b) : .unbounded)
            let expected = sortedKeys().filter { k in
                let aboveLower: Bool
                switch lower {
                case .unbounded: aboveLower = true
                case let .included(x): aboveLower = !less(k, x)
                case let .excluded(x): aboveLower = less(x, k)
                }
                switch upper {
                case .unbounded: return aboveLower
                case let .included(x): return aboveLower && !less(x, k)
                case let .excluded(x): return aboveLower && less(k, x)
                }
            }
            let descending = shape & 16 != 0
            let range = map.range(from: lower, to: upper)
            let got = try (descending ? range.reversed() : range).collect()
            let want = descending ? Array(expected.reversed()) : expected
            check(got.map(\.key) == want, "range \(lower)…\(upper) desc=\(descending) gave \(got.map(\.key)), want \(want)")
            check(got.allSatisfy { entries[$0.key] == $0.value }, "range values")
        case 8:
            if input.byte() < 24 {
                try map.clear()
                entries.removeAll()
            }
            check(map.count == entries.count, "count \(map.count) vs \(entries.count)")
        default:
            let keys = sortedKeys()
            check(try map.first?.key == keys.first, "first")
            check(try map.last?.key == keys.last, "last")
            check(map.count == entries.count, "count")
        }
    }

    /// Full iteration in both directions must equal the sorted model.
    func checkAll<M: Memory>(_ map: BTreeMap<Key, Value, M>) {
        let keys = sortedKeys()
        do throws(StableError) {
            let forward = try map.entries.collect()
            check(forward.map(\.key) == keys, "iteration keys \(forward.count) vs \(keys.count)")
            check(forward.allSatisfy { entries[$0.key] == $0.value }, "iteration values")
            let backward = try map.reversed().collect()
            check(backward.map(\.key) == keys.reversed(), "reverse iteration")
        } catch {
            fatalError("ops_btreemap: iteration failed: \(error)")
        }
        check(map.count == entries.count, "count after reload")
        let violations = map.checkInvariants()
        check(violations.isEmpty, "invariants: \(violations)")
    }
}
