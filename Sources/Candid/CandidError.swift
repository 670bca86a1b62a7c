/// A failure of the Candid library: malformed input, a value that does not
/// fit its type, or a limit reached.
public struct CandidError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: Sendable, Equatable {
        /// The bytes are not a well-formed Candid message.
        case malformed
        /// A value's wire type does not fit the expected type (Candid subtyping fails).
        case typeMismatch
        /// A decoding limit (cost, depth, size) was reached: the message is refused.
        case limitExceeded
        /// A type definition is invalid (unknown name, cycle, duplicate field).
        case invalidType
        /// A value given to the encoder does not have the given type.
        case invalidValue
        /// Candid text (a value, a type, a `.did` file) does not parse.
        case syntax
    }

    /// The kind of failure.
    public let kind: Kind
    /// A human-readable explanation.
    public let message: String

    /// A failure of this kind.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
