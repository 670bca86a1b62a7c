import StableStructures

/// Fast paths for the most common declarations.
///
/// A structure box is created through generic code that the optimiser is
/// told not to specialise (``QLType/withCodec(_:)``): specialising it for
/// every combination of declarable types would instantiate the B-tree
/// millions of times. A box made that way runs the library's unspecialised
/// generic code, resolving type metadata at run time. For the declarations
/// people write most, ``wrap(_:)`` puts the box inside a non-generic
/// forwarder whose stored box has a concrete type, so its calls reach code
/// specialised for exactly those types.
enum SpecializedBinding {
    /// The memory of a binding in a memory manager's virtual memory.
    typealias Managed = VirtualMemory<StatementMemory>

    /// `box`, or a specialised forwarder around it.
    static func wrap(_ box: any StructureBinding) -> any StructureBinding {
        switch box {
        case let box as MapBinding<UInt64, UInt64, Managed>: return MapU64U64(box)
        case let box as MapBinding<UInt64, String, Managed>: return MapU64String(box)
        case let box as MapBinding<UInt64, [UInt8], Managed>: return MapU64Blob(box)
        case let box as MapBinding<UInt64, CBORValue, Managed>: return MapU64Record(box)
        case let box as MapBinding<String, UInt64, Managed>: return MapStringU64(box)
        case let box as MapBinding<String, String, Managed>: return MapStringString(box)
        case let box as MapBinding<String, [UInt8], Managed>: return MapStringBlob(box)
        case let box as SetBinding<UInt64, Managed>: return SetU64(box)
        case let box as SetBinding<String, Managed>: return SetString(box)
        case let box as VecBinding<UInt64, Managed>: return VecU64(box)
        case let box as HeapBinding<UInt64, Managed>: return HeapU64(box)
        case let box as CellBinding<UInt64, Managed>: return CellU64(box)
        case let box as LogBinding<String, Managed, Managed>: return LogString(box)
        case let box as LogBinding<[UInt8], Managed, Managed>: return LogBlob(box)
        default: return box
        }
    }
}

/// A binding that forwards every requirement to a box of a concrete type.
protocol ForwardingBinding: StructureBinding {
    associatedtype Base: StructureBinding
    var base: Base { get }
}

extension ForwardingBinding {
    var kind: StructureKind { base.kind }
    func method(named name: String) -> BoundMethod? { base.method(named: name) }

    func forEach(_ body: (Value) throws(QLError) -> Bool) throws(QLError) {
        try base.forEach(body)
    }

    func length() throws(QLError) -> UInt64 { try base.length() }

    func details() throws(QLError) -> [String] { try base.details() }

    func invariantViolations() -> [InvariantViolation] { base.invariantViolations() }
}

final class MapU64U64: ForwardingBinding {
    let base: MapBinding<UInt64, UInt64, SpecializedBinding.Managed>
    init(_ base: MapBinding<UInt64, UInt64, SpecializedBinding.Managed>) { self.base = base }
}

final class MapU64String: ForwardingBinding {
    let base: MapBinding<UInt64, String, SpecializedBinding.Managed>
    init(_ base: MapBinding<UInt64, String, SpecializedBinding.Managed>) { self.base = base }
}

final class MapU64Blob: ForwardingBinding {
    let base: MapBinding<UInt64, [UInt8], SpecializedBinding.Managed>
    init(_ base: MapBinding<UInt64, [UInt8], SpecializedBinding.Managed>) { self.base = base }
}

final class MapU64Record: ForwardingBinding {
    let base: MapBinding<UInt64, CBORValue, SpecializedBinding.Managed>
    init(_ base: MapBinding<UInt64, CBORValue, SpecializedBinding.Managed>) { self.base = base }
}

final class MapStringU64: ForwardingBinding {
    let base: MapBinding<String, UInt64, SpecializedBinding.Managed>
    init(_ base: MapBinding<String, UInt64, SpecializedBinding.Managed>) { self.base = base }
}

final class MapStringString: ForwardingBinding {
    let base: MapBinding<String, String, SpecializedBinding.Managed>
    init(_ base: MapBinding<String, String, SpecializedBinding.Managed>) { self.base = base }
}

final class MapStringBlob: ForwardingBinding {
    let base: MapBinding<String, [UInt8], SpecializedBinding.Managed>
    init(_ base: MapBinding<String, [UInt8], SpecializedBinding.Managed>) { self.base = base }
}

final class SetU64: ForwardingBinding {
    let base: SetBinding<UInt64, SpecializedBinding.Managed>
    init(_ base: SetBinding<UInt64, SpecializedBinding.Managed>) { self.base = base }
}

final class SetString: ForwardingBinding {
    let base: SetBinding<String, SpecializedBinding.Managed>
    init(_ base: SetBinding<String, SpecializedBinding.Managed>) { self.base = base }
}

final class VecU64: ForwardingBinding {
    let base: VecBinding<UInt64, SpecializedBinding.Managed>
    init(_ base: VecBinding<UInt64, SpecializedBinding.Managed>) { self.base = base }
}

final class HeapU64: ForwardingBinding {
    let base: HeapBinding<UInt64, SpecializedBinding.Managed>
    init(_ base: HeapBinding<UInt64, SpecializedBinding.Managed>) { self.base = base }
}

final class CellU64: ForwardingBinding {
    let base: CellBinding<UInt64, SpecializedBinding.Managed>
    init(_ base: CellBinding<UInt64, SpecializedBinding.Managed>) { self.base = base }
}

final class LogString: ForwardingBinding {
    let base: LogBinding<String, SpecializedBinding.Managed, SpecializedBinding.Managed>
    init(_ base: LogBinding<String, SpecializedBinding.Managed, SpecializedBinding.Managed>) { self.base = base }
}

final class LogBlob: ForwardingBinding {
    let base: LogBinding<[UInt8], SpecializedBinding.Managed, SpecializedBinding.Managed>
    init(_ base: LogBinding<[UInt8], SpecializedBinding.Managed, SpecializedBinding.Managed>) { self.base = base }
}
