import StableStructures
import Testing

/// The tests' entry to the library's B-tree invariant checker
/// (``BTreeMap/checkInvariants()``): throws the violations it finds.
enum BTreeInvariants {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Throws when the map's tree or allocator breaks an invariant.
    static func check<K: StorableKey, V: Storable, M: Memory>(_ map: BTreeMap<K, V, M>) throws {
        let violations = map.checkInvariants()
        guard violations.isEmpty else {
            throw Failure(description: violations.map(\.description).joined(separator: "; "))
        }
    }
}
