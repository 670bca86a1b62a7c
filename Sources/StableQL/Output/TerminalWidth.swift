extension String {
    /// The number of terminal columns the text takes, for aligning tables.
    ///
    /// Counts each extended grapheme cluster (`Character`) as one column, or
    /// two when it is East Asian wide or fullwidth (CJK ideographs, kana,
    /// Hangul syllables, fullwidth forms) or shown as an emoji. Combining
    /// marks and joined emoji sequences belong to their cluster, so `"é"` is
    /// one column however it is composed and `"👩‍💻"` is two.
    ///
    /// - Complexity: O(n) in the length of the text.
    var terminalColumns: Int {
        var columns = 0
        for character in self {
            columns += character.terminalColumns
        }
        return columns
    }
}

extension Character {
    /// 1 or 2 (see `String.terminalColumns`).
    var terminalColumns: Int {
        let scalars = unicodeScalars
        guard let first = scalars.first, first.value >= 0x1100 else { return 1 }
        if first.isEastAsianWide { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        // A text-default emoji asked for as an emoji (U+FE0F) is drawn wide.
        if first.properties.isEmoji && scalars.contains("\u{FE0F}") { return 2 }
        return 1
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is East Asian Wide (W) or Fullwidth (F) outside the
    /// emoji blocks (those are found by their emoji presentation).
    ///
    /// The ranges are the blocks the Unicode East Asian Width data marks W or
    /// F, merged where they are adjacent; unassigned code points inside them
    /// count as wide, as terminals draw them.
    var isEastAsianWide: Bool {
        switch value {
        case 0x1100...0x115F,  // Hangul Jamo leading consonants
             0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
             0x3041...0x33FF,  // kana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed and compatibility
             0x3400...0x4DBF,  // CJK extension A
             0x4E00...0x9FFF,  // CJK unified ideographs
             0xA000...0xA4CF,  // Yi
             0xA960...0xA97F,  // Hangul Jamo extended A
             0xAC00...0xD7A3,  // Hangul syllables
             0xF900...0xFAFF,  // CJK compatibility ideographs
             0xFE10...0xFE19,  // vertical forms
             0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
             0xFF00...0xFF60,  // fullwidth forms
             0xFFE0...0xFFE6,  // fullwidth signs
             0x16FE0...0x16FE4, 0x17000...0x18CFF,  // Tangut, Khitan
             0x1B000...0x1B2FF,  // kana supplement and extensions, Nüshu
             0x20000...0x2FFFD, 0x30000...0x3FFFD:  // CJK extensions B and later
            return true
        default:
            return false
        }
    }
}
