import StableStructures

// A declaration whose types do not fit the stored entries is a mismatch, not
// corruption: the bytes are fine, the declared type is wrong. Before a map
// or set is attached, its stored B-tree is read with the declared key layout
// (fixed-size keys carry no length field, so a wrong key width would
// misread every node); a misfit is reported with what the stored bytes look
// like. Values carry their lengths, so a value type that does not fit fails
// at read time, entry by entry, as a decoding error (and in `verify`).
extension Session {
    /// Checks a map, set or cell declaration on memory `ids` (the image
    /// when raw) against what is stored there.
    func checkStoredTypes(kind: StructureKind, ids: [UInt8], keyType: QLType?, elementType: QLType) throws(QLError) {
        guard kind == .map || kind == .set || kind == .cell || kind == .vec || kind == .heap else { return }
        if let manager {
            guard let first = ids.first, let id = try? MemoryId(first), manager.size(of: id) > 0 else { return }
            try checkStoredTypes(manager.memory(id), kind: kind, memoryName: "memory \(first)", keyType: keyType, elementType: elementType)
        } else {
            try checkStoredTypes(memory, kind: kind, memoryName: "the image", keyType: keyType, elementType: elementType)
        }
    }

    /// Checks one declaration against the structure stored in `target`.
    func checkStoredTypes<M: Memory>(
        _ target: M, kind: StructureKind, memoryName: String, keyType: QLType?, elementType: QLType
    ) throws(QLError) {
        if kind == .cell {
            // A cell decodes its value when it is loaded: say what the bytes are.
            guard StoredStructure.identify(target) == .cell, let bytes = try? RawContents.cellValue(target),
                  case let .failure(error) = Session.decodes(bytes, as: elementType) else { return }
            throw QLError(.type, "type mismatch: \(memoryName) holds a cell whose \(bytes.count)-byte value does not decode as "
                + "\(elementType) (\(error.message))" + Session.lookLike([bytes], noun: "value"))
        }
        if kind == .vec || kind == .heap {
            try checkStoredElements(target, kind: kind, memoryName: memoryName, elementType: elementType)
            return
        }
        try checkStoredTypes(
            target, kind: kind, memoryName: memoryName, keyType: kind == .map ? keyType ?? elementType : elementType,
            valueType: kind == .map ? elementType : nil)
    }

    /// Checks a map or set declaration against the tree stored in `target`.
    func checkStoredTypes<M: Memory>(
        _ target: M, kind: StructureKind, memoryName: String, keyType: QLType, valueType: QLType?
    ) throws(QLError) {
        guard target.size > 0, StoredStructure.identify(target) == .btreeMap,
              let tree = try? RawBTree(target), tree.length > 0 else { return }
        let subject = "\(memoryName) holds a \(kind == .set ? "set" : "map") whose"
        let entries: [RawBTreeEntry]
        // A small sample: values may be large, and the declared layout usually fits.
        let sample = 24
        if tree.maxKeySize == nil {
            let declared: BTreeKeyLayout
            if case let .bounded(maxSize, true) = try keyType.withCodec(StorageBound()) {
                declared = .fixed(maxSize)
            } else {
                declared = .lengthPrefixed
            }
            if let fitting = MemoryDiscovery.fits(tree, declared, limit: sample) {
                entries = fitting
            } else {
                let stored = MemoryDiscovery.fittingLayouts(tree, limit: sample)
                // Nothing parses: leave it to the structure's own checks (corruption).
                guard !stored.isEmpty else { return }
                throw QLError(.type, "type mismatch: \(subject) stored keys are \(Session.layoutText(stored[0].0)); "
                    + "\(keyType) keys are \(Session.layoutText(declared))\(Session.lookLike(stored[0].1.map(\.key), noun: "keys"))")
            }
        } else {
            guard let fitting = try? tree.entries(keyLayout: .lengthPrefixed, limit: sample) else { return }
            entries = fitting
        }
        // A set has no values: stored values mean a map.
        if valueType == nil && entries.contains(where: { !$0.value.isEmpty }) {
            throw QLError(.type, "type mismatch: \(memoryName) holds a map (its entries have values), not a set"
                + Session.lookLike(entries.map(\.value), noun: "values"))
        }
    }

    /// Checks a vec or heap declaration against the slots stored in
    /// `target`: their size and fixedness are the element type's bound.
    func checkStoredElements<M: Memory>(_ target: M, kind: StructureKind, memoryName: String, elementType: QLType) throws(QLError) {
        let structure: StoredStructure = kind == .vec ? .vec : .minHeap
        guard StoredStructure.identify(target) == structure, let header = try? RawContents.arrayHeader(target),
              case let .bounded(maxSize, isFixed)? = try? elementType.withCodec(StorageBound()),
              header.maxSize != maxSize || header.isFixedSize != isFixed else { return }
        let samples = (try? RawContents.arrayElements(target, limit: 24)) ?? []
        let looks = samples.isEmpty ? "" : Session.lookLike(samples, noun: "elements")
        throw QLError(.type, "type mismatch: \(memoryName) holds a \(kind) whose stored elements are "
            + "\(Session.slotText(header.maxSize, fixed: header.isFixedSize)); \(elementType) elements are "
            + "\(Session.slotText(maxSize, fixed: isFixed))\(looks)")
    }

    /// `8 bytes`, `at most 29 bytes`.
    static func slotText(_ size: Int, fixed: Bool) -> String {
        (fixed ? "" : "at most ") + "\(size) byte\(size == 1 ? "" : "s")"
    }

    static func layoutText(_ layout: BTreeKeyLayout) -> String {
        switch layout {
        case let .fixed(width): return "\(width) byte\(width == 1 ? "" : "s")"
        case .lengthPrefixed: return "length-prefixed (of varying size)"
        }
    }

    /// `; the stored keys look like u64 (8-byte big-endian integers, 120 of 120 sampled keys)`.
    static func lookLike(_ samples: [[UInt8]], noun: String) -> String {
        let guess = EncodingClassifier.guessFixedWidth(samples, allowText: false)
            ?? EncodingClassifier.guessVariable(samples, noun: noun)
        return "; the stored \(noun) \(noun.hasSuffix("s") ? "look" : "looks") like \(guess.typeName) (\(guess.summary), \(guess.confidence(noun)))"
    }
}

/// The library bound of a type's storage (a fixed-size tuple stores no
/// length fields, so it is smaller than ``QLType/bound`` says).
struct StorageBound: CodecVisitor {
    func visit<T: StorableKey>(_ codec: ValueCodec<T>) throws(QLError) -> StorableBound { T.bound }
}

extension Session {
    /// Whether `bytes` decode as a stored `type`.
    static func decodes(_ bytes: [UInt8], as type: QLType) -> Result<Value, QLError> {
        do throws(QLError) {
            return .success(try type.withCodec(StoredDecoding(bytes: bytes)))
        } catch {
            return .failure(error)
        }
    }
}

/// Decodes one stored encoding through a type's codec.
struct StoredDecoding: CodecVisitor {
    let bytes: [UInt8]

    func visit<T: StorableKey>(_ codec: ValueCodec<T>) throws(QLError) -> Value {
        let stored: T
        do throws(StableError) {
            stored = try T.decode(bytes)
        } catch {
            throw QLError(.library(error), "\(error)")
        }
        return try codec.decode(stored)
    }
}
