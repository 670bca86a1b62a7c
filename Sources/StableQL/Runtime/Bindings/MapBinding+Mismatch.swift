import StableStructures

extension MapBinding {
    /// The error of key `k`'s value not decoding: a type mismatch saying
    /// what the stored bytes look like when they are not the declared value
    /// type's encoding, else `error` (a corrupt node stays what it is).
    func valueFailure(_ error: QLError, key k: K, detailed: Bool) -> QLError {
        guard let bytes = try? map.storedValueBytes(k),
              let mismatch = StoredValueMismatch.explain(error, bytes: bytes, type: values.type, detailed: detailed)
        else { return error }
        return mismatch
    }

    /// `map.get(k)` decoded; a value that does not decode fails naming its key.
    func decodedValue(of k: K) throws(QLError) -> Value? {
        let stored: V?
        do throws(StableError) {
            stored = try map.get(k)
        } catch {
            let failure = StructureFactory.translate(error, place: "the map")
            guard StoredValueMismatch.isEncodingFailure(failure) else { throw failure }
            throw valueFailure(failure, key: k, detailed: true).prefixed("the value of key \(try keys.decode(k).literal)")
        }
        guard let stored else { return nil }
        do throws(QLError) {
            return try values.decode(stored)
        } catch {
            throw valueFailure(error, key: k, detailed: true).prefixed("the value of key \(try keys.decode(k).literal)")
        }
    }

    /// The first or last entry as `(key, value)`, `none` when empty; a value
    /// that does not decode fails naming its key.
    func extremeEntry(last: Bool) throws(QLError) -> Value {
        let pair: (key: K, value: V)?
        do throws(StableError) {
            pair = try last ? map.last : map.first
        } catch {
            let failure = StructureFactory.translate(error, place: "the map")
            guard StoredValueMismatch.isEncodingFailure(failure) else { throw failure }
            var iterator = last ? map.entries.reversed().makeIterator() : map.entries.makeIterator()
            guard let k = try? iterator.nextKey() else { throw failure }
            throw valueFailure(failure, key: k, detailed: true).prefixed("the value of key \(try keys.decode(k).literal)")
        }
        return try entry(pair)
    }
}
