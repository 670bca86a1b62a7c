import StableStructures

extension MapBinding {
    /// The error of key `k`'s value not decoding: a type mismatch saying
    /// what the stored bytes look like when they are not the declared value
    /// type's encoding, else `error` (a corrupt node stays what it is).
    func valueFailure(_ error: QLError, key k: K, detailed: Bool) -> QLError {
        guard let stored = try? map.storedValueBytes(k), let bytes = stored,
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
}
