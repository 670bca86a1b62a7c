import StableStructures

// A declaration whose types do not fit the stored entries is a mismatch, not
// corruption: the bytes are fine, the declared type is wrong. Before a map
// or set is attached, its stored B-tree is read with the declared key layout
// (fixed-size keys carry no length field, so a wrong key width would
// misread every node); a misfit is reported with what the stored bytes look
// like. Values carry their lengths, so a value type that does not fit fails
// at read time, entry by entry, as a decoding error (and in `verify`).
extension Session {
    /// Checks a map or set declaration on memory `ids` (the image when raw)
    /// against what is stored there.
    func checkStoredTypes(kind: StructureKind, ids: [UInt8], keyType: QLType?, elementType: QLType) throws(QLError) {
        guard kind == .map || kind == .set else { return }
        let key = kind == .map ? keyType ?? elementType : elementType
        let value: QLType? = kind == .map ? elementType : nil
        if let manager {
            guard let first = ids.first, let id = try? MemoryId(first), manager.size(of: id) > 0 else { return }
            try checkStoredTypes(manager.memory(id), kind: kind, memoryName: "memory \(first)", keyType: key, valueType: value)
        } else {
            try checkStoredTypes(memory, kind: kind, memoryName: "the image", keyType: key, valueType: value)
        }
    }

    /// Checks a map or set declaration against the tree stored in `target`.
    func checkStoredTypes<M: Memory>(
        _ target: M, kind: StructureKind, memoryName: String, keyType: QLType, valueType: QLType?
    ) throws(QLError) {
        guard target.size > 0, StoredStructure.identify(target) == .btreeMap,
              let tree = try? RawBTree(target), tree.length > 0 else { return }
        let stored = MemoryDiscovery.fittingLayouts(tree)
        // Nothing parses: leave it to the structure's own checks (corruption).
        guard !stored.isEmpty else { return }
        let subject = "\(memoryName) holds a \(kind == .set ? "set" : "map") whose"
        let entries: [RawBTreeEntry]
        if tree.maxKeySize == nil {
            let declared: BTreeKeyLayout
            if case let .bounded(maxSize, true) = try keyType.withCodec(StorageBound()) {
                declared = .fixed(maxSize)
            } else {
                declared = .lengthPrefixed
            }
            guard let match = stored.first(where: { $0.0 == declared }) else {
                throw QLError(.type, "type mismatch: \(subject) stored keys are \(Session.layoutText(stored[0].0)); "
                    + "\(keyType) keys are \(Session.layoutText(declared))\(Session.lookLike(stored[0].1.map(\.key), noun: "keys"))")
            }
            entries = match.1
        } else {
            entries = stored[0].1
        }
        // A set has no values: stored values mean a map.
        if valueType == nil && entries.contains(where: { !$0.value.isEmpty }) {
            throw QLError(.type, "type mismatch: \(memoryName) holds a map (its entries have values), not a set"
                + Session.lookLike(entries.map(\.value), noun: "values"))
        }
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
        return "; the stored \(noun) look like \(guess.typeName) (\(guess.summary), \(guess.confidence(noun)))"
    }
}

/// The library bound of a type's storage (a fixed-size tuple stores no
/// length fields, so it is smaller than ``QLType/bound`` says).
struct StorageBound: CodecVisitor {
    func visit<T: StorableKey>(_ codec: ValueCodec<T>) throws(QLError) -> StorableBound { T.bound }
}
