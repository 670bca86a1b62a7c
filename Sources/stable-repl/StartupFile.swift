import Foundation

/// The startup file `~/.stablereplrc`: a script run at the start of an
/// interactive session (before the first prompt), as `~/.sqliterc` is.
enum StartupFile {
    /// The path of the startup file in the user's home folder, whether or
    /// not it exists.
    static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".stablereplrc")
    }
}
