import StableStructures

extension MapBinding: KeyedQueryableBinding {
    var scanOrderMatchesValues: Bool { keys.type.ordersLikeValues }

    /// The library bounds of a request; a bound that does not convert to
    /// the key type (or a key type ordered otherwise) leaves that end open.
    func keyBounds(_ request: ScanRequest) -> (lower: KeyBound<K>, upper: KeyBound<K>) {
        guard scanOrderMatchesValues else { return (.unbounded, .unbounded) }
        func bound(_ end: ScanRequest.Bound?) -> KeyBound<K> {
            guard let end, let key = try? keys.make(end.value) else { return .unbounded }
            return end.inclusive ? .included(key) : .excluded(key)
        }
        return (bound(request.lower), bound(request.upper))
    }

    /// Walks the entries of `request`, handing each native key to `body`
    /// after filling `row`.
    func walk(_ request: ScanRequest, into row: QueryRow, _ body: (K) throws(QLError) -> Bool) throws(QLError) {
        let (lower, upper) = keyBounds(request)
        var entries = map.range(from: lower, to: upper)
        if request.descending { entries = entries.reversed() }
        var iterator = entries.makeIterator()
        while true {
            let next: (key: K, value: Result<V, StableError>)?
            do throws(StableError) { next = try iterator.nextEntryOrFailure() } catch {
                throw StructureFactory.translate(error, place: "the map")
            }
            guard let (k, stored) = next else { return }
            if request.needsKey { row.key = try keys.decode(k) }
            if request.needsValue {
                do throws(QLError) {
                    switch stored {
                    case let .success(v): row.value = try values.decode(v)
                    case let .failure(error): throw StructureFactory.translate(error, place: "the value")
                    }
                } catch {
                    throw valueFailure(error, key: k, detailed: true).prefixed("the value of key \(try keys.decode(k).literal)")
                }
            }
            if try !body(k) { return }
        }
    }

    func removeStored(_ key: K) throws(QLError) {
        _ = try library { () throws(StableError) in try map.remove(key) }
    }

    func updateRows(
        _ request: ScanRequest, row: QueryRow, matches: () throws(QLError) -> Bool,
        newValue: () throws(QLError) -> Value,
        progress: (_ phase: ChangePhase, _ done: UInt64, _ total: UInt64?) throws(QLError) -> Void
    ) throws(QLError) -> UInt64 {
        var changes: [(K, V)] = []
        var scanned: UInt64 = 0
        try walk(request, into: row) { (k) throws(QLError) -> Bool in
            try progress(.scanning, scanned, nil)
            scanned &+= 1
            guard try matches() else { return true }
            let replacement = try newValue()
            do throws(QLError) {
                changes.append((k, try value(replacement)))
            } catch {
                throw error.prefixed("key \(try keys.decode(k).literal)")
            }
            return true
        }
        let total = UInt64(changes.count)
        for (done, change) in changes.enumerated() {
            try progress(.changing, UInt64(done), total)
            _ = try library { () throws(StableError) in try map.insert(change.0, change.1) }
        }
        return total
    }
}

extension SetBinding: KeyedQueryableBinding {
    var scanOrderMatchesValues: Bool { elements.type.ordersLikeValues }

    func walk(_ request: ScanRequest, into row: QueryRow, _ body: (T) throws(QLError) -> Bool) throws(QLError) {
        var lower: KeyBound<T> = .unbounded
        var upper: KeyBound<T> = .unbounded
        if scanOrderMatchesValues {
            if let end = request.lower, let key = try? elements.make(end.value) {
                lower = end.inclusive ? .included(key) : .excluded(key)
            }
            if let end = request.upper, let key = try? elements.make(end.value) {
                upper = end.inclusive ? .included(key) : .excluded(key)
            }
        }
        var members = set.range(from: lower, to: upper)
        if request.descending { members = members.reversed() }
        var iterator = members.makeIterator()
        while true {
            let next: T?
            do throws(StableError) { next = try iterator.nextElement() } catch {
                throw StructureFactory.translate(error, place: "the set")
            }
            guard let next else { return }
            if request.needsKey { row.key = try elements.decode(next) }
            if try !body(next) { return }
        }
    }

    func removeStored(_ key: T) throws(QLError) {
        _ = try library { () throws(StableError) in try set.remove(key) }
    }
}
