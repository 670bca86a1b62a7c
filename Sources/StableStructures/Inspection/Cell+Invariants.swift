extension Cell {
    /// Checks the stored cell and returns what is wrong (nothing when
    /// healthy): magic and version, a value length inside the memory, and a
    /// value that decodes as `Value`. Reads only.
    public func checkInvariants() -> [InvariantViolation] {
        var log = ViolationLog(structure: Cell.magic.structureName)
        do throws(StableError) {
            _ = try Cell.readValue(memory)
        } catch {
            log.add("\(error)")
        }
        return log.finished()
    }
}
