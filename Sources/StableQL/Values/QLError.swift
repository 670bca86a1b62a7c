/// A run-time error of a StableQL statement: a type mismatch, a value that
/// does not fit its type, an overflow, a failed assertion, an interrupt.
///
/// `message` is what the user sees after `error: `; it names the value, the
/// type and the limit where one is involved ("300 does not fit u8 (0...255)").
public struct QLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The message, without the `error: ` prefix.
    public var message: String

    /// Creates an error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// The same error with `context: ` in front ("users.insert: …").
    public func prefixed(_ context: String) -> QLError {
        QLError("\(context): \(message)")
    }
}
