import Foundation
import Testing

/// `Scripts/install.sh` with an already built binary, into a temporary prefix.
@Suite("Scripts/install.sh")
struct InstallScriptTests {
    @Test("installs the binary and the bash, zsh and fish completions under PREFIX")
    func install() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let prefix = try TemporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("Scripts/install.sh").path, prefix.url.path]
        var environment = ProcessInfo.processInfo.environment
        environment["STABLE_REPL_BIN"] = Products.repl.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let installed = prefix.path("bin/stable-repl")
        #expect(FileManager.default.isExecutableFile(atPath: installed))
        let version = Process()
        version.executableURL = URL(fileURLWithPath: installed)
        version.arguments = ["-c", "print 6 * 7;"]
        let pipe = Pipe()
        version.standardOutput = pipe
        try version.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        version.waitUntilExit()
        #expect(version.terminationStatus == 0)
        #expect(String(decoding: output, as: UTF8.self) == "42\n")

        for (file, marker) in [("share/bash-completion/completions/stable-repl", "complete"),
                               ("share/zsh/site-functions/_stable-repl", "#compdef stable-repl"),
                               ("share/fish/vendor_completions.d/stable-repl.fish", "complete -c 'stable-repl'")] {
            let text = (try? String(contentsOfFile: prefix.path(file), encoding: .utf8)) ?? ""
            #expect(text.contains(marker), "\(file)")
            #expect(text.contains("keep-going"), "\(file) completes the options")
        }
    }
}
