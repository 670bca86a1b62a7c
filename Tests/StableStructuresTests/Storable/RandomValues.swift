import StableStructures
import StableTestSupport

// Random values and an independent model of the Rust key order, for the
// property tests. The model is written from StableStructures.docc/ByteLayout.md, "Storable encodings", not from the
// library code: numeric order, bytes lexicographic (a proper prefix first),
// principals by length first, options `none` first, tuples componentwise.

/// A type the property tests can generate.
protocol RandomValue {
    static func random(using generator: inout SplitMix64) -> Self
}

/// The expected key order, defined independently of `compareKeys`.
protocol ModelKey {
    static func modelCompare(_ lhs: Self, _ rhs: Self) -> Int
}

/// Lexicographic order of byte arrays, element by element.
func modelLexicographic(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
    var index = 0
    while true {
        if index == lhs.count { return index == rhs.count ? 0 : -1 }
        if index == rhs.count { return 1 }
        if lhs[index] != rhs[index] { return lhs[index] < rhs[index] ? -1 : 1 }
        index += 1
    }
}

extension SplitMix64 {
    /// A value in `0..<bound` (bound > 0).
    mutating func draw(below bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A byte from a small alphabet most of the time, so that prefixes and
    /// equal values are common; sometimes any byte.
    mutating func smallByte() -> UInt8 {
        draw(below: 4) == 0 ? UInt8(truncatingIfNeeded: next()) : [0x00, 0x01, 0x02, 0xFF][draw(below: 4)]
    }

    /// `count` bytes from ``smallByte()``.
    mutating func smallBytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in smallByte() } }

    /// A length in `0...maximum`, usually short.
    mutating func length(upTo maximum: Int) -> Int {
        draw(below: 5) == 0 ? draw(below: maximum + 1) : draw(below: Swift.min(maximum, 4) + 1)
    }
}

// MARK: - Integers

extension RandomValue where Self: FixedWidthInteger & UnsignedInteger {
    static func random(using generator: inout SplitMix64) -> Self {
        switch generator.draw(below: 4) {
        case 0: return Self(truncatingIfNeeded: generator.draw(below: 3))
        case 1: return Self.max - Self(truncatingIfNeeded: generator.draw(below: 3))
        default:
            var value = Self(truncatingIfNeeded: generator.next())
            if Self.bitWidth > 64 { value = value << 64 | Self(truncatingIfNeeded: generator.next()) }
            return value
        }
    }
}

extension ModelKey where Self: BinaryInteger {
    static func modelCompare(_ lhs: Self, _ rhs: Self) -> Int { lhs == rhs ? 0 : (lhs < rhs ? -1 : 1) }
}

extension UInt8: RandomValue, ModelKey {}
extension UInt16: RandomValue, ModelKey {}
extension UInt32: RandomValue, ModelKey {}
extension UInt64: RandomValue, ModelKey {}
extension UInt128: RandomValue, ModelKey {}

// MARK: - Scalars

extension Bool: RandomValue, ModelKey {
    static func random(using generator: inout SplitMix64) -> Bool { generator.draw(below: 2) == 1 }
    static func modelCompare(_ lhs: Bool, _ rhs: Bool) -> Int { lhs == rhs ? 0 : (rhs ? -1 : 1) }
}

extension Float: RandomValue, ModelKey {
    static func random(using generator: inout SplitMix64) -> Float {
        switch generator.draw(below: 4) {
        case 0: return [0, -0.0, 1, -1, .infinity, -.infinity, .nan, .leastNonzeroMagnitude][generator.draw(below: 8)]
        case 1: return Float(generator.draw(below: 5)) - 2
        default: return Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
        }
    }
    static func modelCompare(_ lhs: Float, _ rhs: Float) -> Int {
        lhs.isLess(than: rhs) ? -1 : (rhs.isLess(than: lhs) ? 1 : 0)
    }
}

extension Double: RandomValue, ModelKey {
    static func random(using generator: inout SplitMix64) -> Double {
        switch generator.draw(below: 4) {
        case 0: return [0, -0.0, 1, -1, .infinity, -.infinity, .nan, .leastNonzeroMagnitude][generator.draw(below: 8)]
        case 1: return Double(generator.draw(below: 5)) - 2
        default: return Double(bitPattern: generator.next())
        }
    }
    static func modelCompare(_ lhs: Double, _ rhs: Double) -> Int {
        lhs.isLess(than: rhs) ? -1 : (rhs.isLess(than: lhs) ? 1 : 0)
    }
}

/// String pieces chosen so that Swift's `==`/`<` and byte order disagree:
/// `"e\u{301}"` and `"\u{e9}"` are canonically equivalent but different bytes.
let stringPieces: [String] = [
    "", "a", "b", "e", "z", "\u{301}", "\u{e9}", "e\u{301}", "\u{0}", "\u{7f}", "\u{80}", "\u{ff}",
    "日本", "\u{ffff}", "\u{10000}", "😀", "A", "\u{fb01}", "fi", "\u{212b}", "\u{c5}",
]

extension String: RandomValue, ModelKey {
    static func random(using generator: inout SplitMix64) -> String {
        var text = ""
        for _ in 0..<generator.draw(below: 4) { text += stringPieces[generator.draw(below: stringPieces.count)] }
        return text
    }
    static func modelCompare(_ lhs: String, _ rhs: String) -> Int {
        modelLexicographic(Array(lhs.utf8), Array(rhs.utf8))
    }
}

extension Array: RandomValue, ModelKey where Element == UInt8 {
    static func random(using generator: inout SplitMix64) -> [UInt8] {
        generator.smallBytes(generator.length(upTo: 300))
    }
    static func modelCompare(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int { modelLexicographic(lhs, rhs) }
}

extension Blob: RandomValue, ModelKey {
    static func random(using generator: inout SplitMix64) -> Blob<N> {
        // The length is at most N, so the initialiser cannot fail.
        (try? Blob(generator.smallBytes(generator.length(upTo: Swift.min(N, 1000))))) ?? Blob()
    }
    static func modelCompare(_ lhs: Blob<N>, _ rhs: Blob<N>) -> Int { modelLexicographic(lhs.bytes, rhs.bytes) }
}

extension FixedBytes: RandomValue, ModelKey {
    static func random(using generator: inout SplitMix64) -> FixedBytes<N> {
        (try? FixedBytes(generator.smallBytes(N))) ?? FixedBytes()
    }
    static func modelCompare(_ lhs: FixedBytes<N>, _ rhs: FixedBytes<N>) -> Int {
        modelLexicographic(lhs.bytes, rhs.bytes)
    }
}

extension Unit: RandomValue, ModelKey {
    static func random(using generator: inout SplitMix64) -> Unit { Unit() }
    static func modelCompare(_ lhs: Unit, _ rhs: Unit) -> Int { 0 }
}

extension Principal: RandomValue, ModelKey {
    static func random(using generator: inout SplitMix64) -> Principal {
        (try? Principal(bytes: generator.smallBytes(generator.length(upTo: 29)))) ?? .anonymous
    }
    /// The derived order of `(len, [u8; 29])`: length first.
    static func modelCompare(_ lhs: Principal, _ rhs: Principal) -> Int {
        if lhs.bytes.count != rhs.bytes.count { return lhs.bytes.count < rhs.bytes.count ? -1 : 1 }
        return modelLexicographic(lhs.bytes, rhs.bytes)
    }
}

// MARK: - Composites

extension Optional: RandomValue where Wrapped: RandomValue {
    static func random(using generator: inout SplitMix64) -> Wrapped? {
        generator.draw(below: 4) == 0 ? nil : Wrapped.random(using: &generator)
    }
}

extension Optional: ModelKey where Wrapped: ModelKey {
    static func modelCompare(_ lhs: Wrapped?, _ rhs: Wrapped?) -> Int {
        guard let lhs else { return rhs == nil ? 0 : -1 }
        guard let rhs else { return 1 }
        return Wrapped.modelCompare(lhs, rhs)
    }
}

extension Pair: RandomValue where A: RandomValue, B: RandomValue {
    static func random(using generator: inout SplitMix64) -> Pair<A, B> {
        let first = A.random(using: &generator)
        return Pair(first, B.random(using: &generator))
    }
}

extension Pair: ModelKey where A: ModelKey, B: ModelKey {
    static func modelCompare(_ lhs: Pair<A, B>, _ rhs: Pair<A, B>) -> Int {
        let first = A.modelCompare(lhs.first, rhs.first)
        return first != 0 ? first : B.modelCompare(lhs.second, rhs.second)
    }
}

extension Triple: RandomValue where A: RandomValue, B: RandomValue, C: RandomValue {
    static func random(using generator: inout SplitMix64) -> Triple<A, B, C> {
        let first = A.random(using: &generator)
        let second = B.random(using: &generator)
        return Triple(first, second, C.random(using: &generator))
    }
}

extension Triple: ModelKey where A: ModelKey, B: ModelKey, C: ModelKey {
    static func modelCompare(_ lhs: Triple<A, B, C>, _ rhs: Triple<A, B, C>) -> Int {
        for order in [A.modelCompare(lhs.first, rhs.first), B.modelCompare(lhs.second, rhs.second),
                      C.modelCompare(lhs.third, rhs.third)] where order != 0 {
            return order
        }
        return 0
    }
}
