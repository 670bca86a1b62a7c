import StableStructures

/// The box of a `map` binding: a `BTreeMap<K, V, M>` with the codecs of its
/// declared key and value types.
final class MapBinding<K: StorableKey, V: StorableKey, M: Memory>: TabledBinding {
    let map: BTreeMap<K, V, M>
    let keys: ValueCodec<K>
    let values: ValueCodec<V>

    init(map: BTreeMap<K, V, M>, keys: ValueCodec<K>, values: ValueCodec<V>) {
        self.map = map
        self.keys = keys
        self.values = values
    }

    var kind: StructureKind { .map }

    /// The methods of a map: the crate's `BTreeMap` API under StableQL names.
    static var methods: [StructureMethod<MapBinding>] {
        [
            StructureMethod("insert", [MethodParameter("k"), MethodParameter("v")], returns: "the previous value or `none`",
                            "stores v under k") { (map, arguments) throws(QLError) -> MethodResult in
                let k = try map.key(arguments.value(0))
                let v = try map.value(arguments.value(1))
                return .silent(try map.library { () throws(StableError) in try map.map.insert(k, v) }.map(map.values.replaced) ?? .none)
            },
            StructureMethod("get", [MethodParameter("k")], returns: "the value or `none`",
                            "the value stored under k") { (map, arguments) throws(QLError) -> MethodResult in
                let k = try map.key(arguments.value(0))
                return .value(try map.decodedValue(of: k) ?? .none)
            },
            StructureMethod("contains", [MethodParameter("k")], returns: "`bool`",
                            "whether k has a value (the crate's contains_key)") { (map, arguments) throws(QLError) -> MethodResult in
                let k = try map.key(arguments.value(0))
                return .value(.bool(try map.library { () throws(StableError) in try map.map.containsKey(k) }))
            },
            StructureMethod("remove", [MethodParameter("k")], returns: "the removed value or `none`",
                            "removes k and its value") { (map, arguments) throws(QLError) -> MethodResult in
                let k = try map.key(arguments.value(0))
                return .silent(try map.library { () throws(StableError) in try map.map.remove(k) }.map(map.values.replaced) ?? .none)
            },
            StructureMethod("len", returns: "integer", "the number of entries") { (map, _) throws(QLError) -> MethodResult in
                .value(.int(map.map.count))
            },
            StructureMethod("is_empty", returns: "`bool`", "whether there are no entries") { (map, _) throws(QLError) -> MethodResult in
                .value(.bool(map.map.isEmpty))
            },
            StructureMethod("first", returns: "`(key, value)` or `none`",
                            "the entry with the smallest key (the crate's first_key_value)") { (map, _) throws(QLError) -> MethodResult in
                .value(try map.extremeEntry(last: false))
            },
            StructureMethod("last", returns: "`(key, value)` or `none`",
                            "the entry with the largest key (the crate's last_key_value)") { (map, _) throws(QLError) -> MethodResult in
                .value(try map.extremeEntry(last: true))
            },
            StructureMethod("pop_first", returns: "`(key, value)` or `none`",
                            "removes and returns the entry with the smallest key") { (map, _) throws(QLError) -> MethodResult in
                .silent(try map.removedEntry(try map.library { () throws(StableError) in try map.map.popFirst() }))
            },
            StructureMethod("pop_last", returns: "`(key, value)` or `none`",
                            "removes and returns the entry with the largest key") { (map, _) throws(QLError) -> MethodResult in
                .silent(try map.removedEntry(try map.library { () throws(StableError) in try map.map.popLast() }))
            },
            StructureMethod("iter", returns: "rows `key`, `value`", "every entry, in key order") { (map, _) throws(QLError) -> MethodResult in
                .rows(map.rows(.entries, lower: .unbounded, upper: .unbounded))
            },
            StructureMethod("keys", returns: "rows `key`", "every key, in order") { (map, _) throws(QLError) -> MethodResult in
                .rows(map.rows(.keys, lower: .unbounded, upper: .unbounded))
            },
            StructureMethod("values", returns: "rows `value`", "every value, in key order") { (map, _) throws(QLError) -> MethodResult in
                .rows(map.rows(.values, lower: .unbounded, upper: .unbounded))
            },
            StructureMethod("range", [MethodParameter("r", .range)], returns: "rows `key`, `value`",
                            "the entries whose keys lie in the range r") { (map, arguments) throws(QLError) -> MethodResult in
                let (lower, upper) = try map.bounds(arguments.range(0))
                return .rows(map.rows(.entries, lower: lower, upper: upper))
            },
            StructureMethod("keys_range", [MethodParameter("r", .range)], returns: "rows `key`",
                            "the keys in the range r") { (map, arguments) throws(QLError) -> MethodResult in
                let (lower, upper) = try map.bounds(arguments.range(0))
                return .rows(map.rows(.keys, lower: lower, upper: upper))
            },
            StructureMethod("values_range", [MethodParameter("r", .range)], returns: "rows `value`",
                            "the values of the keys in the range r, in key order") { (map, arguments) throws(QLError) -> MethodResult in
                let (lower, upper) = try map.bounds(arguments.range(0))
                return .rows(map.rows(.values, lower: lower, upper: upper))
            },
            StructureMethod("iter_from_prev_key", [MethodParameter("k")], returns: "rows `key`, `value`",
                            "the entries from the largest key below k to the end (no rows when no key is below k)") {
                (map, arguments) throws(QLError) -> MethodResult in
                let k = try map.key(arguments.value(0))
                return .rows(map.rows(.entries) { () throws(StableError) in try map.map.iterFromPreviousKey(k) })
            },
            StructureMethod("clear", returns: "`()`", "removes every entry") { (map, _) throws(QLError) -> MethodResult in
                try map.library { () throws(StableError) in try map.map.clear() }
                return .silent(.unit)
            },
        ]
    }

    func key(_ value: Value) throws(QLError) -> K {
        do throws(QLError) {
            return try keys.make(value)
        } catch {
            throw error.about("key")
        }
    }

    func value(_ value: Value) throws(QLError) -> V {
        do throws(QLError) {
            return try values.make(value)
        } catch {
            throw error.about("value")
        }
    }

    func entry(_ pair: (key: K, value: V)?) throws(QLError) -> Value {
        guard let pair else { return .none }
        let key = try keys.decode(pair.key)
        do throws(QLError) {
            return .tuple([key, try values.decode(pair.value)])
        } catch {
            throw valueFailure(error, key: pair.key, detailed: true).prefixed("the value of key \(key.literal)")
        }
    }

    /// An entry a removal took out: one that no longer decodes is returned as
    /// unit, so that a broken entry can still be removed.
    func removedEntry(_ pair: (key: K, value: V)?) throws(QLError) -> Value {
        guard let pair else { return .none }
        return .tuple([try keys.decode(pair.key), values.replaced(pair.value)])
    }

    /// The key bounds of a range argument.
    func bounds(_ range: (lower: Value?, upper: Value?, inclusive: Bool)) throws(QLError) -> (KeyBound<K>, KeyBound<K>) {
        let lower: KeyBound<K> = try range.lower.map { (bound) throws(QLError) in .included(try key(bound)) } ?? .unbounded
        var upper: KeyBound<K> = .unbounded
        if let value = range.upper {
            let bound = try key(value)
            upper = range.inclusive ? .included(bound) : .excluded(bound)
        }
        return (lower, upper)
    }

    /// Runs a library call, turning its error into the language's.
    func library<T>(_ body: () throws(StableError) -> T) throws(QLError) -> T {
        do throws(StableError) {
            return try body()
        } catch {
            throw StructureFactory.translate(error, place: "the map")
        }
    }

    /// What the rows of an iteration hold.
    enum Projection {
        case entries, keys, values
    }

    func rows(_ projection: Projection, lower: KeyBound<K>, upper: KeyBound<K>) -> RowSource {
        rows(projection) { [map] () throws(StableError) in map.range(from: lower, to: upper) }
    }

    /// The rows of the entries `entries` makes when the iteration starts.
    func rows(_ projection: Projection, _ entries: @escaping () throws(StableError) -> BTreeMapEntries<K, V, M>) -> RowSource {
        let columns: [String]
        switch projection {
        case .entries: columns = ["key", "value"]
        case .keys: columns = ["key"]
        case .values: columns = ["value"]
        }
        return RowSource(columns: columns) { [keys, values, self] (consume) throws(QLError) in
            var iterator: BTreeMapIterator<K, V, M>
            do throws(StableError) { iterator = try entries().makeIterator() } catch {
                throw StructureFactory.translate(error, place: "the map")
            }
            var failures = DecodeFailures(type: values.type)
            while true {
                if projection == .keys {
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
                    row = projection == .values ? [try values.decode(v)] : [key, try values.decode(v)]
                } catch {
                    failures.add("key \(key.literal)", valueFailure(error, key: k, detailed: false))
                    continue
                }
                if try !consume(row) { break }
            }
            try failures.check()
        }
    }

    func forEach(_ body: (Value) throws(QLError) -> Bool) throws(QLError) {
        try rows(.entries, lower: .unbounded, upper: .unbounded).produce { (row) throws(QLError) -> Bool in
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
