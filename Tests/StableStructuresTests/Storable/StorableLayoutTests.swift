import StableStructures
import StableTestSupport
import Testing

/// The worked examples of StableStructures.docc/ByteLayout.md, "Storable encodings", and the quirks it names.
@Suite("Storable layouts (the byte layout's examples)")
struct StorableLayoutTests {
    @Test func pairExamples() throws {
        // (5u16, Blob<10>[01 02 03]) → 00 05 | 01 02 03 + 7 zeros | 03
        let pair = Pair(UInt16(5), try Blob<10>([1, 2, 3]))
        #expect(Pair<UInt16, Blob<10>>.bound == .bounded(maxSize: 13, isFixedSize: false))
        #expect(pair.encodedBytes == [0, 5, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 3])
        // (1u32, ()) → 00 00 00 01 | 00: the unit gets a length byte because it is not fixed.
        #expect(Pair(UInt32(1), Unit()).encodedBytes == [0, 0, 0, 1, 0])
        #expect(Pair<UInt32, Unit>.bound == .bounded(maxSize: 5, isFixedSize: false))
        #expect(try Pair<UInt32, Unit>.decode([0, 0, 0, 1, 0]) == Pair(1, Unit()))
    }

    @Test func pairLengthWidthsFollowTheMaximum() throws {
        // Blob<300> needs a 2-byte length even for a 1-byte value; Blob<70000> a 4-byte one.
        let bytes = Pair(try Blob<300>([7]), try Blob<70000>([8, 9])).encodedBytes
        #expect(bytes.count == 300 + 70000 + 2 + 4)
        #expect(bytes[0] == 7 && bytes[300] == 8 && bytes[301] == 9)
        #expect(Array(bytes.suffix(6)) == [0, 1, 0, 0, 0, 2])
    }

    @Test func tripleExamples() throws {
        // (vec[01 02], 9u8, vec[07 07 07]) → 00 02 01 02 09 07 07 07
        #expect(Triple([UInt8]([1, 2]), UInt8(9), [UInt8]([7, 7, 7])).encodedBytes == [0, 2, 1, 2, 9, 7, 7, 7])
        // (Some(1u8), "ab", 7u16) → 00 01 01 02 61 62 00 07
        #expect(Triple(UInt8?.some(1), "ab", UInt16(7)).encodedBytes == [0, 1, 1, 2, 0x61, 0x62, 0, 7])
        // (7u64, vec[300 bytes], vec[3 bytes]) → 01 | 00..07 | 01 2C | 300 bytes | 3 bytes
        let long = [UInt8](repeating: 0xAB, count: 300)
        let encoded = Triple(UInt64(7), long, [UInt8]([1, 2, 3])).encodedBytes
        #expect(encoded == [1, 0, 0, 0, 0, 0, 0, 0, 7, 0x01, 0x2C] + long + [1, 2, 3])
        // ([u8;300], Vec<u8>[3 bytes], u8): the fixed component's code is still computed (0x04).
        let fixed = try FixedBytes<300>(long)
        let withFixed = Triple(fixed, [UInt8]([1, 2, 3]), UInt8(5)).encodedBytes
        #expect(withFixed[0] == 0x04)
        #expect(withFixed == [0x04] + long + [3, 1, 2, 3, 5])
        #expect(try Triple<FixedBytes<300>, [UInt8], UInt8>.decode(withFixed) == Triple(fixed, [1, 2, 3], 5))
    }

    @Test func tripleWidthsFollowActualLengths() throws {
        let big = [UInt8](repeating: 1, count: 70000)
        let encoded = Triple(big, [UInt8](), UInt8(0)).encodedBytes
        #expect(encoded[0] == 0x0C)  // code 3 for a 4-byte length, code 0 for the empty second part
        #expect(Array(encoded[1..<5]) == [0, 1, 0x11, 0x70])
        #expect(encoded.count == 1 + 4 + 70000 + 1 + 0 + 1)
        #expect(try Triple<[UInt8], [UInt8], UInt8>.decode(encoded) == Triple(big, [], 0))
    }

    @Test func tripleBounds() {
        #expect(Triple<UInt8, UInt16, UInt32>.bound == .bounded(maxSize: 7, isFixedSize: true))
        #expect(Triple<Blob<8>, UInt32, UInt64>.bound == .bounded(maxSize: 22, isFixedSize: false))
        #expect(Triple<UInt8, Blob<300>, Unit>.bound == .bounded(maxSize: 1 + 300 + 0 + 1 + 2, isFixedSize: false))
        #expect(Triple<UInt8, UInt8, String>.bound == .unbounded)
    }

    @Test func unitIsBoundedButNotFixed() throws {
        #expect(Unit.bound == .bounded(maxSize: 0, isFixedSize: false))
        #expect(Unit().encodedBytes.isEmpty)
        #expect(try Unit.decode([]) == Unit())
    }

    @Test func optionQuirk() throws {
        // Declared fixed with size 9, yet `nil` is one byte: checked positions refuse it, as the crate panics.
        #expect(UInt64?.bound == .bounded(maxSize: 9, isFixedSize: true))
        #expect(UInt64?.none.encodedBytes == [0])
        #expect(throws: StableError.boundViolated(type: "option<u64>", maxSize: 9, fixedSize: true, actualSize: 1)) {
            try UInt64?.none.checkBound()
        }
        try UInt64?.some(3).checkBound()
        try Blob<8>?.none.checkBound()
        // Inside a pair the `nil` is zero-padded and passes the bound, but cannot be read back.
        let pair = Pair(UInt32?.none, UInt8(1))
        try pair.checkBound()
        #expect(pair.encodedBytes == [0, 0, 0, 0, 0, 1])
        #expect(throws: StableError.self) { try Pair<UInt32?, UInt8>.decode(pair.encodedBytes) }
    }

    @Test func principalConstants() throws {
        #expect(Principal.bound == .bounded(maxSize: 29, isFixedSize: false))
        #expect(Principal.managementCanister.bytes.isEmpty)
        #expect(Principal.anonymous.bytes == [4])
        #expect(try Principal(bytes: [UInt8](repeating: 1, count: 29)).encodedSize == 29)
        #expect(throws: StableError.boundViolated(type: "principal", maxSize: 29, fixedSize: false, actualSize: 30)) {
            try Principal(bytes: [UInt8](repeating: 1, count: 30))
        }
    }

    @Test func blobAndFixedBytesConstruction() throws {
        #expect(try Blob<3>([1, 2, 3]).bytes == [1, 2, 3])
        #expect(throws: StableError.boundViolated(type: "blob<3>", maxSize: 3, fixedSize: false, actualSize: 4)) {
            try Blob<3>([1, 2, 3, 4])
        }
        #expect(FixedBytes<3>().bytes == [0, 0, 0])
        #expect(throws: StableError.boundViolated(type: "bytes<3>", maxSize: 3, fixedSize: true, actualSize: 2)) {
            try FixedBytes<3>([1, 2])
        }
        var fixed = FixedBytes<2>()
        fixed[1] = 9
        #expect(fixed.encodedBytes == [0, 9])
    }

    @Test func typeNames() {
        #expect(Float.typeName == "f32" && Double.typeName == "f64" && Bool.typeName == "bool")
        #expect(String.typeName == "string" && [UInt8].typeName == "blob" && Unit.typeName == "unit")
        #expect(Blob<20>.typeName == "blob<20>" && FixedBytes<4>.typeName == "bytes<4>")
        #expect(Principal.typeName == "principal" && UInt64?.typeName == "option<u64>")
        #expect(Pair<UInt64, String>.typeName == "(u64,string)")
        #expect(Triple<UInt8, Blob<2>, Bool?>.typeName == "(u8,blob<2>,option<bool>)")
    }
}
