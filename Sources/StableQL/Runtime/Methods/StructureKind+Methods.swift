import StableStructures

extension StructureKind {
    /// The methods of this kind of structure, in the order the reference
    /// lists them: read from the method table of its box (the signatures do
    /// not depend on the declared types, so one instance of the generic box
    /// stands for all).
    public var methods: [MethodSignature] {
        switch self {
        case .map: return MethodSignatures.map
        case .set: return MethodSignatures.set
        case .vec: return MethodSignatures.vec
        case .log: return MethodSignatures.log
        case .cell: return MethodSignatures.cell
        case .heap: return MethodSignatures.heap
        }
    }

    /// The signature of method `name`, nil when this kind has none.
    public func method(named name: String) -> MethodSignature? {
        methods.first { $0.name == name }
    }
}

/// The signatures of each kind's method table, read once.
private enum MethodSignatures {
    static let map = MapBinding<UInt64, UInt64, VectorMemory>.methods.map(\.signature)
    static let set = SetBinding<UInt64, VectorMemory>.methods.map(\.signature)
    static let vec = VecBinding<UInt64, VectorMemory>.methods.map(\.signature)
    static let log = LogBinding<UInt64, VectorMemory, VectorMemory>.methods.map(\.signature)
    static let cell = CellBinding<UInt64, VectorMemory>.methods.map(\.signature)
    static let heap = HeapBinding<UInt64, VectorMemory>.methods.map(\.signature)
}
