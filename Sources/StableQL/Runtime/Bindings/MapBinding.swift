import StableStructures

/// The box of a `map` binding: a `BTreeMap<K, V, M>` with the codecs of its
/// declared key and value types.
final class MapBinding<K: StorableKey, V: StorableKey, M: Memory>: StructureBinding {
    let map: BTreeMap<K, V, M>
    let keys: ValueCodec<K>
    let values: ValueCodec<V>

    init(map: BTreeMap<K, V, M>, keys: ValueCodec<K>, values: ValueCodec<V>) {
        self.map = map
        self.keys = keys
        self.values = values
    }

    var kind: StructureKind { .map }

    var methodNames: [String] {
        ["clear", "contains", "first", "get", "insert", "is_empty", "iter", "keys", "last", "len",
         "pop_first", "pop_last", "range", "remove", "values"]
    }

    func key(_ value: Value) throws(QLError) -> K {
        do throws(QLError) {
            return try keys.make(value)
        } catch {
            throw QLError("key \(error.message)")
        }
    }

    func value(_ value: Value) throws(QLError) -> V {
        do throws(QLError) {
            return try values.make(value)
        } catch {
            throw QLError("value \(error.message)")
        }
    }

    func entry(_ pair: (key: K, value: V)?) throws(QLError) -> Value {
        guard let pair else { return .none }
        let key = try keys.decode(pair.key)
        do throws(QLError) {
            return .tuple([key, try values.decode(pair.value)])
        } catch {
            throw error.prefixed("the value of key \(key.literal)")
        }
    }

    /// An entry a removal took out: one that no longer decodes is returned as
    /// unit, so that a broken entry can still be removed.
    func removedEntry(_ pair: (key: K, value: V)?) throws(QLError) -> Value {
        guard let pair else { return .none }
        return .tuple([try keys.decode(pair.key), values.replaced(pair.value)])
    }

    func call(_ method: String, _ arguments: [Argument]) throws(QLError) -> MethodResult {
        switch method {
            case "insert":
                try Argument.expect(arguments, 2, method)
                let k = try key(try Argument.value(arguments, 0, method))
                let v = try value(try Argument.value(arguments, 1, method))
                return .silent(try library { () throws(StableError) in try map.insert(k, v) }.map(values.replaced) ?? .none)
            case "get":
                try Argument.expect(arguments, 1, method)
                let k = try key(try Argument.value(arguments, 0, method))
                guard let stored = try library({ () throws(StableError) in try map.get(k) }) else { return .value(.none) }
                do throws(QLError) {
                    return .value(try values.decode(stored))
                } catch {
                    throw error.prefixed("the value of key \(try keys.decode(k).literal)")
                }
            case "contains":
                try Argument.expect(arguments, 1, method)
                let k = try key(try Argument.value(arguments, 0, method))
                return .value(.bool(try library { () throws(StableError) in try map.containsKey(k) }))
            case "remove":
                try Argument.expect(arguments, 1, method)
                let k = try key(try Argument.value(arguments, 0, method))
                return .silent(try library { () throws(StableError) in try map.remove(k) }.map(values.replaced) ?? .none)
            case "len":
                try Argument.expect(arguments, 0, method)
                return .value(.int(map.count))
            case "is_empty":
                try Argument.expect(arguments, 0, method)
                return .value(.bool(map.isEmpty))
            case "first":
                try Argument.expect(arguments, 0, method)
                return .value(try entry(try library { () throws(StableError) in try map.first }))
            case "last":
                try Argument.expect(arguments, 0, method)
                return .value(try entry(try library { () throws(StableError) in try map.last }))
            case "pop_first":
                try Argument.expect(arguments, 0, method)
                return .silent(try removedEntry(try library { () throws(StableError) in try map.popFirst() }))
            case "pop_last":
                try Argument.expect(arguments, 0, method)
                return .silent(try removedEntry(try library { () throws(StableError) in try map.popLast() }))
            case "clear":
                try Argument.expect(arguments, 0, method)
                try library { () throws(StableError) in try map.clear() }
                return .silent(.unit)
            case "iter", "keys", "values":
                try Argument.expect(arguments, 0, method)
                return .rows(rows(method, lower: .unbounded, upper: .unbounded))
            case "range":
                try Argument.expect(arguments, 1, method)
                guard case let .range(lowerValue, upperValue, inclusive) = arguments[0] else {
                    throw QLError("range() takes a range such as range(a..b), range(a..=b), range(a..) or range(..b)")
                }
                let lower: KeyBound<K> = try lowerValue.map { (bound) throws(QLError) in .included(try key(bound)) } ?? .unbounded
                var upper: KeyBound<K> = .unbounded
                if let upperValue {
                    let bound = try key(upperValue)
                    upper = inclusive ? .included(bound) : .excluded(bound)
                }
                return .rows(rows("iter", lower: lower, upper: upper))
            default:
                throw QLError("a map has no method '\(method)'")
        }
    }

    /// Runs a library call, turning its error into the language's.
    func library<T>(_ body: () throws(StableError) -> T) throws(QLError) -> T {
        do throws(StableError) {
            return try body()
        } catch {
            throw StructureFactory.translate(error, place: "the map")
        }
    }

    func rows(_ method: String, lower: KeyBound<K>, upper: KeyBound<K>) -> RowSource {
        let columns = method == "keys" ? ["key"] : method == "values" ? ["value"] : ["key", "value"]
        return RowSource(columns: columns) { [map, keys, values] (consume) throws(QLError) in
            var iterator = map.range(from: lower, to: upper).makeIterator()
            var failures = DecodeFailures(type: values.type)
            while true {
                if method == "keys" {
                    // Values are not decoded at all: keys() works on entries whose values no longer decode.
                    let next: K?
                    do throws(StableError) { next = try iterator.nextKey() } catch {
                        throw StructureFactory.translate(error, place: "the map")
                    }
                    guard let k = next else { break }
                    if try !consume([try keys.decode(k)]) { break }
                    continue
                }
                let next: (key: K, value: Result<V, StableError>)?
                do throws(StableError) {
                    next = try iterator.nextEntryOrFailure()
                } catch {
                    throw StructureFactory.translate(error, place: "the map")
                }
                guard let (k, stored) = next else { break }
                let key = try keys.decode(k)
                let row: [Value]
                do throws(QLError) {
                    let v: V
                    switch stored {
                    case let .success(value): v = value
                    case let .failure(error): throw StructureFactory.translate(error, place: "the value")
                    }
                    row = method == "values" ? [try values.decode(v)] : [key, try values.decode(v)]
                } catch {
                    failures.add("key \(key.literal)", error)
                    continue
                }
                if try !consume(row) { break }
            }
            try failures.check()
        }
    }

    func forEach(_ body: (Value) throws(QLError) -> Bool) throws(QLError) {
        try rows("iter", lower: .unbounded, upper: .unbounded).produce { (row) throws(QLError) -> Bool in
            try body(.tuple(row))
        }
    }

    func length() throws(QLError) -> UInt64 { UInt64(map.count) }

    func details() throws(QLError) -> [String] {
        do throws(StableError) {
            return try map.statistics().describeLines
        } catch {
            throw StructureFactory.translate(error, place: "the map")
        }
    }
}

/// Opens the key type, then the value type, then creates the map.
struct MapKeyOpener<M: Memory>: CodecVisitor {
    let memory: M
    let valueType: QLType

    @_semantics("optimize.sil.specialize.generic.never")
    func visit<K: StorableKey>(_ keys: ValueCodec<K>) throws(QLError) -> any StructureBinding {
        try valueType.withCodec(MapValueOpener(memory: memory, keys: keys))
    }
}

struct MapValueOpener<M: Memory, K: StorableKey>: CodecVisitor {
    let memory: M
    let keys: ValueCodec<K>

    @_semantics("optimize.sil.specialize.generic.never")
    func visit<V: StorableKey>(_ values: ValueCodec<V>) throws(QLError) -> any StructureBinding {
        do throws(StableError) {
            let map = try BTreeMap<K, V, M>(memory: memory)
            return MapBinding(map: map, keys: keys, values: values)
        } catch {
            throw StructureFactory.translate(error, place: "the memory")
        }
    }
}
