import StableStructures

/// StableQL, the language of `stable-repl`: lexer, parser and interpreter over
/// the StableStructures library. (Under construction: see the README's status.)
public enum StableQL {
    /// The language version this module implements.
    public static let version = "0.1.0"
}
