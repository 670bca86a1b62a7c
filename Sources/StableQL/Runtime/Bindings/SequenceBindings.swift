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
        throw error.about(role)
    }
}
