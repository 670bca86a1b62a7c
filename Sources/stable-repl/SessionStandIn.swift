// TEMPORARY STAND-IN for `StableQL.Session` — delete this file when the real
// Session lands on main. It has exactly the agreed public API and only
// pretends to run statements: it echoes `print X;`, fails `assert false;`,
// remembers `let NAME = KIND(...)` bindings for completion, and treats
// `sleep N;` as a statement that runs N seconds unless interrupted.

import Foundation
import Synchronization

public enum OutputMode: String, CaseIterable, Sendable { case table, list, csv, json }

public struct SessionOptions: Sendable {
    public var mode: OutputMode = .table
    public var echo = false
    public var timer = false
    public var screenRows: Int? = nil
    public init() {}
}

public protocol OutputSink: AnyObject {
    func write(_ text: String)
    func writeError(_ text: String)
}

public final class Session {
    public var options: SessionOptions
    private let output: OutputSink
    private let interrupted = Atomic<Bool>(false)
    private var bindings: [String: String] = [:]

    public init(options: SessionOptions = SessionOptions(), output: OutputSink) {
        self.options = options
        self.output = output
    }

    @discardableResult
    public func run(_ source: String, origin: String, keepGoing: Bool = false) -> Bool {
        interrupted.store(false, ordering: .relaxed)
        var ok = true
        for (text, line) in Self.statements(source) {
            if options.echo { output.write(text + "\n") }
            let started = Date()
            if !execute(text, line: line, origin: origin) {
                ok = false
                if !keepGoing { return false }
            }
            if options.timer {
                output.write(String(format: "time: %.3fs\n", Date().timeIntervalSince(started)))
            }
        }
        return ok
    }

    private func execute(_ text: String, line: Int, origin: String) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init)
        guard let first = words.first else { return true }
        switch first {
        case "assert" where words.count > 1 && words[1] == "false":
            output.writeError("error: \(origin):\(line): assertion failed\n")
            return false
        case "sleep":
            let seconds = Double(words.dropFirst().first ?? "1") ?? 1
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if interrupted.load(ordering: .relaxed) {
                    output.writeError("error: \(origin):\(line): interrupted\n")
                    return false
                }
                usleep(10_000)
            }
            return true
        case "let" where words.count > 3:
            let kind = words[3].prefix { $0.isLetter }
            bindings[words[1]] = String(kind)
            return true
        case "print":
            var value = text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)
            if value.hasSuffix(";") { value.removeLast() }
            output.write(options.mode == .json ? "\"\(value)\"\n" : value + "\n")
            return true
        case "bogus":
            output.writeError("error: \(origin):\(line): unknown statement\n")
            return false
        default:
            return true
        }
    }

    /// Splits source into statements with the line each starts on.
    private static func statements(_ source: String) -> [(String, Int)] {
        var result: [(String, Int)] = []
        var current = ""
        var line = 1
        var startLine = 1
        var depth = 0
        var inString = false
        for ch in source {
            if current.allSatisfy(\.isWhitespace) { startLine = line; if ch.isWhitespace { current = "" } }
            current.append(ch)
            if ch == "\n" { line += 1 }
            if ch == "\"" { inString.toggle() }
            if inString { continue }
            if ch == "{" { depth += 1 }
            if ch == "}" { depth -= 1 }
            if depth == 0 && (ch == ";" || ch == "}") {
                result.append((current.trimmingCharacters(in: .whitespacesAndNewlines), startLine))
                current = ""
            }
        }
        if !current.allSatisfy(\.isWhitespace) {
            result.append((current.trimmingCharacters(in: .whitespacesAndNewlines), startLine))
        }
        return result
    }

    public static func isComplete(_ text: String) -> Bool {
        var depth = 0
        var inString = false
        var last: Character = ";"
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let code = line.range(of: "--").map { line[..<$0.lowerBound] } ?? line
            for ch in code {
                if ch == "\"" { inString.toggle() }
                if inString { continue }
                if ch == "{" { depth += 1 }
                if ch == "}" { depth -= 1 }
                if !ch.isWhitespace { last = ch }
            }
        }
        return !inString && depth <= 0 && (last == ";" || last == "}")
    }

    private static let keywords = [
        "let", "drop", "open", "close", "upgrade", "reclaim", "memories", "describe",
        "print", "assert", "for", "map", "set", "vec", "log", "cell", "heap", "sleep",
    ]
    private static let methods = [
        "map": ["insert(", "get(", "contains(", "remove(", "len()", "is_empty()", "iter()", "range("],
        "vec": ["push(", "pop()", "get(", "set(", "len()", "iter()"],
    ]

    public func completions(for line: String, cursor: Int) -> [String] {
        let prefix = String(line.prefix(cursor))
        let word = String(prefix.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }.reversed())
        if let dot = word.firstIndex(of: ".") {
            let name = String(word[..<dot])
            let partial = word[word.index(after: dot)...]
            guard let kind = bindings[name] else { return [] }
            return (Self.methods[kind] ?? []).filter { $0.hasPrefix(partial) }
        }
        return (Self.keywords + bindings.keys.sorted()).filter { $0.hasPrefix(word) && !word.isEmpty }
    }

    public var bindingNames: [String] { bindings.keys.sorted() }

    public func interrupt() { interrupted.store(true, ordering: .relaxed) }

    public func close() {}
}
