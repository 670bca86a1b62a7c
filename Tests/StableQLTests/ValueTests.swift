import StableQL
import Testing

@Suite("Values and conversions")
struct ValueTests {
    func type(_ source: String) throws -> QLType {
        var parser = "let m = vec(0) of \(source);"
        parser += ""
        let result = Parser.parse(parser)
        guard case let .declare(_, declaration)? = result.statements.first?.kind else {
            throw QLError("did not parse: \(result.diagnostics)")
        }
        return try QLType(declaration.elementType)
    }

    func int(_ value: Int64) -> Value { .int(value) }

    @Test("integer limits of every integer type, exactly")
    func integerLimits() throws {
        let cases: [(QLType, Value, Value)] = [
            (.u8, .int(0), .int(255)), (.u16, .int(0), .int(65535)), (.u32, .int(0), .int(UInt32.max)),
            (.u64, .int(0), .int(UInt64.max)), (.u128, .int(0), .int(UInt128.max)),
            (.i8, .int(-128), .int(127)), (.i16, .int(Int16.min), .int(Int16.max)),
            (.i32, .int(Int32.min), .int(Int32.max)), (.i64, .int(Int64.min), .int(Int64.max)),
        ]
        for (type, low, high) in cases {
            #expect(try type.convert(low) == low)
            #expect(try type.convert(high) == high)
            guard case let .integer(lowInt) = low, case let .integer(highInt) = high else { continue }
            let below = Value.integer(try lowInt.subtracting(QLInteger(1)))
            #expect(throws: QLError(.type, "\(below.literal) does not fit \(type) (\(low.literal)...\(high.literal))")) {
                try type.convert(below)
            }
            // u128's maximum is the largest integer a value can hold.
            guard let next = try? highInt.adding(QLInteger(1)) else { continue }
            let above = Value.integer(next)
            #expect(throws: QLError(.type, "\(above.literal) does not fit \(type) (\(low.literal)...\(high.literal))")) {
                try type.convert(above)
            }
        }
        #expect(throws: QLError(.type, "300 does not fit u8 (0...255)")) { try QLType.u8.convert(.int(300)) }
        #expect(throws: QLError(.type, "-1 does not fit u64 (0...18446744073709551615)")) { try QLType.u64.convert(.int(-1)) }
    }

    @Test("blobs against blob<N> and bytes<N>, principals")
    func blobs() throws {
        let forty = Value.blob(Array(repeating: 7, count: 40))
        #expect(throws: QLError(.type, "a 40-byte blob does not fit blob<32> (at most 32 bytes)")) {
            try QLType.boundedBlob(32).convert(forty)
        }
        #expect(try QLType.boundedBlob(40).convert(forty) == forty)
        #expect(try QLType.fixedBytes(4).convert(.blob([1, 2, 3, 4])) == .blob([1, 2, 3, 4]))
        #expect(throws: QLError(.type, "a 3-byte blob does not fit bytes<4> (exactly 4 bytes)")) {
            try QLType.fixedBytes(4).convert(.blob([1, 2, 3]))
        }
        #expect(throws: QLError(.type, "expected string, found blob x\"01\"")) { try QLType.string.convert(.blob([1])) }
        #expect(throws: QLError(.type, "expected u8, found string \"1\"")) { try QLType.u8.convert(.string("1")) }
        #expect(throws: QLError(.type, "expected u8, found float 1.5")) { try QLType.u8.convert(.float(1.5)) }
    }

    @Test("floats, options and tuples")
    func composite() throws {
        #expect(try QLType.f64.convert(.int(3)) == .float(3))
        #expect(try QLType.f32.convert(.float(0.5)) == .float32(0.5))
        #expect(throws: QLError(.type, "9007199254740993 cannot be represented exactly as f64")) {
            try QLType.f64.convert(.int(9_007_199_254_740_993))
        }
        let option = QLType.option(.u8)
        #expect(try option.convert(.none) == .none)
        #expect(try option.convert(.int(5)) == .some(.int(5)))
        #expect(try option.convert(.some(.int(5))) == .some(.int(5)))
        #expect(throws: QLError(.type, "256 does not fit u8 (0...255)")) { try option.convert(.some(.int(256))) }
        let pair = QLType.tuple([.u8, .string])
        #expect(try pair.convert(.tuple([.int(1), .string("a")])) == .tuple([.int(1), .string("a")]))
        #expect(throws: QLError(.type, "a 3-tuple does not fit (u8, string)")) {
            try pair.convert(.tuple([.int(1), .string("a"), .unit]))
        }
    }

    @Test("type resolution and validation")
    func types() throws {
        #expect(try type("(u64, blob<8>)") == .tuple([.u64, .boundedBlob(8)]))
        #expect(try type("option<bytes<29>>") == .option(.fixedBytes(29)))
        #expect(try type("(string, blob, u8)") == .tuple([.string, .blob, .u8]))
        #expect(throws: QLError(.type, "a 2-tuple needs bounded parts, but string is unbounded (use a 3-tuple or blob<N>)")) {
            try type("(u64, string)")
        }
        #expect(throws: QLError.self) { try type("(u8, u8, u8, u8)") }
        #expect(throws: QLError(.type, "f64 cannot be a map key: floats are not totally ordered")) {
            try QLType.f64.validateAsKey(role: "map key")
        }
        #expect(throws: QLError.self) { try QLType.tuple([.u8, .f32]).validateAsKey(role: "set element") }
        #expect(throws: QLError.self) { try QLType.string.validateBounded(role: "vec element") }
        try QLType.principal.validateBounded(role: "vec element")
        #expect(QLType.tuple([.u64, .boundedBlob(8)]).bound?.maxSize == 18)
        #expect(QLType.option(.u32).bound?.maxSize == 5)
    }

    @Test("exact integer arithmetic with overflow and division errors")
    func arithmetic() throws {
        let max = Value.int(UInt128.max)
        #expect(throws: QLError.self) { try Value.arithmetic(.add, max, .int(1)) }
        #expect(try Value.arithmetic(.subtract, .int(0), max) == .integer(QLInteger(negative: true, magnitude: .max)))
        #expect(try Value.arithmetic(.multiply, .int(-3), .int(4)) == .int(-12))
        #expect(try Value.arithmetic(.divide, .int(-7), .int(2)) == .int(-3))
        #expect(try Value.arithmetic(.remainder, .int(-7), .int(2)) == .int(-1))
        #expect(throws: QLError("division by zero")) { try Value.arithmetic(.divide, .int(1), .int(0)) }
        #expect(throws: QLError("division by zero")) { try Value.arithmetic(.remainder, .int(1), .int(0)) }
        #expect(try Value.arithmetic(.add, .int(1), .float(0.5)) == .float(1.5))
        #expect(try Value.arithmetic(.divide, .float(1), .int(0)) == .float(.infinity))
        #expect(try Value.arithmetic(.add, .string("a"), .string("b")) == .string("ab"))
        #expect(try Value.arithmetic(.add, .blob([1]), .blob([2])) == .blob([1, 2]))
        #expect(throws: QLError("cannot apply '+' to string \"a\" and integer 1 (convert with str(x) first)")) {
            try Value.arithmetic(.add, .string("a"), .int(1))
        }
        #expect(try Value.int(Int64.min).negated() == .int(UInt64(1) << 63))
    }

    @Test("comparisons across kinds")
    func comparisons() throws {
        #expect(try Value.comparison(.less, .int(-1), .int(0)))
        #expect(try Value.comparison(.equal, .int(1), .float(1.0)))
        #expect(try Value.comparison(.less, .string("a"), .string("b")))
        #expect(try Value.comparison(.less, .none, .int(0)))
        #expect(try Value.comparison(.equal, .some(.int(2)), .int(2)))
        #expect(try Value.comparison(.less, .tuple([.int(1), .string("b")]), .tuple([.int(1), .string("c")])))
        #expect(try !Value.comparison(.equal, .float(.nan), .float(.nan)))
        #expect(try Value.comparison(.notEqual, .float(.nan), .float(.nan)))
        #expect(try Value.comparison(.less, .principal([9]), .principal([1, 1])))
        #expect(throws: QLError("cannot compare integer 1 with string \"a\"")) {
            try Value.comparison(.equal, .int(1), .string("a"))
        }
    }

    @Test("nested options order as the crate's Option: none first, then some(x) by x")
    func nestedOptionOrder() throws {
        // Ascending, as Rust's derived `Ord` for `Option<Option<Option<i64>>>` orders them.
        let ascending: [Value] = [
            .none, .some(.none), .some(.some(.none)), .some(.some(.some(.int(-3)))), .some(.some(.some(.int(7)))),
        ]
        for (i, a) in ascending.enumerated() {
            for (j, b) in ascending.enumerated() {
                let order = try #require(try Value.compare(a, b))
                #expect(order.signum() == (i < j ? -1 : i == j ? 0 : 1), "\(a.literal) vs \(b.literal)")
                #expect(try Value.comparison(.equal, a, b) == (i == j))
            }
        }
    }

    @Test("literal and plain text forms")
    func text() {
        #expect(Value.string("a\"b\n").literal == #""a\"b\n""#)
        #expect(Value.blob([0xDE, 0xAD]).literal == #"x"dead""#)
        #expect(Value.blob([0xDE, 0xAD]).plain() == "0xdead")
        #expect(Value.some(.string("x")).literal == #"some("x")"#)
        #expect(Value.tuple([.int(1), .none]).literal == "(1, none)")
        #expect(Value.float(-.infinity).literal == "-inf")
        #expect(Value.float32(0.1).literal == "0.1")
        #expect(Value.principal([]).literal == #"principal "aaaaa-aa""#)
    }

    @Test("principal text round trips and rejects bad checksums")
    func principals() throws {
        #expect(PrincipalText.encode([]) == "aaaaa-aa")
        // The anonymous principal is the single byte 0x04.
        #expect(PrincipalText.encode([4]) == "2vxsx-fae")
        #expect(try PrincipalText.decode("2vxsx-fae") == [4])
        let bytes: [UInt8] = Array(0..<29)
        #expect(try PrincipalText.decode(PrincipalText.encode(bytes)) == bytes)
        #expect(throws: QLError.self) { try PrincipalText.decode("2vxsx-fab") }
        #expect(throws: QLError.self) { try PrincipalText.decode("not a principal!") }
    }
}
