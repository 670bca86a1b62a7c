/// A broken invariant found by a structure's `checkInvariants()`: which part
/// of the stored structure is wrong, and how.
///
/// The checkers read the memory and never write it. They report what they
/// find rather than throwing at the first problem, as far as the damage
/// lets them go on: a node that cannot be read ends the walk of a tree, an
/// element that does not decode does not stop the check of the others.
public struct InvariantViolation: Equatable, Sendable, CustomStringConvertible {
    /// The structure checked: `"BTreeMap"`, `"Vec"`, `"MemoryManager"`, …
    public let structure: String
    /// What is wrong, in a short sentence.
    public let problem: String

    /// A violation of `structure`'s invariants.
    public init(structure: String, problem: String) {
        self.structure = structure
        self.problem = problem
    }

    /// `"structure: problem"`.
    public var description: String { "\(structure): \(problem)" }
}

/// Collects the violations of one check, keeping the list short.
struct ViolationLog {
    /// At most this many violations of one kind are listed; the rest are counted.
    static let listed = 10

    let structure: String
    private(set) var violations: [InvariantViolation] = []
    /// Elements that failed to decode beyond the listed ones.
    private var unlistedDecodeFailures = 0
    private var listedDecodeFailures = 0

    init(structure: String) {
        self.structure = structure
    }

    mutating func add(_ problem: String) {
        violations.append(InvariantViolation(structure: structure, problem: problem))
    }

    /// Records an element that does not decode; only the first few are listed.
    mutating func addDecodeFailure(_ what: String, _ error: StableError) {
        if listedDecodeFailures < ViolationLog.listed {
            listedDecodeFailures += 1
            add("\(what) does not decode: \(error)")
        } else {
            unlistedDecodeFailures += 1
        }
    }

    /// The violations, with a last line counting the unlisted decode failures.
    func finished() -> [InvariantViolation] {
        guard unlistedDecodeFailures > 0 else { return violations }
        return violations + [InvariantViolation(
            structure: structure, problem: "and \(unlistedDecodeFailures) more elements that do not decode")]
    }
}
