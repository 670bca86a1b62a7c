import StableStructures

/// Creates the box of a structure binding from its declared types, on the
/// memory (or memories) it was given. The library's `init(memory:)` creates
/// the structure on an empty memory, loads it when the memory holds the same
/// structure, and refuses anything else without writing.
enum StructureFactory {
    /// The memory a binding lives in: a virtual memory of the memory
    /// manager, or the whole session memory in raw mode.
    enum Place {
        case managed([VirtualMemory<StatementMemory>])
        case raw(StatementMemory)
    }

    static func make(
        kind: StructureKind, keyType: QLType?, elementType: QLType, defaultValue: Value?, place: Place
    ) throws(QLError) -> any StructureBinding {
        SpecializedBinding.wrap(
            try makeGeneric(kind: kind, keyType: keyType, elementType: elementType, defaultValue: defaultValue, place: place))
    }

    /// Opens the declared types and creates the generic box.
    static func makeGeneric(
        kind: StructureKind, keyType: QLType?, elementType: QLType, defaultValue: Value?, place: Place
    ) throws(QLError) -> any StructureBinding {
        switch (kind, place) {
        case let (.map, .managed(memories)):
            return try requireKey(keyType).withCodec(MapKeyOpener(memory: memories[0], valueType: elementType))
        case let (.map, .raw(memory)):
            return try requireKey(keyType).withCodec(MapKeyOpener(memory: memory, valueType: elementType))
        case let (.set, .managed(memories)):
            return try elementType.withCodec(SetOpener(memory: memories[0]))
        case let (.set, .raw(memory)):
            return try elementType.withCodec(SetOpener(memory: memory))
        case let (.vec, .managed(memories)):
            return try elementType.withCodec(VecOpener(memory: memories[0]))
        case let (.vec, .raw(memory)):
            return try elementType.withCodec(VecOpener(memory: memory))
        case let (.heap, .managed(memories)):
            return try elementType.withCodec(HeapOpener(memory: memories[0]))
        case let (.heap, .raw(memory)):
            return try elementType.withCodec(HeapOpener(memory: memory))
        case let (.cell, .managed(memories)):
            return try elementType.withCodec(CellOpener(memory: memories[0], defaultValue: try requireDefault(defaultValue)))
        case let (.cell, .raw(memory)):
            return try elementType.withCodec(CellOpener(memory: memory, defaultValue: try requireDefault(defaultValue)))
        case let (.log, .managed(memories)):
            guard memories.count == 2 else { throw QLError(.type, "a log needs two memory ids (index, data)") }
            return try elementType.withCodec(LogOpener(index: memories[0], data: memories[1]))
        case (.log, .raw):
            throw QLError(.type, "a log needs two memories, so it cannot live in a raw image")
        }
    }

    static func requireDefault(_ value: Value?) throws(QLError) -> Value {
        guard let value else { throw QLError("a cell needs a default value") }
        return value
    }

    static func requireKey(_ keyType: QLType?) throws(QLError) -> QLType {
        guard let keyType else { throw QLError("a map needs a key type") }
        return keyType
    }

    /// Turns a library error into the language's: kind ``QLError/Kind/library(_:)``
    /// carrying it, and a message in which a foreign magic names what was
    /// found ("the memory holds a Vec (magic "SVC"), not a BTreeMap").
    static func translate(_ error: StableError, place: String) -> QLError {
        if case let .badMagic(expected, found) = error {
            return QLError(.library(error), foreignStructure(in: place, expected: expected, found: found))
        }
        return QLError(.library(error), "\(error)")
    }

    /// `SUBJECT holds a Vec (magic "SVC"), not a BTreeMap`.
    static func foreignStructure(in subject: String, expected: String, found: [UInt8]) -> String {
        let magic = found.allSatisfy({ $0 >= 0x20 && $0 < 0x7F })
            ? "\"\(String(decoding: found, as: UTF8.self))\"" : "0x" + Value.hex(found)
        let what = StoredStructure(magic: found).map { "a \($0.name)" } ?? "something else"
        return "\(subject) holds \(what) (magic \(magic)), not a \(expected)"
    }
}
