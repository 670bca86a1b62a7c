/// A principal (a canister or user id): up to 29 bytes, written in text as
/// grouped base32 with a CRC-32 check (`aaaaa-aa`).
public struct CandidPrincipal: Hashable, Sendable, CustomStringConvertible {
    /// The raw bytes.
    public let bytes: [UInt8]

    /// The principal with these bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The textual form: base32 (lowercase, no padding) of CRC-32 (big-endian) followed by the bytes, in groups of 5 joined by `-`.
    public var description: String {
        let checksum = crc32(bytes)
        let data = [UInt8(checksum >> 24), UInt8(truncatingIfNeeded: checksum >> 16),
                    UInt8(truncatingIfNeeded: checksum >> 8), UInt8(truncatingIfNeeded: checksum)] + bytes
        let encoded = base32Encode(data)
        var text = ""
        for (index, character) in encoded.enumerated() {
            if index > 0 && index % 5 == 0 { text.append("-") }
            text.append(character)
        }
        return text
    }

    /// Parses the textual form; `nil` unless it is the canonical text of some principal.
    public init?(text: String) {
        let letters = text.lowercased().filter { $0 != "-" }
        guard let data = base32Decode(letters), data.count >= 4, data.count <= 33 else { return nil }
        let principal = CandidPrincipal(bytes: Array(data[4...]))
        guard principal.description == text else { return nil }
        self = principal
    }
}

private let base32Alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")

private func base32Encode(_ data: [UInt8]) -> [Character] {
    var output: [Character] = []
    var buffer: UInt32 = 0
    var bits = 0
    for byte in data {
        buffer = buffer << 8 | UInt32(byte)
        bits += 8
        while bits >= 5 {
            output.append(base32Alphabet[Int(buffer >> UInt32(bits - 5) & 31)])
            bits -= 5
        }
    }
    if bits > 0 { output.append(base32Alphabet[Int(buffer << UInt32(5 - bits) & 31)]) }
    return output
}

private func base32Decode(_ text: String) -> [UInt8]? {
    var output: [UInt8] = []
    var buffer: UInt32 = 0
    var bits = 0
    for character in text {
        guard let index = base32Alphabet.firstIndex(of: character) else { return nil }
        buffer = buffer << 5 | UInt32(index)
        bits += 5
        if bits >= 8 {
            output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits - 8)))
            bits -= 8
        }
        buffer &= (1 << UInt32(bits)) - 1
    }
    return output
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320).
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}
