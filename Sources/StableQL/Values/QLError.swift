import StableStructures

/// A StableQL diagnostic: what went wrong (its ``Kind``), where (a source
/// location, once known), and in which call (a context chain such as
/// `users.insert`, `key 7`), rendered in one place (``render(source:file:)``).
///
/// ``message`` is what the user sees after `error: `; it names the value, the
/// type and the limit where one is involved ("300 does not fit u8 (0...255)").
/// Code that reacts to an error looks at ``kind``, never at the text.
public struct QLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: Equatable, Sendable {
        /// The text is not valid StableQL.
        case syntax
        /// A name that is not bound, or bound to something else.
        case name
        /// A value or a type that does not fit where it is used.
        case type
        /// Any other failure while running: an assertion, an overflow, an interrupt.
        case runtime
        /// The library refused or failed, with its error.
        case library(StableError)
        /// A file could not be opened, read or written.
        case io
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// The innermost description, without context.
    public var reason: String
    /// The calls and items the error happened in, outermost first
    /// (`["users.insert", "key 7"]`).
    public var context: [String]
    /// Where in the source it happened: a syntax error's token, or the start
    /// of the failing statement; nil until known.
    public var location: SourceLocation?

    /// A run-time error with `message`.
    public init(_ message: String) {
        self.init(.runtime, message)
    }

    /// An error of `kind`.
    public init(_ kind: Kind, _ reason: String, location: SourceLocation? = nil) {
        self.kind = kind
        self.reason = reason
        self.context = []
        self.location = location
    }

    /// A syntax error found by the parser.
    public init(_ diagnostic: Diagnostic) {
        self.init(.syntax, diagnostic.message, location: diagnostic.location)
    }

    /// The message: the context chain, then the reason, joined by `: `.
    public var message: String {
        context.isEmpty ? reason : (context + [reason]).joined(separator: ": ")
    }

    /// The message.
    public var description: String { message }

    /// The same error inside `context` ("users.insert: …").
    public func prefixed(_ context: String) -> QLError {
        var error = self
        error.context.insert(context, at: 0)
        return error
    }

    /// The same error about a value playing `role` ("key 300 does not fit u8").
    func about(_ role: String) -> QLError {
        QLError(kind, "\(role) \(message)", location: location)
    }

    /// The same error at `location`, unless it already has one.
    func located(_ location: SourceLocation) -> QLError {
        var error = self
        if error.location == nil { error.location = location }
        return error
    }

    /// The text written to standard error, ending with a newline.
    ///
    /// - A syntax error: `error: line L, column C: MESSAGE` (or
    ///   `error: FILE:L:C: MESSAGE`), the source line and a caret line.
    /// - Any other error: `error: MESSAGE`, or `error: FILE:LINE: MESSAGE`.
    ///
    /// `file` is the script's name, nil for interactive input and `-c`.
    public func render(source: String, file: String?) -> String {
        guard let location else { return "error: \(message)\n" }
        if kind == .syntax {
            return Diagnostic(message: message, location: location).render(source: source, file: file)
        }
        guard let file else { return "error: \(message)\n" }
        return "error: \(file):\(location.line): \(message)\n"
    }
}
