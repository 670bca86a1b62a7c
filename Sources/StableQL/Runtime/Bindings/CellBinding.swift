import StableStructures

/// The box of a `cell` binding: a `Cell<T, M>` with its value codec.
final class CellBinding<T: StorableKey, M: Memory>: StructureBinding {
    let cell: Cell<T, M>
    let values: ValueCodec<T>

    init(cell: Cell<T, M>, values: ValueCodec<T>) {
        self.cell = cell
        self.values = values
    }

    var kind: StructureKind { .cell }

    var methodNames: [String] { ["get", "set"] }

    func call(_ method: String, _ arguments: [Argument]) throws(QLError) -> MethodResult {
        let cell = self.cell
        switch method {
        case "get":
            try Argument.expect(arguments, 0, method)
            return .value(values.decode(cell.get()))
        case "set":
            try Argument.expect(arguments, 1, method)
            let value = try convertArgument(values, try Argument.value(arguments, 0, method), role: "value")
            return .silent(values.decode(try libraryCall("the cell") { () throws(StableError) in try cell.set(value) }))
        default:
            throw QLError("a cell has no method '\(method)'")
        }
    }

    func forEach(_ body: (Value) throws(QLError) -> Bool) throws(QLError) {
        _ = try body(values.decode(cell.get()))
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
