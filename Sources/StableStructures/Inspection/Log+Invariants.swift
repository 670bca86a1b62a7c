extension Log {
    /// Checks the stored log and returns what is wrong (nothing when
    /// healthy): both headers' magic and version; an entry count whose index
    /// fits the index memory and matches the loaded one; end offsets that
    /// never decrease and stay inside the data memory; entries that decode
    /// as `Entry`. Reads only.
    ///
    /// - Complexity: O(count) decodes.
    public func checkInvariants() -> [InvariantViolation] {
        var log = ViolationLog(structure: "Log")
        let stored: UInt64
        do throws(StableError) {
            try Log.dataMagic.check(dataMemory)
            try Log.indexMagic.check(indexMemory)
            stored = try indexMemory.load(UInt64.self, at: Log.countOffset)
        } catch {
            log.add("header: \(error)")
            return log.finished()
        }
        if stored != storedCount {
            log.add("the stored entry count \(stored) no longer matches the loaded count \(storedCount)")
            return log.finished()
        }
        let indexEnd = stored.multipliedReportingOverflow(by: 8)
        if indexEnd.overflow || indexEnd.partialValue > indexMemory.byteCount - Log.indexStart {
            log.add("\(stored) entries do not fit the index memory (\(indexMemory.byteCount) bytes)")
            return log.finished()
        }
        let dataCapacity = dataMemory.byteCount - Log.dataStart
        var previous: UInt64 = 0
        var index: UInt64 = 0
        while index < stored {
            let end: UInt64
            do throws(StableError) {
                end = try indexMemory.load(UInt64.self, at: Log.indexStart + index * 8)
            } catch {
                log.add("index entry \(index): \(error)")
                return log.finished()
            }
            if end < previous {
                log.add("entry \(index) ends at \(end), before the previous entry's end \(previous)")
                return log.finished()
            }
            if end > dataCapacity {
                log.add("entry \(index) ends at \(end), past the data memory's \(dataCapacity) bytes")
                return log.finished()
            }
            do throws(StableError) {
                _ = try dataMemory.withBytes(at: Log.dataStart + previous, count: Int(end - previous)) {
                    (bytes) throws(StableError) in try Entry.decode(from: bytes)
                }
            } catch {
                log.addDecodeFailure("entry \(index)", error)
            }
            previous = end
            index += 1
        }
        return log.finished()
    }
}
