// The logic of the `stableql` libFuzzer target (Fuzz/stableql.swift), shared
// with the corpus replay in StableQLCorpusTests. Only the standard library and
// StableQL: `Scripts/fuzz.sh` compiles this file into the fuzzer binary.

import StableQL

/// An output sink that discards everything (the fuzzer checks only that
/// running never traps or hangs).
final class DiscardingSink: OutputSink {
    func write(_ text: String) {}
    func writeError(_ text: String) {}
}

/// The `stableql` target's "run one input" function.
enum StableQLFuzzHarness {
    /// Whether `source` is run: sources that could touch files or run for
    /// long by design are skipped (the language has loops and `repeat`).
    static func isRunnable(_ source: String) -> Bool {
        if source.contains("open") || source.contains("for") || source.contains("while") || source.contains(".read") { return false }
        var digits = 0
        for scalar in source.unicodeScalars {
            if ("0" ... "9").contains(scalar) || ("a" ... "f").contains(scalar) || ("A" ... "F").contains(scalar) {
                digits += 1
                if digits > 5 { return false }
            } else {
                digits = 0
            }
        }
        // `repeat` multiplies sizes: one call, no multiplications or shifts.
        let repeats = source.components(separatedByString: "repeat")
        if repeats > 2 { return false }
        if repeats == 2 && (source.contains("*") || source.contains("<<") || source.contains("+")) { return false }
        return true
    }

    /// Parses the input as StableQL (invalid UTF-8 is repaired) and, when
    /// runnable, runs it in a fresh session on an in-heap memory.
    static func run(_ data: [UInt8]) {
        let source = String(decoding: data, as: UTF8.self)
        _ = Session.isComplete(source)
        guard isRunnable(source) else { return }
        let session = Session(output: DiscardingSink())
        _ = session.run(source, origin: "<fuzz>", keepGoing: true)
        _ = session.run("upgrade; memories;", origin: "<fuzz>", keepGoing: true)
        session.close()
    }
}

extension String {
    /// How many pieces `separator` cuts the string into (no Foundation).
    fileprivate func components(separatedByString separator: String) -> Int {
        var count = 1
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
