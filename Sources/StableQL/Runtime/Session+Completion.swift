import Foundation

extension Session {
    /// Candidates for Tab completion of the word before `cursor` in `line`.
    ///
    /// `cursor` counts the `Character`s of `line` before the cursor (clamped). Offers, by context:
    /// file and directory names (directories end in `/`) inside `open "`;
    /// type names (declared record types included) after `of`, `->`,
    /// `option<`, inside a type tuple or after a record field's `:`;
    /// the methods of a structure after `name.`, the fields of a record
    /// value after `value.` in a query (`select value.na… from users`);
    /// otherwise keywords, binding
    /// names and built-in functions. Candidates start with the partial word
    /// and are sorted.
    public func completions(for line: String, cursor: Int) -> [String] {
        let before = String(line.prefix(max(0, cursor)))
        if let pathPrefix = Session.openPathPrefix(before) ?? Session.quotedPrefix(after: "import \"", in: before) {
            return Session.fileCompletions(pathPrefix)
        }
        var wordStart = before.unicodeScalars.endIndex
        while wordStart > before.unicodeScalars.startIndex {
            let previous = before.unicodeScalars.index(before: wordStart)
            let scalar = before.unicodeScalars[previous]
            guard scalar.isASCII, Lexer.isIdentifierContinue(UInt8(scalar.value)) else { break }
            wordStart = previous
        }
        let word = String(before.unicodeScalars[wordStart...])
        let head = String(before.unicodeScalars[..<wordStart])
        let candidates: [String]
        if head.hasSuffix(".") {
            candidates = methodNames(forReceiverBefore: String(head.dropLast()))
                + rowFieldNames(receiverBefore: String(head.dropLast()), line: line)
        } else if Session.expectsCandidTypeName(head) {
            candidates = candid.types.names
        } else if Session.expectsType(head) {
            candidates = Array(Parser.plainTypeNames) + ["blob<", "bytes<", "option<", "record"] + Array(types.keys)
        } else {
            candidates = Keyword.allCases.map(\.rawValue) + ["type"] + bindingNames + Builtins.names
        }
        return Set(candidates.filter { $0.hasPrefix(word) }).sorted()
    }

    /// The method names of the binding whose name ends `head`.
    func methodNames(forReceiverBefore head: String) -> [String] {
        let name = String(head.unicodeScalars.reversed().prefix { scalar in
            scalar.isASCII && Lexer.isIdentifierContinue(UInt8(scalar.value))
        }.reversed().map(Character.init))
        return methodNames(ofBinding: name)
    }

    /// The method names of binding `name` (empty for scalars and unknown names).
    func methodNames(ofBinding name: String) -> [String] {
        structures[name]?.kind.methods.map(\.name) ?? []
    }

    /// Whether the text before the word is a place where a type is written.
    static func expectsType(_ head: String) -> Bool {
        var trimmed = head
        while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
        if trimmed.hasSuffix("->") || trimmed.hasSuffix("<") { return true }
        if trimmed.hasSuffix(" of") || trimmed == "of" { return true }
        if trimmed.hasSuffix(":") {
            // A record field's type: `record {` occurs after the last `;`.
            let statement = trimmed.split(separator: ";", omittingEmptySubsequences: false).last ?? ""
            return statement.contains("record")
        }
        if trimmed.hasSuffix("(") || trimmed.hasSuffix(",") {
            // Inside a tuple type: an `of` occurs after the last `;`.
            let statement = trimmed.split(separator: ";", omittingEmptySubsequences: false).last ?? ""
            return statement.contains(" of ") || statement.contains(" of(")
        }
        return false
    }

    /// Whether the word is the NAME of `candid NAME` in a type.
    static func expectsCandidTypeName(_ head: String) -> Bool {
        var trimmed = head
        guard trimmed.last == " " || trimmed.last == "\t" else { return false }
        while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
        guard trimmed.hasSuffix("candid") else { return false }
        return expectsType(String(trimmed.dropLast("candid".count)))
    }

    /// The partial text after `opening` (such as `import "`) when the cursor is inside its quotes.
    static func quotedPrefix(after opening: String, in before: String) -> String? {
        guard let range = before.range(of: opening, options: .backwards) else { return nil }
        let rest = before[range.upperBound...]
        if rest.contains("\"") { return nil }
        return String(rest)
    }

    /// The partial path when the cursor is inside the quotes of `open "…`.
    static func openPathPrefix(_ before: String) -> String? {
        guard let range = before.range(of: "open \"", options: .backwards) else { return nil }
        let rest = before[range.upperBound...]
        if rest.contains("\"") { return nil }
        return String(rest)
    }

    /// Paths starting with `prefix`, directories with a trailing `/`.
    static func fileCompletions(_ prefix: String) -> [String] {
        let directoryPart: String
        let namePart: String
        if let slash = prefix.lastIndex(of: "/") {
            directoryPart = String(prefix[...slash])
            namePart = String(prefix[prefix.index(after: slash)...])
        } else {
            directoryPart = ""
            namePart = prefix
        }
        var directory = directoryPart.isEmpty ? "." : directoryPart
        if directory.hasPrefix("~") {
            directory = NSString(string: directory).expandingTildeInPath
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var results: [String] = []
        for name in names where name.hasPrefix(namePart) {
            if name.hasPrefix("."), !namePart.hasPrefix(".") { continue }
            var isDirectory: ObjCBool = false
            let full = (directory as NSString).appendingPathComponent(name)
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            results.append(directoryPart + name + (isDirectory.boolValue ? "/" : ""))
        }
        return results.sorted()
    }
}
