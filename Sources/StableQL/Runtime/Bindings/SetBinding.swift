import StableStructures

/// The box of a `set` binding: a `BTreeSet<T, M>` with the codec of its
/// declared element type.
final class SetBinding<T: StorableKey, M: Memory>: TabledBinding {
    let set: BTreeSet<T, M>
    let elements: ValueCodec<T>

    init(set: BTreeSet<T, M>, elements: ValueCodec<T>) {
        self.set = set
        self.elements = elements
    }

    var kind: StructureKind { .set }

    func element(_ value: Value) throws(QLError) -> T {
        do throws(QLError) {
            return try elements.make(value)
        } catch {
            throw error.about("element")
        }
    }

    func library<R>(_ body: () throws(StableError) -> R) throws(QLError) -> R {
        do throws(StableError) {
            return try body()
        } catch {
            throw StructureFactory.translate(error, place: "the set")
        }
    }

    /// The methods of a set: the crate's `BTreeSet` API under StableQL names.
    static var methods: [StructureMethod<SetBinding>] {
        [
            StructureMethod("insert", [MethodParameter("x")], returns: "`bool`",
                            "adds x; true if it was not there yet") { (set, arguments) throws(QLError) -> MethodResult in
                let item = try set.element(arguments.value(0))
                return .silent(.bool(try set.library { () throws(StableError) in try set.set.insert(item) }))
            },
            StructureMethod("contains", [MethodParameter("x")], returns: "`bool`", "whether x is in the set") {
                (set, arguments) throws(QLError) -> MethodResult in
                let item = try set.element(arguments.value(0))
                return .value(.bool(try set.library { () throws(StableError) in try set.set.contains(item) }))
            },
            StructureMethod("remove", [MethodParameter("x")], returns: "`bool`",
                            "removes x; true if it was there") { (set, arguments) throws(QLError) -> MethodResult in
                let item = try set.element(arguments.value(0))
                return .silent(.bool(try set.library { () throws(StableError) in try set.set.remove(item) }))
            },
            StructureMethod("len", returns: "integer", "the number of elements") { (set, _) throws(QLError) -> MethodResult in
                .value(.int(set.set.count))
            },
            StructureMethod("is_empty", returns: "`bool`", "whether there are no elements") { (set, _) throws(QLError) -> MethodResult in
                .value(.bool(set.set.isEmpty))
            },
            StructureMethod("first", returns: "element or `none`", "the smallest element") { (set, _) throws(QLError) -> MethodResult in
                .value(try set.library { () throws(StableError) in try set.set.first }.map(set.elements.decode) ?? .none)
            },
            StructureMethod("last", returns: "element or `none`", "the largest element") { (set, _) throws(QLError) -> MethodResult in
                .value(try set.library { () throws(StableError) in try set.set.last }.map(set.elements.decode) ?? .none)
            },
            StructureMethod("pop_first", returns: "element or `none`", "removes and returns the smallest element") {
                (set, _) throws(QLError) -> MethodResult in
                .silent(try set.library { () throws(StableError) in try set.set.popFirst() }.map(set.elements.decode) ?? .none)
            },
            StructureMethod("pop_last", returns: "element or `none`", "removes and returns the largest element") {
                (set, _) throws(QLError) -> MethodResult in
                .silent(try set.library { () throws(StableError) in try set.set.popLast() }.map(set.elements.decode) ?? .none)
            },
            StructureMethod("iter", returns: "rows `value`", "every element, in order") { (set, _) throws(QLError) -> MethodResult in
                .rows(set.rows(lower: .unbounded, upper: .unbounded))
            },
            StructureMethod("range", [MethodParameter("r", .range)], returns: "rows `value`", "the elements in the range r") {
                (set, arguments) throws(QLError) -> MethodResult in
                let range = arguments.range(0)
                let lower: KeyBound<T> = try range.lower.map { (bound) throws(QLError) in .included(try set.element(bound)) } ?? .unbounded
                var upper: KeyBound<T> = .unbounded
                if let value = range.upper {
                    let bound = try set.element(value)
                    upper = range.inclusive ? .included(bound) : .excluded(bound)
                }
                return .rows(set.rows(lower: lower, upper: upper))
            },
            StructureMethod("iter_from_prev", [MethodParameter("x")], returns: "rows `value`",
                            "the elements from the largest one below x to the end (no rows when none is below x)") {
                (set, arguments) throws(QLError) -> MethodResult in
                let item = try set.element(arguments.value(0))
                return .rows(set.rows { () throws(StableError) in try set.set.iterFromPreviousElement(item) })
            },
            StructureMethod("clear", returns: "`()`", "removes every element") { (set, _) throws(QLError) -> MethodResult in
                try set.library { () throws(StableError) in try set.set.clear() }
                return .silent(.unit)
            },
        ]
    }

    func rows(lower: KeyBound<T>, upper: KeyBound<T>) -> RowSource {
        rows { [set] () throws(StableError) in set.range(from: lower, to: upper) }
    }

    /// The rows of the elements `elements` makes when the iteration starts.
    func rows(_ make: @escaping () throws(StableError) -> BTreeSetElements<T, M>) -> RowSource {
        RowSource(columns: ["value"]) { [elements] (consume) throws(QLError) in
            var iterator: BTreeSetIterator<T, M>
            do throws(StableError) { iterator = try make().makeIterator() } catch {
                throw StructureFactory.translate(error, place: "the set")
            }
            while true {
                let next: T?
                do throws(StableError) {
                    next = try iterator.nextElement()
                } catch {
                    throw StructureFactory.translate(error, place: "the set")
                }
                guard let next else { return }
                if try !consume([elements.decode(next)]) { return }
            }
        }
    }

    func forEach(_ body: (Value) throws(QLError) -> Bool) throws(QLError) {
        try rows(lower: .unbounded, upper: .unbounded).produce { (row) throws(QLError) -> Bool in try body(row[0]) }
    }

    func length() throws(QLError) -> UInt64 { UInt64(set.count) }

    func details() throws(QLError) -> [String] {
        do throws(StableError) {
            return try set.statistics().describeLines
        } catch {
            throw StructureFactory.translate(error, place: "the set")
        }
    }
}

/// Opens the element type and creates the set.
struct SetOpener<M: Memory>: CodecVisitor {
    let memory: M

    @_semantics("optimize.sil.specialize.generic.never")
    func visit<T: StorableKey>(_ elements: ValueCodec<T>) throws(QLError) -> any StructureBinding {
        do throws(StableError) {
            return SetBinding(set: try BTreeSet<T, M>(memory: memory), elements: elements)
        } catch {
            throw StructureFactory.translate(error, place: "the memory")
        }
    }
}
