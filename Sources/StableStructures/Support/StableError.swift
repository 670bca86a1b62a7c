/// Everything a caller of the library can cause, as one typed error.
///
/// The library throws `StableError` through typed throws (`throws(StableError)`)
/// everywhere, so that it compiles with Embedded Swift and callers can switch
/// over the cases exhaustively. Traps are reserved for violated internal
/// invariants; anything reachable from a caller's arguments or from the bytes
/// of a memory image is reported here instead.
public enum StableError: Error, Equatable, Sendable {
    /// A read or write of `count` bytes at `offset` reaches past the end of a
    /// memory whose size is `memorySize` bytes.
    case outOfBounds(offset: UInt64, count: UInt64, memorySize: UInt64)

    /// A memory could not grow by `pages` pages (its limit was reached, the
    /// underlying memory refused, or the file system failed).
    case growFailed(pages: UInt64)

    /// The memory holds something other than the expected structure: the
    /// bytes `found` stand where the magic of `expected` should be.
    case badMagic(expected: String, found: [UInt8])

    /// The structure's header names a layout version this library cannot read.
    case unsupportedVersion(structure: String, version: UInt32)

    /// A stored structure was created for another element type (for example a
    /// `Vec` whose header records a different maximum element size).
    case incompatibleElementType(structure: String, detail: String)

    /// The type cannot be used where it was used (for example an unbounded
    /// element type for a `StableVec`, or a 2-tuple with an unbounded part).
    case unsupportedType(String)

    /// An encoded value violates its type's ``StorableBound``: it is longer
    /// than `maxSize`, or not exactly `maxSize` bytes for a fixed-size type.
    case boundViolated(type: String, maxSize: Int, fixedSize: Bool, actualSize: Int)

    /// Bytes that cannot be decoded as a value of `type`.
    case malformedEncoding(type: String, reason: String)

    /// An index at or past the end of a sequence of `count` elements.
    case indexOutOfRange(index: UInt64, count: UInt64)

    /// The bytes of a structure are inconsistent (a node with an impossible
    /// size, an address outside the memory, a cycle, a bad chunk header).
    case corrupted(structure: String, reason: String)

    /// An argument outside the values the operation accepts.
    case invalidArgument(String)

    /// A write or grow was attempted on a memory opened read-only.
    case readOnly(path: String)

    /// A file could not be opened, read, written or synchronised; `errno` is
    /// the C library's error code.
    case io(operation: String, path: String, errno: Int32)

    /// Another process holds the image's lock (process `process`, when known)
    /// and did not release it within the busy timeout (see ``ImageCoordinator``).
    case busy(path: String, process: Int32?)
}

extension StableError: CustomStringConvertible {
    /// A one-line, human-readable description of the error.
    public var description: String {
        switch self {
        case let .outOfBounds(offset, count, memorySize):
            return "access of \(count) bytes at offset \(offset) is out of bounds (memory size \(memorySize) bytes)"
        case let .growFailed(pages):
            return "the memory could not grow by \(pages) pages"
        case let .badMagic(expected, found):
            return "expected a \(expected), found magic \(StableError.render(found))"
        case let .unsupportedVersion(structure, version):
            return "unsupported \(structure) layout version \(version)"
        case let .incompatibleElementType(structure, detail):
            return "incompatible \(structure) element type: \(detail)"
        case let .unsupportedType(detail):
            return "unsupported type: \(detail)"
        case let .boundViolated(type, maxSize, fixedSize, actualSize):
            if fixedSize {
                return "\(type) is fixed-size: expected \(maxSize) bytes, found \(actualSize)"
            }
            return "\(type) holds at most \(maxSize) bytes, found \(actualSize)"
        case let .malformedEncoding(type, reason):
            return "malformed \(type) encoding: \(reason)"
        case let .indexOutOfRange(index, count):
            return "index \(index) is out of range (length \(count))"
        case let .corrupted(structure, reason):
            return "corrupted \(structure): \(reason)"
        case let .invalidArgument(detail):
            return "invalid argument: \(detail)"
        case let .readOnly(path):
            return "\(path) is open read-only"
        case let .io(operation, path, errno):
            if let text = systemErrorText(errno) {
                return "\(operation) failed on \(path) (\(text), errno \(errno))"
            }
            return "\(operation) failed on \(path) (errno \(errno))"
        case let .busy(_, process):
            return "image is busy: locked by " + (process.map { "process \($0)" } ?? "another process")
        }
    }

    /// Renders magic bytes as a quoted string when printable, as hex otherwise.
    static func render(_ bytes: [UInt8]) -> String {
        if !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var text = "\""
            for byte in bytes { text.unicodeScalars.append(Unicode.Scalar(byte)) }
            return text + "\""
        }
        let digits: [Character] = ["0","1","2","3","4","5","6","7","8","9","a","b","c","d","e","f"]
        var text = "0x"
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return text
    }
}
