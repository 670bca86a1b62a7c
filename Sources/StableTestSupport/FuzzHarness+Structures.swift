// The `ops_structures` fuzz target's logic (see FuzzHarness.swift): random
// operation sequences on StableVec, MinHeap, Log, Cell and BTreeSet, each
// checked against a Swift model. Standard library and StableStructures only.

import StableStructures

extension FuzzHarness {
    /// Decodes the input as operations on a `StableVec<UInt64>`, a
    /// `MinHeap<UInt32>`, a `Log<[UInt8]>`, a `Cell<[UInt8]>` and a
    /// `BTreeSet<UInt64>`, checking every result against an array, a sorted
    /// array, an array of entries, a value and a `Set`; some operations reload
    /// every structure from its memory and compare it whole. A mismatch traps
    /// (the fuzz oracle).
    public static func opsStructures(_ data: [UInt8]) {
        typealias Capped = RestrictedMemory<VectorMemory>
        var input = FuzzInput(data)
        let vecMemory = cappedMemory([]), heapMemory = cappedMemory([]), cellMemory = cappedMemory([])
        let indexMemory = cappedMemory([]), dataMemory = cappedMemory([]), setMemory = cappedMemory([])
        var vecModel: [UInt64] = []
        var heapModel: [UInt32] = []
        var logModel: [[UInt8]] = []
        var cellModel: [UInt8] = [7]
        var setModel: Set<UInt64> = []
        func check(_ condition: Bool, _ what: @autoclosure () -> String) {
            if !condition { fatalError("ops_structures mismatch: \(what())") }
        }
        do throws(StableError) {
            var vec = try StableVec<UInt64, Capped>(memory: vecMemory)
            var heap = try MinHeap<UInt32, Capped>(memory: heapMemory)
            var log = try Log<[UInt8], Capped, Capped>(indexMemory: indexMemory, dataMemory: dataMemory)
            var cell = try Cell<[UInt8], Capped>(memory: cellMemory, defaultValue: [7])
            var set = try BTreeSet<UInt64, Capped>(memory: setMemory)
            var operations = 0
            while !input.isAtEnd, operations < 2_000 {
                operations += 1
                switch input.byte() % 16 {
                case 0:
                    let value = input.smallValue()
                    try vec.push(value)
                    vecModel.append(value)
                case 1:
                    check(try vec.pop() == vecModel.popLast(), "vec pop")
                case 2:
                    let index = UInt64(input.byte())
                    let value = input.smallValue()
                    if index < UInt64(vecModel.count) {
                        try vec.set(index, value)
                        vecModel[Int(index)] = value
                    } else {
                        do throws(StableError) {
                            try vec.set(index, value)
                            check(false, "vec set \(index) of \(vecModel.count) succeeded")
                        } catch {
                            if case .indexOutOfRange = error {} else { check(false, "vec set error \(error)") }
                        }
                    }
                case 3:
                    let index = Int(input.byte())
                    check(try vec.get(UInt64(index)) == (index < vecModel.count ? vecModel[index] : nil), "vec get \(index)")
                case 4:
                    let value = UInt32(input.byte()) | UInt32(input.byte()) << 24
                    try heap.push(value)
                    heapModel.append(value)
                case 5:
                    let popped = try heap.pop()
                    if let minimum = heapModel.min(), let at = heapModel.firstIndex(of: minimum) {
                        heapModel.remove(at: at)
                        check(popped == minimum, "heap pop \(String(describing: popped)) expected \(minimum)")
                    } else {
                        check(popped == nil, "heap pop on empty")
                    }
                case 6:
                    check(try heap.peek() == heapModel.min(), "heap peek")
                case 7:
                    let entry = input.blobValue()
                    check(try log.append(entry) == UInt64(logModel.count), "log append index")
                    logModel.append(entry)
                case 8:
                    let index = Int(input.byte())
                    check(try log.get(UInt64(index)) == (index < logModel.count ? logModel[index] : nil), "log get \(index)")
                case 9:
                    let value = input.blobValue()
                    check(try cell.set(value) == cellModel, "cell set returned the old value")
                    cellModel = value
                case 10:
                    let key = input.smallKey()
                    check(try set.insert(key) == setModel.insert(key).inserted, "set insert \(key)")
                case 11:
                    let key = input.smallKey()
                    check(try set.remove(key) == (setModel.remove(key) != nil), "set remove \(key)")
                case 12:
                    let key = input.smallKey()
                    check(try set.contains(key) == setModel.contains(key), "set contains \(key)")
                case 13:
                    let first = try set.popFirst()
                    let minimum = setModel.min()
                    if let minimum { setModel.remove(minimum) }
                    check(first == minimum, "set popFirst")
                case 14:
                    switch input.byte() % 3 {
                    case 0:
                        try vec.clear()
                        vecModel.removeAll()
                    case 1:
                        try heap.clear()
                        heapModel.removeAll()
                    default:
                        try log.clear()
                        logModel.removeAll()
                    }
                default:
                    vec = try StableVec(memory: vecMemory)
                    heap = try MinHeap(memory: heapMemory)
                    log = try Log(indexMemory: indexMemory, dataMemory: dataMemory)
                    cell = try Cell(memory: cellMemory, defaultValue: [1])
                    set = try BTreeSet(memory: setMemory)
                    check(try vec.elements() == vecModel, "vec after reload")
                    check(try heap.elements().sorted() == heapModel.sorted(), "heap after reload")
                    check(try log.entries() == logModel, "log after reload")
                    check(cell.get() == cellModel, "cell after reload")
                    var iterated: [UInt64] = []
                    for element in set { iterated.append(element) }
                    check(iterated == setModel.sorted(), "set after reload")
                    let violations = vec.checkInvariants() + heap.checkInvariants() + log.checkInvariants()
                        + cell.checkInvariants() + set.checkInvariants()
                    check(violations.isEmpty, "invariants after reload: \(violations)")
                }
            }
            check(UInt64(vecModel.count) == vec.count && UInt64(heapModel.count) == heap.count
                  && UInt64(logModel.count) == log.count && set.count == setModel.count, "lengths")
        } catch {
            // The memories are capped far above what 2 000 operations need.
            fatalError("ops_structures: a valid operation failed: \(error)")
        }
    }
}
