import StableStructures

extension LogBinding {
    /// Entry `index`, nil past the end: its value, or the error of decoding
    /// it (a type mismatch saying what the stored bytes look like when they
    /// are not the declared type's encoding). Throws for a corrupt log.
    func entry(at index: UInt64, detailed: Bool) throws(QLError) -> Result<Value, QLError>? {
        let entry: T?
        do throws(StableError) {
            entry = try log.get(index)
        } catch {
            let failure = StructureFactory.translate(error, place: "the log")
            guard StoredValueMismatch.isEncodingFailure(failure) else { throw failure }
            return .failure(entryFailure(failure, index: index, detailed: detailed))
        }
        guard let entry else { return nil }
        do throws(QLError) {
            return .success(try entries.decode(entry))
        } catch {
            return .failure(entryFailure(error, index: index, detailed: detailed))
        }
    }

    /// Entry `index` decoded, nil past the end; an entry that does not decode fails naming its index.
    func decodedEntry(at index: UInt64) throws(QLError) -> Value? {
        switch try entry(at: index, detailed: true) {
        case nil: return nil
        case let .success(value)?: return value
        case let .failure(error)?: throw error.prefixed("entry \(index)")
        }
    }

    private func entryFailure(_ error: QLError, index: UInt64, detailed: Bool) -> QLError {
        var bytes: [UInt8] = []
        guard (try? log.read(index, into: &bytes)) == true,
              let mismatch = StoredValueMismatch.explain(error, bytes: bytes, type: entries.type, detailed: detailed)
        else { return error }
        return mismatch
    }
}
