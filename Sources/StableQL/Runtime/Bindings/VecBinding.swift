import StableStructures

/// The box of a `vec` binding: a `StableVec<T, M>` with its element codec.
final class VecBinding<T: StorableKey, M: Memory>: StructureBinding {
    let vec: StableVec<T, M>
    let elements: ValueCodec<T>

    init(vec: StableVec<T, M>, elements: ValueCodec<T>) {
        self.vec = vec
        self.elements = elements
    }

    var kind: StructureKind { .vec }

    var methodNames: [String] { ["clear", "get", "is_empty", "iter", "len", "pop", "push", "set"] }

    func call(_ method: String, _ arguments: [Argument]) throws(QLError) -> MethodResult {
        let vec = self.vec
        switch method {
        case "push":
            try Argument.expect(arguments, 1, method)
            let item = try convertArgument(elements, try Argument.value(arguments, 0, method), role: "element")
            try libraryCall("the vec") { () throws(StableError) in try vec.push(item) }
            return .silent(.unit)
        case "pop":
            try Argument.expect(arguments, 0, method)
            return .silent(try libraryCall("the vec") { () throws(StableError) in try vec.pop() }.map(elements.decode) ?? .none)
        case "get":
            try Argument.expect(arguments, 1, method)
            let index = try indexArgument(arguments, 0, method)
            return .value(try libraryCall("the vec") { () throws(StableError) in try vec.get(index) }.map(elements.decode) ?? .none)
        case "set":
            try Argument.expect(arguments, 2, method)
            let index = try indexArgument(arguments, 0, method)
            let item = try convertArgument(elements, try Argument.value(arguments, 1, method), role: "element")
            guard index < vec.count else { throw QLError("index \(index) is out of range (length \(vec.count))") }
            try libraryCall("the vec") { () throws(StableError) in try vec.set(index, item) }
            return .silent(.unit)
        case "len":
            try Argument.expect(arguments, 0, method)
            return .value(.int(vec.count))
        case "is_empty":
            try Argument.expect(arguments, 0, method)
            return .value(.bool(vec.isEmpty))
        case "clear":
            try Argument.expect(arguments, 0, method)
            try libraryCall("the vec") { () throws(StableError) in try vec.clear() }
            return .silent(.unit)
        case "iter":
            try Argument.expect(arguments, 0, method)
            return .rows(rows())
        default:
            throw QLError("a vec has no method '\(method)'")
        }
    }

    func rows() -> RowSource {
        RowSource(columns: ["value"]) { [vec, elements] (consume) throws(QLError) in
            var index: UInt64 = 0
            while index < vec.count {
                guard let item = try libraryCall("the vec", { () throws(StableError) in try vec.get(index) }) else { return }
                if try !consume([elements.decode(item)]) { return }
                index += 1
            }
        }
    }

    func forEach(_ body: (Value) throws(QLError) -> Bool) throws(QLError) {
        try rows().produce { (row) throws(QLError) -> Bool in try body(row[0]) }
    }

    func length() throws(QLError) -> UInt64 { vec.count }
}

/// Opens the element type and creates the vec.
struct VecOpener<M: Memory>: CodecVisitor {
    let memory: M

    @_semantics("optimize.sil.specialize.generic.never")
    func visit<T: StorableKey>(_ elements: ValueCodec<T>) throws(QLError) -> any StructureBinding {
        let vec = try libraryCall("the memory") { () throws(StableError) in try StableVec<T, M>(memory: memory) }
        return VecBinding(vec: vec, elements: elements)
    }
}
