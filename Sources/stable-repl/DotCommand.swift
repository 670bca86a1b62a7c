/// A shell command line starting with `.`, such as `.mode json`.
///
/// Dot-commands are read one per line, in the REPL and in scripts, wherever a
/// new statement could start. They act on the shell (output mode, timer,
/// history) or are translated into StableQL statements (`.open`, `.memories`).
struct DotCommand: Equatable {
    /// The command name without the dot, lower-cased (`mode`).
    var name: String
    /// The whitespace-separated arguments; `"..."` quotes keep spaces.
    var arguments: [String]

    /// Every command the shell knows, with its argument synopsis and summary.
    static let all: [(name: String, synopsis: String, summary: String)] = [
        ("help", "[TOPIC]", "list statements and commands, or explain one in detail"),
        ("open", "PATH [readonly] [raw] [bucket_size N]", "open (or create) an image file, like `open \"PATH\";`"),
        ("read", "FILE", "run the statements and commands of a script file"),
        ("mode", "table|list|csv|json", "choose how results are printed"),
        ("timer", "on|off", "print how long each statement took"),
        ("echo", "on|off", "print each statement before running it"),
        ("timeout", "[MS]", "wait up to MS milliseconds for another process's lock on the image (default 5000)"),
        ("bindings", "", "list the names declared with `let`"),
        ("memories", "", "show the memory manager's layout, like `memories;`"),
        ("history", "", "list the statements entered so far"),
        ("quit", "[CODE]", "leave the shell"),
        ("exit", "[CODE]", "leave the shell"),
    ]

    /// Parses a line whose first non-blank character is `.`; nil otherwise.
    init?(line: Substring) {
        let text = line.drop { $0 == " " || $0 == "\t" }
        guard text.first == "." else { return nil }
        let words = Self.split(text.dropFirst())
        guard let first = words.first, !first.isEmpty else { return nil }
        name = first.lowercased()
        arguments = Array(words.dropFirst())
    }

    init(name: String, arguments: [String]) {
        self.name = name
        self.arguments = arguments
    }

    /// Splits on blanks, honouring double quotes (with `\"` and `\\` inside).
    private static func split(_ text: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quoted = false
        var escaped = false
        for ch in text {
            if escaped {
                current.append(ch)
                escaped = false
            } else if quoted {
                if ch == "\\" { escaped = true } else if ch == "\"" { quoted = false } else { current.append(ch) }
            } else if ch == "\"" {
                quoted = true
                inWord = true
            } else if ch == " " || ch == "\t" || ch == "\r" || ch == "\n" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
