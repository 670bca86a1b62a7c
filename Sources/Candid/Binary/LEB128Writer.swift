// LEB128 and SLEB128 writers for 64-bit and arbitrary-size numbers.

func writeLEB(_ value: UInt64, to output: inout [UInt8]) {
    var rest = value
    repeat {
        let group = UInt8(rest & 0x7f)
        rest >>= 7
        output.append(rest == 0 ? group : group | 0x80)
    } while rest != 0
}

func writeSLEB(_ value: Int64, to output: inout [UInt8]) {
    var rest = value
    while true {
        let group = UInt8(rest & 0x7f)
        rest >>= 7
        if (rest == 0 && group & 0x40 == 0) || (rest == -1 && group & 0x40 != 0) {
            output.append(group)
            return
        }
        output.append(group | 0x80)
    }
}

func writeNatural(_ value: CandidNat, to output: inout [UInt8]) {
    var rest = value
    repeat {
        let group = UInt8(rest.divide(by: 128))
        output.append(rest.isZero ? group : group | 0x80)
    } while !rest.isZero
}

func writeInteger(_ value: CandidInt, to output: inout [UInt8]) {
    if !value.isNegative {
        // Positive: LEB128 groups plus a sign group when the top bit 6 is set.
        var rest = value.magnitude
        while true {
            let group = UInt8(rest.divide(by: 128))
            if rest.isZero && group & 0x40 == 0 {
                output.append(group)
                return
            }
            output.append(group | 0x80)
        }
    }
    // Negative -m: group = (-m) mod 128, then -m becomes floor(-m / 128) = -ceil(m / 128).
    var magnitude = value.magnitude
    while true {
        let remainder = magnitude.divide(by: 128)
        let group = UInt8((128 - remainder) % 128)
        if remainder != 0 { magnitude.multiplyAdd(1, 1) }
        // Now the rest is -magnitude.
        if magnitude.uint64 == 1 && group & 0x40 != 0 {
            output.append(group)
            return
        }
        output.append(group | 0x80)
    }
}
