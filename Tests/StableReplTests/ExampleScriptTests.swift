import Foundation
import StableTestSupport
import Testing

/// Runs every script of `Examples/scripts` in the real `stable-repl` and
/// compares its standard output with `Examples/scripts/expected/NAME.out`.
///
/// The expected files were reviewed by hand. To rewrite them after a
/// deliberate change of output, run the tests with `STABLE_RECORD_EXAMPLES=1`
/// and review the diff.
@Suite("Example scripts", .serialized)
struct ExampleScriptTests {
    static let scripts: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/scripts")

    static let recording = ProcessInfo.processInfo.environment["STABLE_RECORD_EXAMPLES"] == "1"

    /// Scripts that run on their own, each in a fresh directory.
    static let standalone = [
        "tour", "map", "set", "vec", "log", "cell", "heap", "memory-manager", "schema-upgrade", "candid", "queries", "self-check",
    ]
        .filter { FileManager.default.fileExists(atPath: scripts.appendingPathComponent("\($0).sql").path) }

    /// Checks `output` against the expected file `name.out` (or records it).
    func expect(_ output: String, matches name: String) throws {
        let expectedURL = Self.scripts.appendingPathComponent("expected/\(name).out")
        if Self.recording {
            try FileManager.default.createDirectory(
                at: expectedURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try output.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(output == expected, "output of \(name) differs from expected/\(name).out")
    }

    @Test("each tutorial script runs and prints what it should", arguments: standalone)
    func tutorial(_ name: String) throws {
        let directory = try TemporaryDirectory()
        let run = try ReplRun.run([Self.scripts.appendingPathComponent("\(name).sql").path],
                                  directory: directory.url, timeout: 300)
        #expect(run.status == 0, "\(name).sql failed: \(run.stderr)")
        #expect(run.stderr.isEmpty, "\(name).sql wrote to stderr: \(run.stderr)")
        try expect(run.stdout, matches: name)
    }

    @Test("each tutorial script prints the same results as JSON Lines in json mode", arguments: standalone)
    func tutorialAsJSON(_ name: String) throws {
        let directory = try TemporaryDirectory()
        let run = try ReplRun.run(["--mode", "json", Self.scripts.appendingPathComponent("\(name).sql").path],
                                  directory: directory.url, timeout: 300)
        #expect(run.status == 0, "\(name).sql failed in json mode: \(run.stderr)")
        for line in run.stdout.split(separator: "\n") {
            let document = try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
            #expect(document != nil, "not one JSON document per line: \(line)")
        }
        try expect(run.stdout, matches: "\(name).json")
    }

    @Test("data written by one process is read back by a new one (upgrade walk-through)")
    func upgradeAcrossProcesses() throws {
        let directory = try TemporaryDirectory()
        let write = try ReplRun.run([Self.scripts.appendingPathComponent("upgrade-write.sql").path],
                                    directory: directory.url, timeout: 300)
        #expect(write.status == 0, "\(write.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("upgrade-demo.img").path))
        let read = try ReplRun.run([Self.scripts.appendingPathComponent("upgrade-read.sql").path],
                                   directory: directory.url, timeout: 300)
        #expect(read.status == 0, "\(read.stderr)")
        try expect(write.stdout, matches: "upgrade-write")
        try expect(read.stdout, matches: "upgrade-read")
    }

    @Test("inspecting a Rust-written image leaves it unchanged",
          .enabled(if: Golden.isAvailable, Comment(rawValue: Golden.skipMessage)))
    func inspectRustImage() throws {
        let image = try Golden.url("mm_mixed.bin")
        let before = try Data(contentsOf: image)
        let directory = try TemporaryDirectory()
        let run = try ReplRun.run(["--image", image.path, "--readonly",
                                   Self.scripts.appendingPathComponent("inspect-image.sql").path],
                                  directory: directory.url, timeout: 300)
        #expect(run.status == 0, "\(run.stderr)")
        try expect(run.stdout, matches: "inspect-image")
        #expect(try Data(contentsOf: image) == before)
    }

    @Test("the canister-inspection tutorial inspects and repairs a snapshot folder, leaving it ready for upload")
    func inspectCanister() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("backup").path
        try DemoSnapshot.write(to: folder)
        let run = try ReplRun.run([Self.scripts.appendingPathComponent("inspect-canister.sql").path],
                                  directory: directory.url, timeout: 300)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        try expect(run.stdout, matches: "inspect-canister")
        let size = try FileManager.default.attributesOfItem(atPath: folder + "/stable_memory.bin")[.size] as? NSNumber
        let metadata = try String(contentsOfFile: folder + "/metadata.json", encoding: .utf8)
        #expect(metadata == DemoSnapshot.metadata(stableMemorySize: size?.uint64Value ?? 0))
        let extracted = try Data(contentsOf: directory.url.appendingPathComponent("memory5.sqlite"))
        #expect(extracted.prefix(16) == Data("SQLite format 3\u{0}".utf8))
    }
}
