import StableStructures

/// The box of a `set` binding: a `BTreeSet<T, M>` with the codec of its
/// declared element type.
final class SetBinding<T: StorableKey, M: Memory>: StructureBinding {
    let set: BTreeSet<T, M>
    let elements: ValueCodec<T>

    init(set: BTreeSet<T, M>, elements: ValueCodec<T>) {
        self.set = set
        self.elements = elements
    }

    var kind: StructureKind { .set }

    var methodNames: [String] {
        ["clear", "contains", "first", "insert", "is_empty", "iter", "last", "len", "pop_first", "pop_last",
         "range", "remove"]
    }

    func element(_ value: Value) throws(QLError) -> T {
        do throws(QLError) {
            return try elements.make(value)
        } catch {
            throw QLError("element \(error.message)")
        }
    }

    func library<R>(_ body: () throws(StableError) -> R) throws(QLError) -> R {
        do throws(StableError) {
            return try body()
        } catch {
            throw StructureFactory.translate(error, place: "the set")
        }
    }

    func call(_ method: String, _ arguments: [Argument]) throws(QLError) -> MethodResult {
        let set = self.set
        switch method {
        case "insert", "remove", "contains":
            try Argument.expect(arguments, 1, method)
            let item = try element(try Argument.value(arguments, 0, method))
            switch method {
            case "insert": return .silent(.bool(try library { () throws(StableError) in try set.insert(item) }))
            case "remove": return .silent(.bool(try library { () throws(StableError) in try set.remove(item) }))
            default: return .value(.bool(try library { () throws(StableError) in try set.contains(item) }))
            }
        case "len":
            try Argument.expect(arguments, 0, method)
            return .value(.int(set.count))
        case "is_empty":
            try Argument.expect(arguments, 0, method)
            return .value(.bool(set.isEmpty))
        case "first":
            try Argument.expect(arguments, 0, method)
            return .value(try library { () throws(StableError) in try set.first }.map(elements.decode) ?? .none)
        case "last":
            try Argument.expect(arguments, 0, method)
            return .value(try library { () throws(StableError) in try set.last }.map(elements.decode) ?? .none)
        case "pop_first":
            try Argument.expect(arguments, 0, method)
            return .silent(try library { () throws(StableError) in try set.popFirst() }.map(elements.decode) ?? .none)
        case "pop_last":
            try Argument.expect(arguments, 0, method)
            return .silent(try library { () throws(StableError) in try set.popLast() }.map(elements.decode) ?? .none)
        case "clear":
            try Argument.expect(arguments, 0, method)
            try library { () throws(StableError) in try set.clear() }
            return .silent(.unit)
        case "iter":
            try Argument.expect(arguments, 0, method)
            return .rows(rows(lower: .unbounded, upper: .unbounded))
        case "range":
            try Argument.expect(arguments, 1, method)
            guard case let .range(lowerValue, upperValue, inclusive) = arguments[0] else {
                throw QLError("range() takes a range such as range(a..b), range(a..=b), range(a..) or range(..b)")
            }
            let lower: KeyBound<T> = try lowerValue.map { (bound) throws(QLError) in .included(try element(bound)) } ?? .unbounded
            var upper: KeyBound<T> = .unbounded
            if let upperValue {
                let bound = try element(upperValue)
                upper = inclusive ? .included(bound) : .excluded(bound)
            }
            return .rows(rows(lower: lower, upper: upper))
        default:
            throw QLError("a set has no method '\(method)'")
        }
    }

    func rows(lower: KeyBound<T>, upper: KeyBound<T>) -> RowSource {
        RowSource(columns: ["value"]) { [set, elements] (consume) throws(QLError) in
            var iterator = set.range(from: lower, to: upper).makeIterator()
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
