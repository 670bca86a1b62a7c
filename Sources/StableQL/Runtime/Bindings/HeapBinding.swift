import StableStructures

/// The box of a `heap` binding: a `MinHeap<T, M>` with its element codec.
final class HeapBinding<T: StorableKey, M: Memory>: StructureBinding {
    let heap: MinHeap<T, M>
    let elements: ValueCodec<T>

    init(heap: MinHeap<T, M>, elements: ValueCodec<T>) {
        self.heap = heap
        self.elements = elements
    }

    var kind: StructureKind { .heap }

    var methodNames: [String] { ["clear", "is_empty", "iter", "len", "peek", "pop", "push"] }

    func call(_ method: String, _ arguments: [Argument]) throws(QLError) -> MethodResult {
        let heap = self.heap
        switch method {
        case "push":
            try Argument.expect(arguments, 1, method)
            let item = try convertArgument(elements, try Argument.value(arguments, 0, method), role: "element")
            try libraryCall("the heap") { () throws(StableError) in try heap.push(item) }
            return .silent(.unit)
        case "pop":
            try Argument.expect(arguments, 0, method)
            return .silent(try libraryCall("the heap") { () throws(StableError) in try heap.pop() }.map(elements.decode) ?? .none)
        case "peek":
            try Argument.expect(arguments, 0, method)
            return .value(try libraryCall("the heap") { () throws(StableError) in try heap.peek() }.map(elements.decode) ?? .none)
        case "len":
            try Argument.expect(arguments, 0, method)
            return .value(.int(heap.count))
        case "is_empty":
            try Argument.expect(arguments, 0, method)
            return .value(.bool(heap.isEmpty))
        case "clear":
            try Argument.expect(arguments, 0, method)
            try libraryCall("the heap") { () throws(StableError) in try heap.clear() }
            return .silent(.unit)
        case "iter":
            try Argument.expect(arguments, 0, method)
            return .rows(rows())
        default:
            throw QLError("a heap has no method '\(method)'")
        }
    }

    /// The elements in storage order (the heap's array, not sorted).
    func rows() -> RowSource {
        RowSource(columns: ["value"]) { [heap, elements] (consume) throws(QLError) in
            let all = try libraryCall("the heap") { () throws(StableError) in try heap.elements() }
            for item in all {
                if try !consume([elements.decode(item)]) { return }
            }
        }
    }

    func forEach(_ body: (Value) throws(QLError) -> Bool) throws(QLError) {
        try rows().produce { (row) throws(QLError) -> Bool in try body(row[0]) }
    }

    func length() throws(QLError) -> UInt64 { heap.count }
}

/// Opens the element type and creates the heap.
struct HeapOpener<M: Memory>: CodecVisitor {
    let memory: M

    @_semantics("optimize.sil.specialize.generic.never")
    func visit<T: StorableKey>(_ elements: ValueCodec<T>) throws(QLError) -> any StructureBinding {
        let heap = try libraryCall("the memory") { () throws(StableError) in try MinHeap<T, M>(memory: memory) }
        return HeapBinding(heap: heap, elements: elements)
    }
}
