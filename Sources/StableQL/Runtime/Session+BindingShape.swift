/// What a structure binding holds, for tools that load data into it
/// (the shell's `.import`).
public struct BindingShape: Sendable {
    /// The kind of structure.
    public var kind: StructureKind
    /// A map's key type; nil for other kinds.
    public var keyType: QLType?
    /// The element type (a map's value type).
    public var elementType: QLType
}

extension Session {
    /// The shape of the structure bound to `name`; nil when `name` is not a structure.
    public func shape(of name: String) -> BindingShape? {
        structures[name].map { BindingShape(kind: $0.kind, keyType: $0.keyType, elementType: $0.elementType) }
    }
}
