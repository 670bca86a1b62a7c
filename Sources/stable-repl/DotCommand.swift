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
    /// The text after the name, as typed (`.check` compares it verbatim).
    var rawArguments: String = ""
    /// The lines of a here-document (`.check <<END`), when the script gave them.
    var body: [String]?

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
        ("output", "[FILE]", "write results to FILE (created or emptied) until `.output` alone"),
        ("once", "FILE", "write the next result to FILE"),
        ("maxrows", "[N|off]", "table and list modes show at most N rows of an iteration, then `… M more rows`"),
        ("headers", "on|off", "a header line of column names in csv and list modes"),
        ("pager", "on|off", "show results taller than the terminal through $PAGER (else less)"),
        ("show", "", "list the current settings"),
        ("testcase", "NAME", "capture what the next statements print, for `.check`"),
        ("check", "TEXT | <<END", "compare the captured output with TEXT, or with the lines up to END; a difference fails"),
        ("dump", "[NAME ...]", "print a script that recreates the named (or all) bindings"),
        ("import", "FILE NAME [--csv|--json] [--no-header]", "load rows from a CSV or JSON Lines file into a structure, atomically"),
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
        let afterDot = text.dropFirst()
        rawArguments = String(afterDot.drop { $0 != " " && $0 != "\t" }.dropFirst())
        while rawArguments.last == "\r" { rawArguments.removeLast() }
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
