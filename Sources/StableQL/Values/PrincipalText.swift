/// The textual form of Internet Computer principals: CRC-32 (IEEE) of the
/// bytes, big-endian, followed by the bytes, in lower-case RFC 4648 base32
/// without padding, in dash-separated groups of five (`aaaaa-aa` is the
/// empty principal).
public enum PrincipalText {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// The textual form of `bytes`.
    public static func encode(_ bytes: [UInt8]) -> String {
        let checksum = crc32(bytes)
        let data = [UInt8(checksum >> 24), UInt8(checksum >> 16 & 0xFF), UInt8(checksum >> 8 & 0xFF), UInt8(checksum & 0xFF)] + bytes
        var letters: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in data {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                letters.append(alphabet[Int(buffer >> UInt32(bits - 5) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { letters.append(alphabet[Int(buffer << UInt32(5 - bits) & 31)]) }
        var text = ""
        for (index, letter) in letters.enumerated() {
            if index > 0 && index % 5 == 0 { text += "-" }
            text.unicodeScalars.append(Unicode.Scalar(letter))
        }
        return text
    }

    /// The bytes of the principal written `text`, or an error saying why it
    /// is not a valid textual principal (bad character, checksum, length).
    public static func decode(_ text: String) throws(QLError) -> [UInt8] {
        var buffer: UInt32 = 0
        var bits = 0
        var data: [UInt8] = []
        for scalar in text.lowercased().unicodeScalars where scalar != "-" {
            guard scalar.isASCII, let index = alphabet.firstIndex(of: UInt8(scalar.value)) else {
                throw QLError("invalid principal \"\(text)\": '\(scalar)' is not a base32 letter")
            }
            buffer = buffer << 5 | UInt32(index)
            bits += 5
            if bits >= 8 {
                data.append(UInt8(buffer >> UInt32(bits - 8) & 0xFF))
                bits -= 8
            }
        }
        guard data.count >= 4 else { throw QLError("invalid principal \"\(text)\": too short") }
        let bytes = Array(data[4...])
        guard bytes.count <= 29 else {
            throw QLError("invalid principal \"\(text)\": \(bytes.count) bytes, at most 29")
        }
        let expected = crc32(bytes)
        let found = UInt32(data[0]) << 24 | UInt32(data[1]) << 16 | UInt32(data[2]) << 8 | UInt32(data[3])
        guard expected == found, encode(bytes) == text.lowercased() else {
            throw QLError("invalid principal \"\(text)\": checksum or grouping does not match (expected \"\(encode(bytes))\")")
        }
        return bytes
    }

    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return ~crc
    }
}
