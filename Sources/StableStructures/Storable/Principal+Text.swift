// The textual form of principals: base32 of CRC-32 ‖ bytes, grouped by five.

extension Principal: CustomStringConvertible {
    /// The textual form, such as `aaaaa-aa` or `2vxsx-fae`.
    ///
    /// It is the lowercase RFC 4648 base32 (no padding) of the CRC-32 (IEEE)
    /// checksum of the bytes, big-endian, followed by the bytes, split into
    /// groups of five characters joined by `-`.
    public var description: String {
        let checksum = principalCRC32(bytes)
        var data: [UInt8] = [UInt8(truncatingIfNeeded: checksum >> 24), UInt8(truncatingIfNeeded: checksum >> 16),
                             UInt8(truncatingIfNeeded: checksum >> 8), UInt8(truncatingIfNeeded: checksum)]
        data.append(contentsOf: bytes)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
        var characters: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in data {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                characters.append(alphabet[Int((buffer >> UInt32(bits)) & 0x1F)])
            }
            buffer &= (1 << UInt32(bits)) - 1
        }
        if bits > 0 { characters.append(alphabet[Int((buffer << UInt32(5 - bits)) & 0x1F)]) }
        var text: [UInt8] = []
        text.reserveCapacity(characters.count + characters.count / 5)
        for (index, character) in characters.enumerated() {
            if index > 0, index % 5 == 0 { text.append(UInt8(ascii: "-")) }
            text.append(character)
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Parses the textual form (upper- or lowercase).
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` when the text
    ///   has a character outside base32 and `-`, is too short to hold the
    ///   checksum, holds more than 29 bytes, has a wrong checksum, or is not
    ///   grouped canonically (groups of five, `-` between them).
    public init(text: String) throws(StableError) {
        var lowered: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        var data: [UInt8] = []
        for character in text.utf8 {
            var value: UInt8
            switch character {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = character - UInt8(ascii: "a")
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = character - UInt8(ascii: "A")
            case UInt8(ascii: "2")...UInt8(ascii: "7"): value = character - UInt8(ascii: "2") + 26
            case UInt8(ascii: "-"):
                lowered.append(character)
                continue
            default:
                throw .malformedEncoding(type: "principal text", reason: "invalid character in \"\(text)\"")
            }
            lowered.append(character | (character >= UInt8(ascii: "A") ? 0x20 : 0))
            buffer = buffer << 5 | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                data.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
            guard data.count <= 4 + Principal.maxLength else {
                throw .malformedEncoding(type: "principal text", reason: "more than \(Principal.maxLength) bytes")
            }
        }
        guard data.count >= 4 else {
            throw .malformedEncoding(type: "principal text", reason: "\"\(text)\" is too short")
        }
        let bytes = Array(data[4...])
        let stored = UInt32(data[0]) << 24 | UInt32(data[1]) << 16 | UInt32(data[2]) << 8 | UInt32(data[3])
        guard stored == principalCRC32(bytes) else {
            throw .malformedEncoding(type: "principal text", reason: "wrong checksum in \"\(text)\"")
        }
        let principal = Principal(validBytes: bytes)
        guard Array(principal.description.utf8) == lowered else {
            throw .malformedEncoding(type: "principal text", reason: "\"\(text)\" is not in canonical form")
        }
        self = principal
    }
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as the textual form uses.
func principalCRC32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
        }
    }
    return ~crc
}
