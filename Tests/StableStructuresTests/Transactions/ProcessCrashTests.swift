#if os(Linux)
import Foundation
import Glibc
import StableStructures
import StableTestSupport
import Testing

/// A real crash: a child process (this test binary, running only
/// ``childWorkload()``) commits statements to an image in a loop and is killed
/// with SIGKILL at a random moment, most likely inside a commit (whose
/// `fsync`s dominate its time). After recovery the image must hold exactly
/// the last statement the child reported committed, or the one after it
/// (killed between the commit point and its report) — never a mix.
///
/// SIGKILL tests atomicity against process death; the operating system keeps
/// the written pages, so power loss is covered only by the journal's ordering
/// (tested step by step in ``JournalRecoveryTests``).
@Suite("Rollback journal against a killed process")
struct ProcessCrashTests {
    static let childVariable = "STABLE_JOURNAL_CHILD"
    static let slots = 64

    /// The pages after statement `k`: one more every 20 statements.
    static func pages(after k: UInt64) -> UInt64 { k == 0 ? 0 : 1 + k / 20 }

    @Test("a child killed mid-commit leaves the old or the new statement, never a mix")
    func killedChild() throws {
        let rounds = longTests ? 25 : 3
        var random = SplitMix64(seed: transactionSeed &+ 600)
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        for _ in 0..<rounds {
            let directory = try TemporaryDirectory()
            let child = Process()
            child.executableURL = URL(fileURLWithPath: executable)
            child.arguments = ["--testing-library", "swift-testing", "--filter", "childWorkload"]
            var environment = ProcessInfo.processInfo.environment
            environment[Self.childVariable] = directory.path
            child.environment = environment
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            // Wait until the child is committing, then a little more.
            let target = 2 + random.next() % 10
            let deadline = Date().addingTimeInterval(60)
            while Self.progress(in: directory) < target && child.isRunning && Date() < deadline {
                usleep(2_000)
            }
            usleep(UInt32(random.next() % 40_000))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            #expect(child.terminationReason == .uncaughtSignal, "the child stopped before it was killed")

            let reported = Self.progress(in: directory)
            let path = directory.file("image.img")
            _ = try FileMemory.recoverJournal(forImage: path)
            #expect(!fileExists(FileMemory.journalPath(forImage: path)))
            let image = try FileMemory(path: path, readOnly: true)
            let k = image.size == 0 ? 0 : try image.load(UInt64.self, at: 0)
            #expect(k == reported || k == reported + 1, "image at statement \(k), child reported \(reported)")
            #expect(image.size == Self.pages(after: k))
            for slot in 0..<Self.slots where image.size > 0 {
                #expect(try image.load(UInt64.self, at: UInt64(slot) * 1000) == k)
            }
            if image.size > 0 {
                #expect(try image.load(UInt64.self, at: (image.size - 1) * wasmPageSize + 8) == k)
            }
        }
    }

    /// The last statement the child reported committed (0 before any).
    static func progress(in directory: TemporaryDirectory) -> UInt64 {
        guard let data = FileManager.default.contents(atPath: directory.file("progress")), data.count == 8 else { return 0 }
        return data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }

    /// The child's side (runs only in the child process): statement `k` grows
    /// the image to ``pages(after:)`` and writes `k` into 64 slots 1000 bytes
    /// apart and near the start of the last page; after each commit, `k` is
    /// written to the progress file.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil,
                   "runs only as the child process of the crash test"))
    func childWorkload() throws {
        let directory = try #require(ProcessInfo.processInfo.environment[Self.childVariable])
        let memory = TransactionalMemory(try FileMemory(recovering: directory + "/image.img"))
        let progress = open(directory + "/progress", O_WRONLY | O_CREAT, 0o644)
        try #require(progress >= 0)
        let start = Date()
        var k: UInt64 = 0
        while Date().timeIntervalSince(start) < 60 {  // bounded, should the parent die
            k += 1
            try memory.atomically { () throws(StableError) in
                let pages = Self.pages(after: k)
                if memory.size < pages { _ = memory.grow(pages - memory.size) }
                for slot in 0..<Self.slots { try memory.store(k, at: UInt64(slot) * 1000) }
                try memory.store(k, at: (memory.size - 1) * wasmPageSize + 8)
            }
            var value = k.littleEndian
            _ = pwrite(progress, &value, 8, 0)
        }
    }
}
#endif
