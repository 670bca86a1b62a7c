import StableStructures

/// Decodes element `index` of the vec or heap stored in `memory`, read by
/// `read` (nil past the end). An element that does not decode fails naming
/// its index, as a type mismatch saying what the stored bytes look like
/// when they are not the declared type's encoding.
func decodeArrayElement<T: StorableKey, M: Memory>(
    _ memory: M, index: UInt64, codec: ValueCodec<T>, place: String, _ read: () throws(StableError) -> T?
) throws(QLError) -> Value? {
    let item: T?
    do throws(StableError) {
        item = try read()
    } catch {
        let failure = StructureFactory.translate(error, place: place)
        guard StoredValueMismatch.isEncodingFailure(failure) else { throw failure }
        throw arrayElementFailure(memory, index: index, failure, type: codec.type)
    }
    guard let item else { return nil }
    do throws(QLError) {
        return try codec.decode(item)
    } catch {
        throw arrayElementFailure(memory, index: index, error, type: codec.type)
    }
}

/// `error` about element `index`, explained as a mismatch when it is one.
func arrayElementFailure<M: Memory>(_ memory: M, index: UInt64, _ error: QLError, type: QLType) -> QLError {
    guard let bytes = try? RawContents.arrayElement(memory, at: index),
          let mismatch = StoredValueMismatch.explain(error, bytes: bytes, type: type, detailed: true)
    else { return error.prefixed("element \(index)") }
    return mismatch.prefixed("element \(index)")
}
