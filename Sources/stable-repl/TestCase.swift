import StableQL

/// A `.testcase` in a self-checking script: what the statements after it
/// print is captured (not shown) until `.check` compares it.
struct TestCase {
    /// The name given to `.testcase`.
    var name: String
}

extension Shell {
    /// `.check TEXT` or `.check <<END` (the lines up to END come with the
    /// command): compares the captured output, line by line, and fails with
    /// a line diff when it differs. The test case ends either way.
    func check(_ command: DotCommand, origin: String, line: Int) -> Bool {
        output.flush()
        guard let testCase, let captured = output.capture else {
            return fail(.runtime, ".check without a .testcase before it", origin: origin, line: line)
        }
        self.testCase = nil
        output.capture = nil
        let expected: [String]
        if let end = ScriptSplitter.hereDocumentEnd(command) {
            guard var body = command.body, !body.isEmpty,
                  body.last?.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r"))) == String(end) else {
                return fail(.runtime, ".check <<\(end): no line \"\(end)\" ends the expected text", origin: origin, line: line)
            }
            body.removeLast()   // the end word
            expected = body.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        } else {
            expected = [command.rawArguments]
        }
        let actual = Self.lines(of: captured)
        guard actual != expected, !(actual.isEmpty && expected == [""]) else { return true }
        let diff = LineDiff.render(expected: expected, actual: actual)
        return fail(.runtime, "test case \(testCase.name) failed (- expected, + actual):\n" + diff,
                    origin: origin, line: line)
    }

    /// The lines of captured output, without line ends (CR LF or LF).
    static func lines(of bytes: [UInt8]) -> [String] {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        if text.isEmpty { return bytes.isEmpty ? [] : [""] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
    }
}

/// A line diff of two texts, from their longest common subsequence: common
/// lines start with two blanks, removed ones with `- `, added ones with `+ `.
enum LineDiff {
    static func render(expected: [String], actual: [String]) -> String {
        let n = expected.count
        let m = actual.count
        // common[i][j]: the LCS length of expected[i...] and actual[j...].
        var common = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                common[i][j] = expected[i] == actual[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var lines: [String] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, expected[i] == actual[j] {
                lines.append("  " + expected[i])
                i += 1
                j += 1
            } else if i < n, j == m || common[i + 1][j] >= common[i][j + 1] {
                lines.append("- " + expected[i])
                i += 1
            } else {
                lines.append("+ " + actual[j])
                j += 1
            }
        }
        return lines.joined(separator: "\n")
    }
}
