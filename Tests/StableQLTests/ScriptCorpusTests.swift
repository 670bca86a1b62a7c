import Foundation
import StableQL
import StableTestSupport
import Testing

/// The StableQL script corpus: every script of `Tests/StableQLTests/Corpus`
/// runs in-process through a ``Session`` (keep going after errors), once in
/// table mode and once in json mode, and its transcript is compared with
/// `Corpus/expected/NAME.out` and `NAME.json.out`.
///
/// The transcript interleaves, in the order they happen:
/// - in table mode, each statement's text (the session's echo) before it runs;
/// - what the session writes to standard output, as is;
/// - what it writes to standard error, each line prefixed with `!! `.
///
/// Scripts name a fresh temporary folder `$TMP`, the golden images'
/// folder `$GOLDEN` and the corpus folder `$CORPUS` (its `.did` files); the transcript shows those names, not the real paths.
/// `$TMP/six-bytes.img` exists (6 bytes, not a whole number of pages).
/// A line `.mode NAME` switches the output mode between runs, as the shell's
/// dot-command does (it is the only dot-command the corpus uses).
///
/// The expected files were reviewed against the language reference by hand.
/// After a deliberate change of output, re-record them with
/// `STABLE_RECORD_CORPUS=1 swift test --filter ScriptCorpusTests` and review the diff.
@Suite("StableQL script corpus", .serialized)
struct ScriptCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Corpus")

    static let recording = ProcessInfo.processInfo.environment["STABLE_RECORD_CORPUS"] == "1"

    /// Every script name (without `.sql`), sorted.
    static let allScripts: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".sql") }.map { String($0.dropLast(4)) }.sorted()
    }()

    /// Scripts that read the Rust crate's golden images.
    static let goldenScripts = allScripts.filter { $0.hasPrefix("golden") }

    /// Scripts that need nothing but a temporary folder.
    static let standaloneScripts = allScripts.filter { !$0.hasPrefix("golden") }

    @Test("the corpus is there")
    func corpusIsPresent() {
        #expect(Self.standaloneScripts.count >= 15, "no corpus scripts found in \(Self.directory.path)")
        #expect(!Self.goldenScripts.isEmpty)
    }

    @Test("each script prints what it should, in table mode", arguments: standaloneScripts)
    func tableMode(_ name: String) throws {
        try check(name, mode: .table)
    }

    @Test("each script prints what it should, in json mode", arguments: standaloneScripts)
    func jsonMode(_ name: String) throws {
        try check(name, mode: .json)
    }

    @Test("the golden images print their contents, in table and json mode",
          .enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)),
          arguments: goldenScripts)
    func goldenImages(_ name: String) throws {
        let directory = try #require(Golden.directory)
        let before = try Self.fingerprints(of: directory)
        try check(name, mode: .table)
        try check(name, mode: .json)
        #expect(try Self.fingerprints(of: directory) == before, "the golden folder changed")
    }

    // MARK: - Running a script

    /// Runs the script `name` in `mode` and compares (or records) its transcript.
    func check(_ name: String, mode: OutputMode) throws {
        let source = try String(contentsOf: Self.directory.appendingPathComponent("\(name).sql"), encoding: .utf8)
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("stableql-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        // A fixture: a file that is not a whole number of pages.
        try Data("hello\n".utf8).write(to: temporary.appendingPathComponent("six-bytes.img"))
        var replacements = [("$TMP", temporary.path), ("$CORPUS", Self.directory.path)]
        if let golden = Golden.directory { replacements.append(("$GOLDEN", golden.path)) }

        var text = source
        for (placeholder, path) in replacements { text = text.replacingOccurrences(of: placeholder, with: path) }
        let transcript = try Self.run(text, origin: "\(name).sql", mode: mode)
        var shown = transcript
        for (placeholder, path) in replacements { shown = shown.replacingOccurrences(of: path, with: placeholder) }

        let expectedName = mode == .json ? "\(name).json.out" : "\(name).out"
        let expectedURL = Self.directory.appendingPathComponent("expected/\(expectedName)")
        if Self.recording {
            try FileManager.default.createDirectory(
                at: expectedURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try shown.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(shown == expected, "\(name).sql (\(mode)) differs from expected/\(expectedName):\n\(Self.firstDifference(shown, expected))")
    }

    /// Runs a script in a fresh session; returns its transcript.
    static func run(_ text: String, origin: String, mode: OutputMode) throws -> String {
        let sink = TranscriptSink()
        var options = SessionOptions()
        options.mode = mode
        options.echo = mode != .json
        let session = Session(options: options, output: sink)
        defer { session.close() }
        for piece in split(text) {
            switch piece {
            case let .statements(statements, line):
                let start = sink.standardOutput.endIndex
                // Leading newlines make the session count lines as the file does.
                session.run(String(repeating: "\n", count: line - 1) + statements, origin: origin, keepGoing: true)
                if session.options.mode == .json && !session.options.echo {
                    for line in sink.standardOutput[start...].split(separator: "\n") {
                        let document = try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
                        #expect(document != nil, "\(origin): not one JSON document per line: \(line)")
                    }
                }
            case let .mode(name, line):
                let newMode = try #require(OutputMode(rawValue: name), "\(origin):\(line): unknown mode \(name)")
                session.options.mode = newMode
                session.options.echo = mode != .json
                if session.options.echo { sink.write(".mode \(name)\n") }
            }
        }
        return sink.transcript
    }

    /// A piece of a script: statements starting on `line`, or a `.mode` line.
    enum Piece {
        case statements(String, line: Int)
        case mode(String, line: Int)
    }

    /// Cuts a script at its `.mode` lines (those where a statement could start).
    static func split(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var chunk = ""
        var chunkLine = 1
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let code = line.trimmingCharacters(in: .whitespaces)
            let atBoundary = chunk.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || Session.isComplete(chunk)
            if code.hasPrefix(".mode "), atBoundary {
                if !chunk.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    pieces.append(.statements(chunk, line: chunkLine))
                }
                pieces.append(.mode(String(code.dropFirst(6)).trimmingCharacters(in: .whitespaces), line: lineNumber))
                chunk = ""
                chunkLine = lineNumber + 1
                continue
            }
            chunk += line + "\n"
        }
        if !chunk.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            pieces.append(.statements(chunk, line: chunkLine))
        }
        return pieces
    }

    /// Size and modification date of every file in a folder.
    static func fingerprints(of directory: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(file).path)
            result[file] = "\(attributes[.size] ?? "?") \(attributes[.modificationDate] ?? "?")"
        }
        return result
    }

    /// The first line where two transcripts differ, for the failure message.
    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(actualLines.count, expectedLines.count) {
            let got = index < actualLines.count ? String(actualLines[index]) : "<end>"
            let want = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
            if got != want { return "line \(index + 1):\n  got:      \(got)\n  expected: \(want)" }
        }
        return "(no line differs)"
    }
}

/// Keeps standard output and standard error in one transcript, errors
/// marked line by line with `!! `.
final class TranscriptSink: OutputSink {
    var transcript = ""
    var standardOutput = ""

    func write(_ text: String) {
        transcript += text
        standardOutput += text
    }

    func writeError(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines { transcript += "!! " + line + "\n" }
    }
}
