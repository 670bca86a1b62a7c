import CEditLine
import Foundation

/// Line editing, history and Tab completion over libedit's native API.
///
/// libedit calls back into C function pointers that capture nothing; they
/// find this object again through `EL_CLIENTDATA`.
final class LineEditor {
    /// What `readLine()` got.
    enum Input: Equatable {
        /// A line, with its trailing newline.
        case line(String)
        /// Ctrl-C at the prompt.
        case interrupted
        /// Ctrl-D on an empty line, or the end of input.
        case endOfInput
    }

    /// What Tab should do, given the text before and after the cursor.
    typealias Completer = (_ before: String, _ after: String) -> [String]

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private var promptBuffer: UnsafeMutablePointer<CChar>
    private let historyPath: String?
    /// Readable when Ctrl-C was pressed at the prompt (-1: none).
    private let interruptFD: Int32
    /// Set when the last read ended because of Ctrl-C.
    private var interrupted = false
    /// Candidates for Tab.
    var completer: Completer?

    /// The prompt; `bold` wraps it in non-printing escapes libedit skips when
    /// measuring the line.
    func setPrompt(_ text: String, bold: Bool) {
        let full = bold ? "\u{1}\(Terminal.Style.bold)\u{1}\(text)\u{1}\(Terminal.Style.reset)\u{1}" : text
        free(promptBuffer)
        promptBuffer = strdup(full)
    }

    /// Opens the editor on the process's terminal and loads the history file.
    init?(program: String, historyPath: String?, historySize: Int32 = 1000, interruptFD: Int32) {
        guard let history = history_init() else { return nil }
        guard let editLine = ce_el_init(program) else {
            history_end(history)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.historyPath = historyPath
        self.interruptFD = interruptFD
        promptBuffer = strdup("")

        _ = ce_history_set_size(history, historySize)
        _ = ce_history_set_unique(history, 1)
        if let historyPath { _ = ce_history_load(history, historyPath) }

        _ = ce_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = ce_el_set_editor(editLine, "emacs")
        _ = ce_el_set_signal(editLine, 1)
        _ = ce_el_set_history(editLine, history)
        _ = ce_el_set_prompt_esc(editLine, { el in
            guard let el, let editor = LineEditor.from(el) else { return nil }
            return editor.promptBuffer
        }, 1)
        _ = ce_el_add_function(editLine, "stable-complete", "Complete the word before the cursor", { el, _ in
            guard let el, let editor = LineEditor.from(el) else { return UInt8(CC_ERROR) }
            return editor.complete()
        })
        _ = ce_el_bind(editLine, "^I", "stable-complete")
        _ = ce_el_set_getc(editLine, { el, character in
            guard let el, let character, let editor = LineEditor.from(el) else { return -1 }
            return editor.readCharacter(into: character)
        })
        // The user's ~/.editrc may rebind keys; a missing file is fine.
        _ = el_source(editLine, nil)
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(promptBuffer)
    }

    private static func from(_ el: OpaquePointer) -> LineEditor? {
        guard let data = ce_el_get_clientdata(el) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// Reads one line from the terminal.
    func readLine() -> Input {
        var count: Int32 = 0
        interrupted = false
        guard let text = el_gets(editLine, &count), count > 0 else {
            return interrupted ? .interrupted : .endOfInput
        }
        return .line(String(cString: text))
    }

    // MARK: - Reading keys

    /// libedit's character reader: one character from the terminal, decoded
    /// from UTF-8. Returns 1, 0 at end of input, or -1 (errno EINTR) when
    /// Ctrl-C was pressed, which makes `el_gets` return NULL.
    private func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        let first: UInt8
        switch readByte() {
        case .byte(let byte): first = byte
        case .end: return 0
        case .interrupted:
            interrupted = true
            errno = EINTR
            return -1
        case .failed: return -1
        }
        let (extra, lead): (Int, UInt8) = switch first {
        case 0..<0x80: (0, first)
        case 0xC0..<0xE0: (1, first & 0x1F)
        case 0xE0..<0xF0: (2, first & 0x0F)
        case 0xF0..<0xF8: (3, first & 0x07)
        default: (-1, 0)
        }
        var value = UInt32(lead)
        if extra < 0 { value = 0xFFFD }
        for _ in 0..<max(0, extra) {
            guard case .byte(let next) = readByte(), next & 0xC0 == 0x80 else {
                value = 0xFFFD
                break
            }
            value = value << 6 | UInt32(next & 0x3F)
        }
        character.pointee = wchar_t(bitPattern: value)
        return 1
    }

    private enum ByteRead { case byte(UInt8), end, interrupted, failed }

    /// Waits for a byte on standard input or for Ctrl-C, whichever comes first.
    private func readByte() -> ByteRead {
        while true {
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: interruptFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, interruptFD >= 0 ? 2 : 1, -1)
            if ready < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failed
            }
            if interruptFD >= 0 && fds[1].revents & Int16(POLLIN) != 0 {
                var sink = [UInt8](repeating: 0, count: 64)
                while read(interruptFD, &sink, sink.count) > 0 {}
                return .interrupted
            }
            guard fds[0].revents != 0 else { continue }
            var byte: UInt8 = 0
            let n = read(STDIN_FILENO, &byte, 1)
            if n == 1 { return .byte(byte) }
            if n == 0 { return .end }
            if errno == EINTR || errno == EAGAIN { continue }
            return .failed
        }
    }

    // MARK: - History

    /// Adds an entry (a whole statement, possibly several lines) and saves the
    /// history file; an unwritable file is ignored.
    func addHistory(_ entry: String) {
        _ = ce_history_enter(history, entry)
        if let historyPath { _ = ce_history_save(history, historyPath) }
    }

    /// The history, oldest first.
    var historyEntries: [String] {
        var entries: [String] = []
        var next = ce_history_step(history, H_LAST)
        while let text = next {
            var entry = String(cString: text)
            if entry.hasSuffix("\n") { entry.removeLast() }
            entries.append(entry)
            next = ce_history_step(history, H_PREV)
        }
        return entries
    }

    // MARK: - Completion

    private func complete() -> UInt8 {
        guard let info = el_line(editLine)?.pointee, let buffer = info.buffer,
              let cursor = info.cursor, let last = info.lastchar else { return UInt8(CC_ERROR) }
        let before = Self.text(from: buffer, to: cursor)
        let after = Self.text(from: cursor, to: last)
        let candidates = completer?(before, after) ?? []
        switch Completion.plan(before: before, candidates: candidates) {
        case .none:
            return UInt8(CC_REFRESH_BEEP)
        case .insert(let text):
            return el_insertstr(editLine, text) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_ERROR)
        case .list(let names):
            ce_el_print("\n" + Completion.columns(names, width: Terminal.columns))
            return UInt8(CC_REDISPLAY)
        }
    }

    private static func text(from start: UnsafePointer<CChar>, to end: UnsafePointer<CChar>) -> String {
        let count = max(0, end - start)
        return start.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }
}
