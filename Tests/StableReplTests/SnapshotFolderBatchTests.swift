import Foundation
import StableTestSupport
import Testing

/// `stable-repl --image DIR` on a `dfx canister snapshot download` folder.
@Suite("stable-repl on snapshot folders")
struct SnapshotFolderBatchTests {
    @Test("--image DIR opens the folder's stable memory; --readonly leaves every file as it was")
    func imageFolder() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("backup").path
        try DemoSnapshot.write(to: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let files = names.filter { $0.hasSuffix(".bin") || $0.hasSuffix(".json") }
        let before = try files.map { try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)) }
        let run = try ReplRun.run(["--image", folder, "--readonly", "-c", "describe; describe memory 4; let emails = map(4) of string -> u64; emails.len();"],
                                  directory: directory.url, timeout: 120)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("upload: ready"))
        #expect(run.stdout.contains("let map4 = map(4) of string -> u64;"))
        #expect(run.lines.last == "\(DemoSnapshot.userCount)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == names)
        let after = try files.map { try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)) }
        #expect(after == before)
    }

    @Test("a wrong key type is a type mismatch on stderr, exit 1, and the folder is unchanged")
    func mismatch() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("backup").path
        try DemoSnapshot.write(to: folder)
        let image = try Data(contentsOf: URL(fileURLWithPath: folder + "/stable_memory.bin"))
        let run = try ReplRun.run(["--image", folder, "-c", "let users = map(0) of u32 -> blob;"], directory: directory.url, timeout: 120)
        #expect(run.status == 1)
        #expect(run.stderr.contains("stored keys are 8 bytes; u32 keys are 4 bytes"), "\(run.stderr)")
        #expect(!run.stderr.contains("corrupted"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/stable_memory.bin")) == image)
    }
}
