/// StableQL's built-in functions: `str`, `len`, `hex`, `blob`, `repeat`, `hash`.
enum Builtins {
    /// Names, for completion and messages.
    static let names = ["blob", "hash", "hex", "len", "repeat", "str"]

    /// The largest string or blob `repeat` builds (16 MiB).
    static let maximumRepeatBytes = Value.maximumByteLength

    /// Calls the built-in `name`.
    static func call(_ name: String, _ arguments: [Value]) throws(QLError) -> Value {
        func arity(_ count: Int) throws(QLError) {
            guard arguments.count == count else {
                throw QLError("\(name)() takes \(count) argument\(count == 1 ? "" : "s"), found \(arguments.count)")
            }
        }
        switch name {
        case "str":
            try arity(1)
            return .string(arguments[0].plain())
        case "len":
            try arity(1)
            switch arguments[0] {
            case let .string(text): return .int(text.utf8.count)
            case let .blob(bytes), let .principal(bytes): return .int(bytes.count)
            case let .tuple(elements): return .int(elements.count)
            default: throw QLError("len() needs a string, blob, principal or tuple, found \(arguments[0].kindName) \(arguments[0].literal)")
            }
        case "hex":
            try arity(1)
            switch arguments[0] {
            case let .blob(bytes), let .principal(bytes): return .string(Value.hex(bytes))
            case let .string(text): return .string(Value.hex(Array(text.utf8)))
            case let .integer(value):
                return .string((value.isNegative ? "-" : "") + String(value.magnitude, radix: 16))
            default: throw QLError("hex() needs a blob, string or integer, found \(arguments[0].kindName) \(arguments[0].literal)")
            }
        case "blob":
            try arity(1)
            switch arguments[0] {
            case let .string(text): return .blob(Array(text.utf8))
            case let .blob(bytes), let .principal(bytes): return .blob(bytes)
            default: throw QLError("blob() needs a string, blob or principal, found \(arguments[0].kindName) \(arguments[0].literal)")
            }
        case "repeat":
            try arity(2)
            guard case let .integer(count) = arguments[1], !count.isNegative, let times = count.exactly(Int.self) else {
                throw QLError("repeat() needs a count from 0 up, found \(arguments[1].literal)")
            }
            switch arguments[0] {
            case let .string(text):
                guard text.utf8.isEmpty || times <= maximumRepeatBytes / text.utf8.count else {
                    throw QLError("repeat() result would exceed \(maximumRepeatBytes) bytes")
                }
                return .string(String(repeating: text, count: times))
            case let .blob(bytes):
                guard bytes.isEmpty || times <= maximumRepeatBytes / bytes.count else {
                    throw QLError("repeat() result would exceed \(maximumRepeatBytes) bytes")
                }
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count * times)
                for _ in 0..<times { out += bytes }
                return .blob(out)
            default: throw QLError("repeat() repeats a string or blob, found \(arguments[0].kindName) \(arguments[0].literal)")
            }
        case "hash":
            try arity(1)
            return .int(hash(arguments[0]))
        default:
            throw QLError(.name, "unknown function '\(name)' (built-ins: \(names.joined(separator: ", ")))")
        }
    }

    /// `hash(x)`: FNV-1a 64 (offset basis 0xcbf29ce484222325, prime
    /// 0x100000001b3) over the bytes of a string (UTF-8) or blob, and over
    /// the UTF-8 of the StableQL literal form for every other value. A u64.
    static func hash(_ value: Value) -> UInt64 {
        let bytes: [UInt8]
        switch value {
        case let .string(text): bytes = Array(text.utf8)
        case let .blob(data): bytes = data
        default: bytes = Array(value.literal.utf8)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
