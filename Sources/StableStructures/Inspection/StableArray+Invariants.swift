extension StableArrayStorage {
    /// The checks shared by ``StableVec`` and ``MinHeap``: the header (magic,
    /// version, element bound, a length whose slots fit the memory) and every
    /// element's slot (length prefix within the bound, the bytes decode).
    /// Calls `checkOrder` with the decoded elements when all of them decode.
    func checkInvariants(_ checkOrder: ([Element], inout ViolationLog) -> Void) -> [InvariantViolation] {
        var log = ViolationLog(structure: magic.structureName)
        do throws(StableError) {
            try magic.check(memory)
            let storedMax = try memory.load(UInt32.self, at: 12)
            let storedFixed = try memory.load(UInt8.self, at: 16) != 0
            if Int(storedMax) != maxSize || storedFixed != isFixedSize {
                log.add("the header declares elements of max size \(storedMax) (\(storedFixed ? "fixed" : "variable")), \(Element.typeName) has \(maxSize) (\(isFixedSize ? "fixed" : "variable"))")
                return log.finished()
            }
            let stored = try memory.load(UInt64.self, at: Self.lengthOffset)
            if stored != count {
                log.add("the stored length \(stored) no longer matches the loaded length \(count)")
                return log.finished()
            }
            let end = try checkedAddress(count, times: slotSize, plus: Self.headerSize, structure: magic.name)
            if end > memory.byteCount {
                log.add("\(count) elements need \(end) bytes, the memory has \(memory.byteCount)")
                return log.finished()
            }
        } catch {
            log.add("header: \(error)")
            return log.finished()
        }
        var elements: [Element] = []
        var allDecode = true
        var index: UInt64 = 0
        while index < count {
            do throws(StableError) {
                elements.append(try element(at: index))
            } catch {
                allDecode = false
                log.addDecodeFailure("element \(index)", error)
            }
            index += 1
        }
        if allDecode { checkOrder(elements, &log) }
        return log.finished()
    }
}

extension StableVec {
    /// Checks the stored vector and returns what is wrong (nothing when
    /// healthy): the header's magic, version and element bound, a length
    /// whose slots fit the memory, and every element's slot (a length prefix
    /// within the bound, bytes that decode as `Element`). Reads only.
    ///
    /// - Complexity: O(count) decodes.
    public func checkInvariants() -> [InvariantViolation] {
        storage.checkInvariants { _, _ in }
    }
}

extension MinHeap {
    /// Checks the stored heap: what ``StableVec/checkInvariants()`` checks,
    /// and the heap order (no element is smaller than its parent). Reads only.
    ///
    /// - Complexity: O(count) decodes and comparisons.
    public func checkInvariants() -> [InvariantViolation] {
        storage.checkInvariants { elements, log in
            for index in elements.indices.dropFirst() {
                let parent = (index - 1) / 2
                if Element.compareKeys(elements[index], elements[parent]) < 0 {
                    log.add("element \(index) is smaller than its parent \(parent)")
                }
            }
        }
    }
}
