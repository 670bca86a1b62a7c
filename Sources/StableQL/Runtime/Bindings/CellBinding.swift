import StableStructures

/// The box of a `cell` binding: a `Cell<T, M>` with its value codec.
final class CellBinding<T: StorableKey, M: Memory>: TabledBinding {
    let cell: Cell<T, M>
    let values: ValueCodec<T>

    init(cell: Cell<T, M>, values: ValueCodec<T>) {
        self.cell = cell
        self.values = values
    }

    var kind: StructureKind { .cell }

    /// The methods of a cell: the crate's `Cell` API.
    static var methods: [StructureMethod<CellBinding>] {
        [
            StructureMethod("get", returns: "the value", "the stored value") { (cell, _) throws(QLError) -> MethodResult in
                .value(try cell.values.decode(cell.cell.get()))
            },
            StructureMethod("set", [MethodParameter("x")], returns: "the old value", "stores x") {
                (cell, arguments) throws(QLError) -> MethodResult in
                let value = try convertArgument(cell.values, arguments.value(0), role: "value")
                return .silent(cell.values.replaced(try libraryCall("the cell") { () throws(StableError) in try cell.cell.set(value) }))
            },
        ]
    }

    func forEach(_ body: (Value) throws(QLError) -> Bool) throws(QLError) {
        _ = try body(try values.decode(cell.get()))
    }

    func length() throws(QLError) -> UInt64 { 1 }
}

/// Opens the value type and creates (with the default) or loads the cell.
struct CellOpener<M: Memory>: CodecVisitor {
    let memory: M
    let defaultValue: Value

    @_semantics("optimize.sil.specialize.generic.never")
    func visit<T: StorableKey>(_ values: ValueCodec<T>) throws(QLError) -> any StructureBinding {
        let initial = try convertArgument(values, defaultValue, role: "default")
        let cell = try libraryCall("the memory") { () throws(StableError) in
            try Cell<T, M>(memory: memory, defaultValue: initial)
        }
        return CellBinding(cell: cell, values: values)
    }
}
