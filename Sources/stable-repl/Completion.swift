/// What Tab does with a list of candidates.
///
/// Candidates are whole words (`insert(`, `users`, `.mode`); the part already
/// typed is the longest end of the text before the cursor that starts a
/// candidate, so the plan works whatever the session counts as a word.
enum Completion: Equatable {
    /// Nothing fits.
    case none
    /// Insert this text at the cursor.
    case insert(String)
    /// Several candidates and nothing more to insert: show them.
    case list([String])

    static func plan(before: String, candidates: [String]) -> Completion {
        let unique = Array(Set(candidates)).sorted()
        guard !unique.isEmpty else { return .none }
        let typed = Array(before)
        let rests = unique.map { candidate -> [Character] in
            let chars = Array(candidate)
            var k = min(chars.count, typed.count)
            while k > 0 && Array(typed[(typed.count - k)...]) != Array(chars[..<k]) { k -= 1 }
            return Array(chars[k...])
        }
        var common = rests[0]
        for rest in rests.dropFirst() {
            var n = 0
            while n < common.count && n < rest.count && common[n] == rest[n] { n += 1 }
            common.removeSubrange(n...)
        }
        if !common.isEmpty { return .insert(String(common)) }
        if unique.count == 1 { return .none }  // already complete
        return .list(unique)
    }

    /// The names laid out in columns for a terminal `width` characters wide.
    static func columns(_ names: [String], width: Int) -> String {
        let cell = (names.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / cell)
        var text = ""
        for (index, name) in names.enumerated() {
            let last = index % perRow == perRow - 1 || index == names.count - 1
            text += last ? name + "\n" : name.padding(to: cell)
        }
        return text
    }
}
