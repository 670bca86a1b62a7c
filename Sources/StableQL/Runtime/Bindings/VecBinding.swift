import StableStructures

/// The box of a `vec` binding: a `StableVec<T, M>` with its element codec.
final class VecBinding<T: StorableKey, M: Memory>: TabledBinding {
    let vec: StableVec<T, M>
    let elements: ValueCodec<T>

    init(vec: StableVec<T, M>, elements: ValueCodec<T>) {
        self.vec = vec
        self.elements = elements
    }

    var kind: StructureKind { .vec }

    /// The methods of a vec: the crate's `Vec` API under StableQL names.
    static var methods: [StructureMethod<VecBinding>] {
        [
            StructureMethod("push", [MethodParameter("x")], returns: "`()`", "appends x") {
                (vec, arguments) throws(QLError) -> MethodResult in
                let item = try convertArgument(vec.elements, arguments.value(0), role: "element")
                try libraryCall("the vec") { () throws(StableError) in try vec.vec.push(item) }
                return .silent(.unit)
            },
            StructureMethod("pop", returns: "last element or `none`", "removes and returns the last element") {
                (vec, _) throws(QLError) -> MethodResult in
                .silent(try decodeArrayElement(vec.vec.memory, index: vec.vec.count &- 1, codec: vec.elements, place: "the vec") {
                    () throws(StableError) in try vec.vec.pop()
                } ?? .none)
            },
            StructureMethod("get", [MethodParameter("i", .index)], returns: "element or `none`",
                            "the element at index i; none past the end") { (vec, arguments) throws(QLError) -> MethodResult in
                let index = try arguments.index(0)
                return .value(try decodeArrayElement(vec.vec.memory, index: index, codec: vec.elements, place: "the vec") {
                    () throws(StableError) in try vec.vec.get(index)
                } ?? .none)
            },
            StructureMethod("set", [MethodParameter("i", .index), MethodParameter("x")], returns: "`()`",
                            "replaces the element at index i (which must exist)") { (vec, arguments) throws(QLError) -> MethodResult in
                let index = try arguments.index(0)
                let item = try convertArgument(vec.elements, arguments.value(1), role: "element")
                let count = vec.vec.count
                guard index < count else { throw QLError(.runtime, "index \(index) is out of range (length \(count))") }
                try libraryCall("the vec") { () throws(StableError) in try vec.vec.set(index, item) }
                return .silent(.unit)
            },
            StructureMethod("len", returns: "integer", "the number of elements") { (vec, _) throws(QLError) -> MethodResult in
                .value(.int(vec.vec.count))
            },
            StructureMethod("is_empty", returns: "`bool`", "whether there are no elements") { (vec, _) throws(QLError) -> MethodResult in
                .value(.bool(vec.vec.isEmpty))
            },
            StructureMethod("iter", returns: "rows `value`", "every element, in index order") { (vec, _) throws(QLError) -> MethodResult in
                .rows(vec.rows())
            },
            StructureMethod("clear", returns: "`()`", "removes every element") { (vec, _) throws(QLError) -> MethodResult in
                try libraryCall("the vec") { () throws(StableError) in try vec.vec.clear() }
                return .silent(.unit)
            },
        ]
    }

    func rows() -> RowSource {
        RowSource(columns: ["value"]) { [vec, elements] (consume) throws(QLError) in
            var index: UInt64 = 0
            while index < vec.count {
                guard let item = try decodeArrayElement(vec.memory, index: index, codec: elements, place: "the vec", {
                    () throws(StableError) in try vec.get(index)
                }) else { return }
                if try !consume([item]) { return }
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
