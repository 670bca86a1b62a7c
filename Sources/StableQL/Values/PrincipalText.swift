import StableStructures

/// The textual form of Internet Computer principals (`aaaaa-aa`,
/// `2vxsx-fae`, …), through the library's `Principal`, which owns the
/// checksum and base32 rules.
public enum PrincipalText {
    /// The textual form of `bytes` (at most 29 bytes; longer input, which no
    /// principal value holds, is shown as hex).
    public static func encode(_ bytes: [UInt8]) -> String {
        do throws(StableError) {
            return try Principal(bytes: bytes).description
        } catch {
            return "0x" + bytes.map { byte in
                let digits = Array("0123456789abcdef")
                return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
            }.joined()
        }
    }

    /// The bytes of the principal written `text`, or an error saying why it
    /// is not a valid textual principal (bad character, checksum, length).
    public static func decode(_ text: String) throws(QLError) -> [UInt8] {
        do throws(StableError) {
            return try Principal(text: text).bytes
        } catch {
            guard case let .malformedEncoding(_, reason) = error else { throw QLError("invalid principal: \(error)") }
            throw QLError("invalid principal: \(reason)")
        }
    }
}
