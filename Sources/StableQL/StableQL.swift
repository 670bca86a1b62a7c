import StableStructures

/// StableQL, the language of `stable-repl`: lexer, parser and interpreter over
/// the StableStructures library (see `docs/StableQL.md` for the language).
///
/// The module is layered as the design describes: `Syntax` (tokens, lexer,
/// AST, parser, diagnostics), `Types` and `Values` (StableQL types, the
/// dynamic ``Value``, exact conversions, codecs into the library's `Storable`
/// types), `Output` (table, list, CSV and JSON renderers) and `Runtime` (the
/// ``Session``, structure bindings, the transactional session memory).
///
/// Choices made where the language reference is silent:
/// - Integers carry no type until stored: arithmetic is exact over
///   −(2¹²⁸−1)…2¹²⁸−1 and overflow is an error; a value is checked against
///   the declared type when it reaches a structure. Any float operand makes a
///   float result.
/// - `len(x)` counts UTF-8 bytes of a string (the unit of the storage
///   bounds), bytes of a blob, elements of a tuple, entries of a binding.
/// - `str(x)` is the plain text of a value (strings unquoted, blobs `0x…`).
/// - `hash(x)` is FNV-1a 64 (offset basis 0xcbf29ce484222325, prime
///   0x100000001b3) over a string's UTF-8, a blob's bytes, or the literal
///   text of any other value; the result is a u64.
/// - A bare mutating call prints what it returns unless that is `none` or
///   unit, and never inside a loop body; `print` always prints.
/// - `for x in s.iter()` reads the rows first, so the body may change `s`;
///   map rows bind `x` to a `(key, value)` tuple.
/// - `blob<N>`/`bytes<N>` exist for N in 0…64 and a list of larger sizes
///   (the library's `Blob<N>` takes N at compile time).
/// - A text with syntax errors is not run (every error is reported), unless
///   the run keeps going.
/// - Every top-level statement is a transaction on the session memory: it is
///   rolled back when it fails, and its writes are committed (for an image,
///   journaled and synced) as soon as it succeeds, so a killed process leaves
///   the image exactly as after some number of whole statements.
public enum StableQL {
    /// The language version this module implements.
    public static let version = "0.1.0"
}
