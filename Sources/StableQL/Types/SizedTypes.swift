import StableStructures

/// `blob<N>` and `bytes<N>` map to the library's `Blob<N>` and
/// `FixedBytes<N>`, whose size is a compile-time parameter: StableQL can open
/// the sizes instantiated in ``instances``, the one list of them (the error
/// message and ``supportedSizes`` are derived from it).
enum SizedTypes {
    /// One value per available size. `blob<0>` (a blob that can hold nothing)
    /// is refused although `bytes<0>` exists.
    static let instances: [any SizeInstance] = [
        BlobSize<0>(), BlobSize<1>(), BlobSize<2>(), BlobSize<3>(), BlobSize<4>(), BlobSize<5>(), BlobSize<6>(),
        BlobSize<7>(), BlobSize<8>(), BlobSize<9>(), BlobSize<10>(), BlobSize<11>(), BlobSize<12>(), BlobSize<13>(),
        BlobSize<14>(), BlobSize<15>(), BlobSize<16>(), BlobSize<17>(), BlobSize<18>(), BlobSize<19>(),
        BlobSize<20>(), BlobSize<21>(), BlobSize<22>(), BlobSize<23>(), BlobSize<24>(), BlobSize<25>(),
        BlobSize<26>(), BlobSize<27>(), BlobSize<28>(), BlobSize<29>(), BlobSize<30>(), BlobSize<31>(),
        BlobSize<32>(), BlobSize<33>(), BlobSize<34>(), BlobSize<35>(), BlobSize<36>(), BlobSize<37>(),
        BlobSize<38>(), BlobSize<39>(), BlobSize<40>(), BlobSize<41>(), BlobSize<42>(), BlobSize<43>(),
        BlobSize<44>(), BlobSize<45>(), BlobSize<46>(), BlobSize<47>(), BlobSize<48>(), BlobSize<49>(),
        BlobSize<50>(), BlobSize<51>(), BlobSize<52>(), BlobSize<53>(), BlobSize<54>(), BlobSize<55>(),
        BlobSize<56>(), BlobSize<57>(), BlobSize<58>(), BlobSize<59>(), BlobSize<60>(), BlobSize<61>(),
        BlobSize<62>(), BlobSize<63>(), BlobSize<64>(), BlobSize<72>(), BlobSize<80>(), BlobSize<96>(),
        BlobSize<100>(), BlobSize<128>(), BlobSize<160>(), BlobSize<192>(), BlobSize<200>(), BlobSize<255>(),
        BlobSize<256>(), BlobSize<300>(), BlobSize<320>(), BlobSize<384>(), BlobSize<400>(), BlobSize<500>(),
        BlobSize<512>(), BlobSize<1000>(), BlobSize<1024>(), BlobSize<2000>(), BlobSize<2048>(), BlobSize<4096>(),
        BlobSize<8192>(), BlobSize<16384>(), BlobSize<32768>(), BlobSize<65536>()
    ]

    /// The available sizes, ascending.
    static let supportedSizes: [Int] = instances.map(\.size)

    /// The instance of each size.
    static let bySize: [Int: any SizeInstance] = Dictionary(uniqueKeysWithValues: instances.map { ($0.size, $0) })

    /// The smallest `N` of `blob<N>`.
    static let smallestBlob = 1

    static func unsupported(_ type: QLType) -> QLError {
        let smallest = "\(type)".hasPrefix("blob") ? smallestBlob : 0
        return QLError("\(type) is not available: N must be one of \(describe(supportedSizes.filter { $0 >= smallest }))")
    }

    /// `1...64, 72, 80 or 96`: runs of consecutive sizes as ranges.
    static func describe(_ sizes: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < sizes.count {
            var end = index
            while end + 1 < sizes.count && sizes[end + 1] == sizes[end] + 1 { end += 1 }
            parts.append(end > index + 1 ? "\(sizes[index])...\(sizes[end])" : "\(sizes[index])")
            if end == index + 1 { parts.append("\(sizes[end])") }
            index = end + 1
        }
        guard parts.count > 1 else { return parts.joined() }
        return parts.dropLast().joined(separator: ", ") + " or " + parts[parts.count - 1]
    }

    static func blobCodec<let N: Int>(_: Blob<N>.Type, _ type: QLType) -> ValueCodec<Blob<N>> {
        ValueCodec(type: type, encode: { (value) throws(QLError) in
            guard case let .blob(bytes) = value else { throw QLCodecs.mismatch(value, type) }
            do throws(StableError) {
                return try Blob<N>(bytes)
            } catch {
                throw QLError("\(error)")
            }
        }, decode: { .blob($0.bytes) })
    }

    static func fixedCodec<let N: Int>(_: FixedBytes<N>.Type, _ type: QLType) -> ValueCodec<FixedBytes<N>> {
        ValueCodec(type: type, encode: { (value) throws(QLError) in
            guard case let .blob(bytes) = value else { throw QLCodecs.mismatch(value, type) }
            do throws(StableError) {
                return try FixedBytes<N>(bytes)
            } catch {
                throw QLError("\(error)")
            }
        }, decode: { .blob($0.bytes) })
    }

    /// Opens `blob<size>` with `visitor`.
    static func withBlob<V: CodecVisitor>(size: Int, type: QLType, _ visitor: V) throws(QLError) -> V.Output {
        guard size >= smallestBlob, let instance = bySize[size] else { throw unsupported(type) }
        return try instance.withBlob(type: type, visitor)
    }

    /// Opens `bytes<size>` with `visitor`.
    static func withFixedBytes<V: CodecVisitor>(size: Int, type: QLType, _ visitor: V) throws(QLError) -> V.Output {
        guard let instance = bySize[size] else { throw unsupported(type) }
        return try instance.withFixedBytes(type: type, visitor)
    }
}

/// One size `N` of `blob<N>` and `bytes<N>`: opens the codecs of `Blob<N>`
/// and `FixedBytes<N>` for a visitor.
protocol SizeInstance: Sendable {
    var size: Int { get }
    func withBlob<V: CodecVisitor>(type: QLType, _ visitor: V) throws(QLError) -> V.Output
    func withFixedBytes<V: CodecVisitor>(type: QLType, _ visitor: V) throws(QLError) -> V.Output
}

/// The size `N`, instantiated.
struct BlobSize<let N: Int>: SizeInstance {
    var size: Int { N }

    @_semantics("optimize.sil.specialize.generic.never")
    func withBlob<V: CodecVisitor>(type: QLType, _ visitor: V) throws(QLError) -> V.Output {
        try visitor.visit(SizedTypes.blobCodec(Blob<N>.self, type))
    }

    @_semantics("optimize.sil.specialize.generic.never")
    func withFixedBytes<V: CodecVisitor>(type: QLType, _ visitor: V) throws(QLError) -> V.Output {
        try visitor.visit(SizedTypes.fixedCodec(FixedBytes<N>.self, type))
    }
}
