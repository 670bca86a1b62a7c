import StableStructures

/// The bridge between a StableQL type and the library type that stores it:
/// how a (converted) ``Value`` becomes a `T` and back.
///
/// Built once per declaration by ``QLType/withCodec(_:)``; every later
/// call goes through these closures straight into the generic structure.
struct ValueCodec<T: StorableKey> {
    /// The StableQL type.
    let type: QLType
    /// Builds the library value from a value already converted to `type`.
    let encode: (Value) throws(QLError) -> T
    /// Turns a stored value back into a StableQL value (records fail when
    /// the stored item does not fit the declared type).
    let decode: (T) throws(QLError) -> Value

    /// Converts `value` to `type` (exactly, or an error naming value, type and
    /// limit) and encodes it.
    func make(_ value: Value) throws(QLError) -> T {
        try encode(try type.convert(value))
    }
}

/// A generic operation to run once the library type of a StableQL type is known.
protocol CodecVisitor {
    associatedtype Output
    func visit<T: StorableKey>(_ codec: ValueCodec<T>) throws(QLError) -> Output
}

extension QLType {
    /// Opens this type's library type and hands its codec to `visitor`.
    ///
    /// `blob<N>` and `bytes<N>` are backed by the library's `Blob<N>` and
    /// `FixedBytes<N>`, whose `N` is a compile-time parameter, so only the
    /// sizes listed in ``SizedTypes/supportedSizes`` are available.
    @_semantics("optimize.sil.specialize.generic.never")
    func withCodec<V: CodecVisitor>(_ visitor: V) throws(QLError) -> V.Output {
        switch self {
        case .u8: return try visitor.visit(ValueCodec<UInt8>.integer(self))
        case .u16: return try visitor.visit(ValueCodec<UInt16>.integer(self))
        case .u32: return try visitor.visit(ValueCodec<UInt32>.integer(self))
        case .u64: return try visitor.visit(ValueCodec<UInt64>.integer(self))
        case .u128: return try visitor.visit(ValueCodec<UInt128>.integer(self))
        case .i8: return try visitor.visit(ValueCodec<Int8>.integer(self))
        case .i16: return try visitor.visit(ValueCodec<Int16>.integer(self))
        case .i32: return try visitor.visit(ValueCodec<Int32>.integer(self))
        case .i64: return try visitor.visit(ValueCodec<Int64>.integer(self))
        case .f32:
            return try visitor.visit(ValueCodec<Float>(type: self, encode: { (value) throws(QLError) in
                guard case let .float32(number) = value else { throw QLCodecs.mismatch(value, .f32) }
                return number
            }, decode: { .float32($0) }))
        case .f64:
            return try visitor.visit(ValueCodec<Double>(type: self, encode: { (value) throws(QLError) in
                guard case let .float(number) = value else { throw QLCodecs.mismatch(value, .f64) }
                return number
            }, decode: { .float($0) }))
        case .bool:
            return try visitor.visit(ValueCodec<Bool>(type: self, encode: { (value) throws(QLError) in
                guard case let .bool(flag) = value else { throw QLCodecs.mismatch(value, .bool) }
                return flag
            }, decode: { .bool($0) }))
        case .string:
            return try visitor.visit(ValueCodec<String>(type: self, encode: { (value) throws(QLError) in
                guard case let .string(text) = value else { throw QLCodecs.mismatch(value, .string) }
                return text
            }, decode: { .string($0) }))
        case .blob:
            return try visitor.visit(ValueCodec<[UInt8]>(type: self, encode: { (value) throws(QLError) in
                guard case let .blob(bytes) = value else { throw QLCodecs.mismatch(value, .blob) }
                return bytes
            }, decode: { .blob($0) }))
        case .principal:
            return try visitor.visit(ValueCodec<Principal>(type: self, encode: { (value) throws(QLError) in
                guard case let .principal(bytes) = value else { throw QLCodecs.mismatch(value, .principal) }
                do throws(StableError) {
                    return try Principal(bytes: bytes)
                } catch {
                    throw QLError(.library(error), "\(error)")
                }
            }, decode: { .principal($0.bytes) }))
        case .unit:
            return try visitor.visit(ValueCodec<Unit>(type: self, encode: { _ in Unit() }, decode: { _ in .unit }))
        case let .boundedBlob(size):
            return try SizedTypes.withBlob(size: size, type: self, visitor)
        case let .fixedBytes(size):
            return try SizedTypes.withFixedBytes(size: size, type: self, visitor)
        case let .option(inner):
            return try inner.withCodec(OptionCodecVisitor(outer: visitor, type: self))
        case let .tuple(elements):
            if elements.count == 2 {
                return try elements[0].withCodec(PairFirstVisitor(outer: visitor, type: self, second: elements[1]))
            }
            guard elements.count == 3 else { throw QLError(.type, "tuples have 2 or 3 elements, found \(elements.count)") }
            return try elements[0].withCodec(
                TripleFirstVisitor(outer: visitor, type: self, second: elements[1], third: elements[2]))
        case .record, .cbor:
            return try visitor.visit(RecordCBOR.codec(self))
        case let .candid(schema):
            return try visitor.visit(CandidCodec.candid(schema, type: self))
        case let .json(isKey):
            return try visitor.visit(CandidCodec.json(type: self, isKey: isKey))
        }
    }
}

/// Shared pieces of the codecs.
enum QLCodecs {
    static func mismatch(_ value: Value, _ type: QLType) -> QLError {
        QLError(.type, "expected \(type), found \(value.kindName) \(value.literal)")
    }
}

extension ValueCodec where T: FixedWidthInteger {
    /// The codec of an integer type.
    static func integer(_ type: QLType) -> ValueCodec<T> {
        ValueCodec(type: type, encode: { (value) throws(QLError) in
            guard case let .integer(integer) = value, let exact = integer.exactly(T.self) else {
                throw QLCodecs.mismatch(value, type)
            }
            return exact
        }, decode: { .int($0) })
    }
}

/// Wraps an inner codec into `Optional`.
struct OptionCodecVisitor<Outer: CodecVisitor>: CodecVisitor {
    let outer: Outer
    let type: QLType

    @_semantics("optimize.sil.specialize.generic.never")
    func visit<T: StorableKey>(_ inner: ValueCodec<T>) throws(QLError) -> Outer.Output {
        try outer.visit(ValueCodec<T?>(type: type, encode: { (value) throws(QLError) in
            switch value {
            case .none: return nil
            case let .some(wrapped): return try inner.encode(wrapped)
            default: return try inner.encode(value)
            }
        }, decode: { (stored) throws(QLError) in
            guard let stored else { return .none }
            return .some(try inner.decode(stored))
        }))
    }
}

/// Opens the first part of a 2-tuple, then the second.
struct PairFirstVisitor<Outer: CodecVisitor>: CodecVisitor {
    let outer: Outer
    let type: QLType
    let second: QLType

    @_semantics("optimize.sil.specialize.generic.never")
    func visit<A: StorableKey>(_ first: ValueCodec<A>) throws(QLError) -> Outer.Output {
        try second.withCodec(PairSecondVisitor(outer: outer, type: type, first: first))
    }
}

struct PairSecondVisitor<Outer: CodecVisitor, A: StorableKey>: CodecVisitor {
    let outer: Outer
    let type: QLType
    let first: ValueCodec<A>

    @_semantics("optimize.sil.specialize.generic.never")
    func visit<B: StorableKey>(_ second: ValueCodec<B>) throws(QLError) -> Outer.Output {
        let first = self.first
        return try outer.visit(ValueCodec<Pair<A, B>>(type: type, encode: { (value) throws(QLError) in
            guard case let .tuple(parts) = value, parts.count == 2 else { throw QLCodecs.mismatch(value, first.type) }
            return Pair(try first.encode(parts[0]), try second.encode(parts[1]))
        }, decode: { (pair) throws(QLError) in .tuple([try first.decode(pair.first), try second.decode(pair.second)]) }))
    }
}

/// Opens the parts of a 3-tuple one after the other.
struct TripleFirstVisitor<Outer: CodecVisitor>: CodecVisitor {
    let outer: Outer
    let type: QLType
    let second: QLType
    let third: QLType

    @_semantics("optimize.sil.specialize.generic.never")
    func visit<A: StorableKey>(_ first: ValueCodec<A>) throws(QLError) -> Outer.Output {
        try second.withCodec(TripleSecondVisitor(outer: outer, type: type, first: first, third: third))
    }
}

struct TripleSecondVisitor<Outer: CodecVisitor, A: StorableKey>: CodecVisitor {
    let outer: Outer
    let type: QLType
    let first: ValueCodec<A>
    let third: QLType

    @_semantics("optimize.sil.specialize.generic.never")
    func visit<B: StorableKey>(_ second: ValueCodec<B>) throws(QLError) -> Outer.Output {
        try third.withCodec(TripleThirdVisitor(outer: outer, type: type, first: first, second: second))
    }
}

struct TripleThirdVisitor<Outer: CodecVisitor, A: StorableKey, B: StorableKey>: CodecVisitor {
    let outer: Outer
    let type: QLType
    let first: ValueCodec<A>
    let second: ValueCodec<B>

    @_semantics("optimize.sil.specialize.generic.never")
    func visit<C: StorableKey>(_ third: ValueCodec<C>) throws(QLError) -> Outer.Output {
        let first = self.first
        let second = self.second
        let type = self.type
        return try outer.visit(ValueCodec<Triple<A, B, C>>(type: type, encode: { (value) throws(QLError) in
            guard case let .tuple(parts) = value, parts.count == 3 else { throw QLCodecs.mismatch(value, type) }
            return Triple(try first.encode(parts[0]), try second.encode(parts[1]), try third.encode(parts[2]))
        }, decode: { (triple) throws(QLError) in
            .tuple([try first.decode(triple.first), try second.decode(triple.second), try third.decode(triple.third)])
        }))
    }
}
