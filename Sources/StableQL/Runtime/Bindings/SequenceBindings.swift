import StableStructures

/// Runs a library call, turning its error into the language's message.
func libraryCall<R>(_ place: String, _ body: () throws(StableError) -> R) throws(QLError) -> R {
    do throws(StableError) {
        return try body()
    } catch {
        throw StructureFactory.translate(error, place: place)
    }
}

/// Converts a value for a structure, prefixing errors with its role.
func convertArgument<T>(_ codec: ValueCodec<T>, _ value: Value, role: String) throws(QLError) -> T {
    do throws(QLError) {
        return try codec.make(value)
    } catch {
        throw QLError("\(role) \(error.message)")
    }
}

/// An index argument (0 up, within u64).
func indexArgument(_ arguments: [Argument], _ position: Int, _ method: String) throws(QLError) -> UInt64 {
    let value = try Argument.value(arguments, position, method)
    guard case let .integer(integer) = value, let index = integer.exactly(UInt64.self) else {
        throw QLError("index \(value.literal) does not fit u64 (0...18446744073709551615)")
    }
    return index
}
