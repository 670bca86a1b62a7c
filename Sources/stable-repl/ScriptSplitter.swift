/// Cuts script text into runs of statements and dot-commands.
///
/// A line whose first non-blank character is `.` is a dot-command when it
/// appears where a new statement could start (no statement is pending).
/// Consecutive statements are kept together as one piece, so the session
/// sees as much text at a time as possible; every piece records the line it
/// starts on so errors can name the right line.
struct ScriptSplitter {
    /// A piece of a script.
    enum Piece: Equatable {
        /// StableQL text starting on `line` (1-based).
        case statements(String, line: Int)
        /// A dot-command on `line`.
        case command(String, line: Int)
    }

    /// Decides whether text ends with a complete statement.
    var isComplete: (String) -> Bool

    /// Splits a whole script.
    func split(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var chunk = ""          // complete statements not yet emitted
        var chunkLine = 0       // the line the chunk starts on
        var chunkNextLine = 0   // the line that text appended to the chunk starts on
        var pending = ""        // an unfinished statement
        var pendingLine = 0
        var lineNumber = 0

        func appendPending() {
            if chunk.isEmpty {
                chunkLine = pendingLine
            } else if pendingLine > chunkNextLine {
                // Keep line numbers right across skipped blank and comment lines.
                chunk += String(repeating: "\n", count: pendingLine - chunkNextLine)
            }
            chunk += pending
            chunkNextLine = lineNumber + 1
            pending = ""
        }

        func flushChunk() {
            if !chunk.isEmpty { pieces.append(.statements(chunk, line: chunkLine)) }
            chunk = ""
        }

        var hereDocument: (lines: [Substring], end: Substring, line: Int)?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if var document = hereDocument {
                document.lines.append(line)
                hereDocument = document
                if Self.trimmed(line) == document.end {
                    pieces.append(.command(document.lines.joined(separator: "\n"), line: document.line))
                    hereDocument = nil
                }
                continue
            }
            if pending.isEmpty {
                let code = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
                if code.isEmpty || code.hasPrefix("--") { continue }
                if let command = DotCommand(line: line) {
                    flushChunk()
                    if let end = Self.hereDocumentEnd(command) {
                        hereDocument = ([line], end, lineNumber)
                        continue
                    }
                    pieces.append(.command(String(line), line: lineNumber))
                    continue
                }
                pendingLine = lineNumber
            }
            pending += line
            pending += "\n"
            if isComplete(pending) { appendPending() }
        }
        // A here-document without its end line: the command reports it.
        if let document = hereDocument {
            pieces.append(.command(document.lines.joined(separator: "\n"), line: document.line))
        }
        if !pending.isEmpty { appendPending() }
        flushChunk()
        return pieces
    }

    /// The end word of a command that takes a here-document (`.check <<END`).
    static func hereDocumentEnd(_ command: DotCommand) -> Substring? {
        guard command.name == "check", command.arguments.count == 1, command.arguments[0].hasPrefix("<<") else { return nil }
        let end = command.arguments[0].dropFirst(2)
        return end.isEmpty ? nil : end
    }

    private static func trimmed(_ line: Substring) -> Substring {
        var line = line
        while line.last == "\r" || line.last == " " || line.last == "\t" { line.removeLast() }
        return line
    }
}
