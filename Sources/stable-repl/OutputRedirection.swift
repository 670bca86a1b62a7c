import Foundation

/// A file that results are written to instead of standard output:
/// `.output FILE` (until `.output` alone) or `.once FILE` (the next result).
final class OutputRedirection {
    /// The file's path, as given.
    let path: String
    /// Whether the redirection ends after the next result.
    let once: Bool
    private var descriptor: Int32
    /// Whether a write failed (the rest is dropped; reported on close).
    private(set) var failed = false

    /// Opens (creates or truncates) `path` for writing; nil when it cannot.
    init?(path: String, once: Bool) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        self.path = path
        self.once = once
        descriptor = fd
    }

    func write(_ bytes: [UInt8]) {
        guard descriptor >= 0, !failed else { return }
        if !ConsoleOutput.writeAll(bytes, to: descriptor) { failed = true }
    }

    func close() {
        guard descriptor >= 0 else { return }
        _ = Foundation.close(descriptor)
        descriptor = -1
    }

    deinit { close() }
}
