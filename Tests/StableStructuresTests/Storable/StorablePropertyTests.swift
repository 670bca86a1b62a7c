import StableStructures
import StableTestSupport
import Testing

/// Sign of a three-way comparison result.
func comparisonSign(_ value: Int) -> Int { value < 0 ? -1 : (value > 0 ? 1 : 0) }

/// Round trips, bounds and key order of random values of `T`.
///
/// - `boundHolds`: whether every random value must pass `checkBound()`
///   (false for options of fixed-size types, whose `nil` violates the
///   declared fixed size, as in the crate).
func checkProperties<T: StorableKey & RandomValue & ModelKey & Equatable>(
    _ type: T.Type, boundHolds: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    var generator = SplitMix64(seed: TestSeed.seed(T.typeName))
    let count = TestSeed.long ? 3000 : 150
    let values = (0..<count).map { _ in T.random(using: &generator) }
    let encodings = values.map { $0.encodedBytes }
    var failures: [String] = []
    for (value, encoding) in zip(values, encodings) {
        let decoded = try T.decode(encoding)
        if decoded.encodedBytes != encoding { failures.append("re-encoding of \(value)") }
        if value == value, decoded != value { failures.append("decoded \(decoded) != \(value)") }
        if boundHolds {
            do { try value.checkBound() } catch { failures.append("bound: \(error)") }
        }
        if case let .bounded(maxSize, fixed) = T.bound, boundHolds {
            if fixed ? encoding.count != maxSize : encoding.count > maxSize { failures.append("size of \(value)") }
        }
    }
    for index in 0..<count * 4 {
        let i = index % count
        let j = index < count ? i : generator.draw(below: count)
        let (x, y) = (values[i], values[j])
        let expected = comparisonSign(T.modelCompare(x, y))
        let actual = comparisonSign(T.compareKeys(x, y))
        if actual != expected { failures.append("compareKeys(\(x), \(y)) = \(actual), expected \(expected)") }
        if T.encodingPreservesOrder {
            let bytewise = encodings[i].withUnsafeBytes { a in encodings[j].withUnsafeBytes { b in compareBytes(a, b) } }
            if comparisonSign(bytewise) != expected {
                failures.append("encodings of \(x), \(y) compare \(bytewise), expected \(expected)")
            }
        }
    }
    if !failures.isEmpty {
        Issue.record("\(T.typeName): \(failures.count) failures, first: \(failures.prefix(3))",
                     sourceLocation: sourceLocation)
    }
}

@Suite("Storable properties (random values)")
struct StorablePropertyTests {
    @Test func scalars() throws {
        try checkProperties(UInt8.self)
        try checkProperties(UInt16.self)
        try checkProperties(UInt32.self)
        try checkProperties(UInt64.self)
        try checkProperties(UInt128.self)
        try checkProperties(Bool.self)
        try checkProperties(Float.self)
        try checkProperties(Double.self)
        try checkProperties(Unit.self)
    }

    @Test func byteStrings() throws {
        try checkProperties(String.self)
        try checkProperties([UInt8].self)
        try checkProperties(Blob<0>.self)
        try checkProperties(Blob<8>.self)
        try checkProperties(Blob<300>.self)
        try checkProperties(FixedBytes<0>.self)
        try checkProperties(FixedBytes<4>.self)
        try checkProperties(Principal.self)
    }

    @Test func options() throws {
        try checkProperties(UInt64?.self, boundHolds: false)
        try checkProperties(Bool?.self, boundHolds: false)
        try checkProperties(String?.self)
        try checkProperties([UInt8]?.self)
        try checkProperties(Blob<8>?.self)
        try checkProperties(UInt8??.self, boundHolds: false)
        try checkProperties(FixedBytes<2>???.self, boundHolds: false)
        try checkProperties(Principal?.self)
    }

    @Test func pairs() throws {
        try checkProperties(Pair<UInt64, UInt64>.self)
        try checkProperties(Pair<UInt32, Bool>.self)
        try checkProperties(Pair<UInt32, Blob<20>>.self)
        try checkProperties(Pair<Blob<300>, UInt8>.self)
        try checkProperties(Pair<Blob<8>, Blob<70000>>.self)
        try checkProperties(Pair<Unit, Blob<4>>.self)
        try checkProperties(Pair<FixedBytes<3>, Unit>.self)
        try checkProperties(Pair<Bool, Blob<8>?>.self)
        try checkProperties(Pair<Principal, Pair<UInt8, Blob<2>>>.self)
        try checkProperties(Pair<Triple<UInt8, Blob<3>, Bool>, Principal>.self)
    }

    @Test func triples() throws {
        try checkProperties(Triple<UInt8, UInt16, UInt32>.self)
        try checkProperties(Triple<UInt64, String, [UInt8]>.self)
        try checkProperties(Triple<String, UInt64, [UInt8]>.self)
        try checkProperties(Triple<[UInt8], String, UInt32>.self)
        try checkProperties(Triple<Blob<8>, UInt32, UInt64>.self)
        try checkProperties(Triple<FixedBytes<2>, Bool, String>.self)
        try checkProperties(Triple<Blob<300>, [UInt8], Blob<5>>.self)
        try checkProperties(Triple<Unit, Unit, Unit>.self)
        try checkProperties(Triple<Pair<UInt8, Blob<2>>, Principal, String?>.self)
        try checkProperties(Triple<UInt16, FixedBytes<3>, Triple<String, Bool, [UInt8]>>.self)
    }

    /// The declared order preservation, derived by hand from the layouts.
    @Test func orderPreservationFlags() {
        #expect(UInt64.encodingPreservesOrder && Bool.encodingPreservesOrder && Unit.encodingPreservesOrder)
        #expect(String.encodingPreservesOrder && [UInt8].encodingPreservesOrder)
        #expect(Blob<8>.encodingPreservesOrder && FixedBytes<4>.encodingPreservesOrder)
        #expect(!Float.encodingPreservesOrder && !Double.encodingPreservesOrder && !Principal.encodingPreservesOrder)
        #expect(!UInt64?.encodingPreservesOrder && !UInt8??.encodingPreservesOrder)
        #expect(!String?.encodingPreservesOrder && !Blob<8>?.encodingPreservesOrder)
        #expect(!Pair<UInt32?, UInt8>.encodingPreservesOrder && !Triple<UInt8, UInt8, Bool?>.encodingPreservesOrder)
        #expect(Pair<UInt32, Blob<20>>.encodingPreservesOrder && Pair<UInt64, UInt64>.encodingPreservesOrder)
        #expect(Pair<FixedBytes<3>, Unit>.encodingPreservesOrder && Pair<Bool, Blob<8>?>.encodingPreservesOrder == false)
        #expect(!Pair<Blob<300>, UInt8>.encodingPreservesOrder && !Pair<Unit, Blob<4>>.encodingPreservesOrder)
        #expect(!Pair<String, UInt8>.encodingPreservesOrder)
        #expect(Triple<UInt8, UInt16, UInt32>.encodingPreservesOrder)
        #expect(Triple<UInt64, FixedBytes<2>, String>.encodingPreservesOrder)
        #expect(!Triple<UInt64, String, [UInt8]>.encodingPreservesOrder && !Triple<Blob<8>, UInt32, UInt64>.encodingPreservesOrder)
    }

    /// Where order is not preserved, a counterexample shows why.
    @Test func orderCounterexamples() throws {
        func disagree<T: StorableKey>(_ x: T, _ y: T) -> Bool {
            let bytewise = x.encodedBytes.withUnsafeBytes { a in y.encodedBytes.withUnsafeBytes { b in compareBytes(a, b) } }
            return comparisonSign(bytewise) != comparisonSign(T.compareKeys(x, y))
        }
        #expect(disagree(Float(-1), Float(1)))
        #expect(disagree(try Principal(bytes: [2]), try Principal(bytes: [1, 1])))
        #expect(disagree(Optional([UInt8]()), Optional([0])))
        // An option of an option of a fixed-size type: the inner option's size is not really fixed.
        #expect(disagree(Optional(Optional<UInt16>.none), Optional(Optional(UInt16(0)))))
        #expect(disagree(Pair(try Blob<8>([1]), UInt8(9)), Pair(try Blob<8>([1, 0]), UInt8(0))))
        #expect(disagree(Triple(UInt8(1), [UInt8](repeating: 0, count: 256), UInt8(0)), Triple(UInt8(1), [UInt8](), UInt8(0))) == false)
        #expect(disagree(Triple(UInt8(1), [UInt8](repeating: 9, count: 256), UInt8(0)), Triple(UInt8(1), [UInt8](repeating: 9, count: 3), UInt8(0))) == false)
        #expect(disagree(Triple(UInt8(1), [UInt8](repeating: 1, count: 256), UInt8(0)), Triple(UInt8(1), [UInt8](repeating: 2, count: 3), UInt8(0))))
    }

    /// String keys follow UTF-8 bytes, not Swift's canonical equivalence.
    @Test func stringKeysAreBytes() {
        let decomposed = "e\u{301}", precomposed = "\u{e9}"
        #expect(decomposed == precomposed)
        #expect(String.compareKeys(decomposed, precomposed) < 0)  // 65 cc 81 < c3 a9
        #expect(String.compareKeys(precomposed, decomposed) > 0)
        #expect(decomposed.encodedBytes != precomposed.encodedBytes)
        #expect(String.compareKeys("\u{fb01}", "fi") > 0)
        #expect(String.compareKeys("", "\u{0}") < 0)
        #expect(String.compareKeys("\u{ffff}", "😀") < 0)
    }
}
