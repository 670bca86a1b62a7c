import StableStructures

/// The box of a `heap` binding: a `MinHeap<T, M>` with its element codec.
final class HeapBinding<T: StorableKey, M: Memory>: TabledBinding {
    let heap: MinHeap<T, M>
    let elements: ValueCodec<T>

    init(heap: MinHeap<T, M>, elements: ValueCodec<T>) {
        self.heap = heap
        self.elements = elements
    }

    var kind: StructureKind { .heap }

    /// The methods of a heap: the crate's `MinHeap` API under StableQL names.
    static var methods: [StructureMethod<HeapBinding>] {
        [
            StructureMethod("push", [MethodParameter("x")], returns: "`()`", "adds x") {
                (heap, arguments) throws(QLError) -> MethodResult in
                let item = try convertArgument(heap.elements, arguments.value(0), role: "element")
                try libraryCall("the heap") { () throws(StableError) in try heap.heap.push(item) }
                return .silent(.unit)
            },
            StructureMethod("pop", returns: "smallest element or `none`", "removes and returns the smallest element") {
                (heap, _) throws(QLError) -> MethodResult in
                .silent(try decodeArrayElement(heap.heap.memory, index: 0, codec: heap.elements, place: "the heap") {
                    () throws(StableError) in try heap.heap.pop()
                } ?? .none)
            },
            StructureMethod("peek", returns: "smallest element or `none`", "the smallest element, left in place") {
                (heap, _) throws(QLError) -> MethodResult in
                .value(try decodeArrayElement(heap.heap.memory, index: 0, codec: heap.elements, place: "the heap") {
                    () throws(StableError) in try heap.heap.peek()
                } ?? .none)
            },
            StructureMethod("len", returns: "integer", "the number of elements") { (heap, _) throws(QLError) -> MethodResult in
                .value(.int(heap.heap.count))
            },
            StructureMethod("is_empty", returns: "`bool`", "whether there are no elements") { (heap, _) throws(QLError) -> MethodResult in
                .value(.bool(heap.heap.isEmpty))
            },
            StructureMethod("iter", returns: "rows `value`", "every element in storage order, not sorted") {
                (heap, _) throws(QLError) -> MethodResult in
                .rows(heap.rows())
            },
            StructureMethod("clear", returns: "`()`", "removes every element") { (heap, _) throws(QLError) -> MethodResult in
                try libraryCall("the heap") { () throws(StableError) in try heap.heap.clear() }
                return .silent(.unit)
            },
        ]
    }

    /// The elements in storage order (the heap's array, not sorted).
    func rows() -> RowSource {
        RowSource(columns: ["value"]) { [heap, elements] (consume) throws(QLError) in
            let all: [T]
            do throws(StableError) {
                all = try heap.elements()
            } catch {
                let failure = StructureFactory.translate(error, place: "the heap")
                guard StoredValueMismatch.isEncodingFailure(failure) else { throw failure }
                // Which element: the first whose stored bytes do not decode.
                let stored = (try? RawContents.arrayElements(heap.memory, limit: Int(clamping: heap.count))) ?? []
                let index = stored.firstIndex { (try? T.decode($0)) == nil }
                throw index.map { arrayElementFailure(heap.memory, index: UInt64($0), failure, type: elements.type) } ?? failure
            }
            for (index, item) in all.enumerated() {
                let value: Value
                do throws(QLError) { value = try elements.decode(item) } catch {
                    throw arrayElementFailure(heap.memory, index: UInt64(index), error, type: elements.type)
                }
                if try !consume([value]) { return }
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
