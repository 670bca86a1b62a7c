import StableStructures

// Each binding hands `verify` its structure's own invariant checker.

extension MapBinding {
    func invariantViolations() -> [InvariantViolation] { map.checkInvariants() }
}

extension SetBinding {
    func invariantViolations() -> [InvariantViolation] { set.checkInvariants() }
}

extension VecBinding {
    func invariantViolations() -> [InvariantViolation] { vec.checkInvariants() }
}

extension HeapBinding {
    func invariantViolations() -> [InvariantViolation] { heap.checkInvariants() }
}

extension CellBinding {
    func invariantViolations() -> [InvariantViolation] { cell.checkInvariants() }
}

extension LogBinding {
    func invariantViolations() -> [InvariantViolation] { log.checkInvariants() }
}
