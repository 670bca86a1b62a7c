import Foundation

/// Where the interactive history is kept.
enum HistoryFile {
    /// `$XDG_STATE_HOME/stable-repl/history` when `XDG_STATE_HOME` is set,
    /// otherwise `~/.stable_repl_history`; nil when neither can be named.
    /// Creating the folder may fail: saving then fails quietly.
    static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            let folder = (state as NSString).appendingPathComponent("stable-repl")
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return (folder as NSString).appendingPathComponent("history")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        guard !home.isEmpty else { return nil }
        return (home as NSString).appendingPathComponent(".stable_repl_history")
    }
}
