import Foundation
import StableStructures
import StableTestSupport
import Testing

/// Several `stable-repl` processes on one image at the same time.
///
/// `STABLE_LONG_TESTS=1` adds a long randomised run (many writers and
/// readers, writers killed at random); `STABLE_SEED=N` changes it.
@Suite("several processes on one image", .serialized)
struct ConcurrentProcessTests {
    static let long = ProcessInfo.processInfo.environment["STABLE_LONG_TESTS"] == "1"
    static let seed = UInt64(ProcessInfo.processInfo.environment["STABLE_SEED"] ?? "") ?? 16

    /// A `stable-repl` running in the background, its output in files.
    final class Running {
        let process = Process()
        let stdoutPath: String
        let stderrPath: String

        init(_ arguments: [String], in directory: TemporaryDirectory, name: String) throws {
            stdoutPath = directory.path(name + ".out")
            stderrPath = directory.path(name + ".err")
            _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
            _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
            process.executableURL = Products.repl
            process.arguments = arguments
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
            try process.run()
        }

        /// Waits for the exit (killing it after `timeout` seconds: then it was stuck).
        @discardableResult
        func wait(timeout: TimeInterval = 60) throws -> Int32 {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(2_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw TimedOut(what: "stable-repl \(process.arguments ?? [])")
            }
            process.waitUntilExit()
            return process.terminationStatus
        }

        var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    }

    /// A script inserting `statements` × `perStatement` keys from `first`,
    /// one `for` loop per statement.
    static func writerScript(first: Int, statements: Int, perStatement: Int) -> String {
        var script = "let m = map(0) of u64 -> u64;\n"
        for statement in 0..<statements {
            let low = first + statement * perStatement
            script += "for i in \(low)..\(low + perStatement) { m.insert(i, i * 3); }\n"
        }
        return script
    }

    /// Checks with a fresh read-only process that the image holds exactly
    /// the keys of `ranges` (each key k with value 3k).
    static func expectKeys(_ ranges: [Range<Int>], in image: String) throws {
        var script = "let m = map(0) of u64 -> u64;\nm.len();\n"
        for range in ranges {
            script += "for i in \(range.lowerBound)..\(range.upperBound) { assert m.get(i) == i * 3, \"a key is missing\"; }\n"
        }
        let check = try ReplRun.run(["--image", image, "--readonly", "--mode", "list"], stdin: script, timeout: 60)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.lines == [String(ranges.map(\.count).reduce(0, +))], "\(check.stdout)")
    }

    func concurrentWriters(_ count: Int) throws {
        let directory = try TemporaryDirectory()
        let image = directory.path("same.img")
        let statements = 40, perStatement = 50
        var writers: [Running] = []
        var ranges: [Range<Int>] = []
        for writer in 0..<count {
            let first = writer * 100_000
            ranges.append(first..<(first + statements * perStatement))
            let script = try directory.file("w\(writer).sql", Self.writerScript(first: first, statements: statements, perStatement: perStatement))
            writers.append(try Running(["--image", image, script], in: directory, name: "w\(writer)"))
        }
        for (index, writer) in writers.enumerated() {
            let status = try writer.wait()
            #expect(status == 0, "writer \(index): \(writer.stderr)")
            #expect(writer.stderr.isEmpty)
        }
        try Self.expectKeys(ranges, in: image)
    }

    @Test("two writers with disjoint keys: every row is there, both exit 0")
    func twoWriters() throws { try concurrentWriters(2) }

    @Test("four writers with disjoint keys: every row is there, all exit 0")
    func fourWriters() throws { try concurrentWriters(4) }

    @Test("a reader polling len() during the writes sees statement boundaries only")
    func readerSeesBoundaries() throws {
        let directory = try TemporaryDirectory()
        let image = directory.path("same.img")
        let setup = try ReplRun.run(["--image", image, "-c", "let m = map(0) of u64 -> u64;"])
        #expect(setup.status == 0, "\(setup.stderr)")
        let writerScript = try directory.file("w.sql", Self.writerScript(first: 0, statements: 60, perStatement: 25))
        let readerScript = try directory.file(
            "r.sql", "let m = map(0) of u64 -> u64;\n" + String(repeating: "m.len();\n", count: 600))
        let writer = try Running(["--image", image, writerScript], in: directory, name: "writer")
        let reader = try Running(["--image", image, "--readonly", "--mode", "list", readerScript], in: directory, name: "reader")
        #expect(try reader.wait() == 0, "\(reader.stderr)")
        #expect(try writer.wait() == 0, "\(writer.stderr)")
        let lengths = reader.stdout.split(separator: "\n").compactMap { Int($0) }
        #expect(lengths.count == 600)
        #expect(lengths.allSatisfy { $0 % 25 == 0 && $0 <= 1500 }, "\(Set(lengths).sorted())")
        #expect(lengths == lengths.sorted(), "a length went back")
        // The same reader, started after the writer, sees everything.
        let after = try ReplRun.run(["--image", image, "--readonly", "--mode", "list", readerScript])
        #expect(after.lines.last == "1500")
        print("reader during 60 writes: \(Set(lengths).count) distinct lengths, from \(lengths.first ?? -1) to \(lengths.last ?? -1)")
    }

    @Test("a writer killed with SIGKILL mid-commit: the waiting writer recovers the journal and finishes")
    func killedWriter() throws {
        let directory = try TemporaryDirectory()
        let image = directory.path("same.img")
        let journal = FileMemory.journalPath(forImage: image)
        let setup = try ReplRun.run(["--image", image, "-c", "let m = map(0) of u64 -> u64;"])
        #expect(setup.status == 0, "\(setup.stderr)")
        // One big statement: its commit writes a journal of many blocks.
        let big = try directory.file("big.sql", "let m = map(0) of u64 -> u64;\nfor i in 0..30000 { m.insert(i, i * 3); }\n")
        let counter = try ChangeCounter(forImage: image, readOnly: true)
        let before = try counter.value()
        let probe = try ImageLock(path: image, readOnly: true)
        let killed = try Running(["--image", image, big], in: directory, name: "killed")
        let deadline = Date().addingTimeInterval(60)
        // The declaration claims the write lock once, the loop a second time and keeps it.
        while !(try counter.value() >= before + 2 && probe.holder(excluding: .shared) == .exclusive)
            && killed.process.isRunning && Date() < deadline { usleep(200) }
        // The waiter starts while the big statement holds the write lock.
        let waiterScript = try directory.file("w.sql", Self.writerScript(first: 100_000, statements: 10, perStatement: 20))
        let waiter = try Running(["--image", image, "--busy-timeout", "60000", waiterScript], in: directory, name: "waiter")
        while !FileManager.default.fileExists(atPath: journal) && killed.process.isRunning && Date() < deadline { usleep(50) }
        kill(killed.process.processIdentifier, SIGKILL)
        killed.process.waitUntilExit()
        #expect(killed.process.terminationReason == .uncaughtSignal, "the big statement finished before the kill")
        #expect(try waiter.wait() == 0, "\(waiter.stderr)")
        #expect(waiter.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: journal))
        // The killed statement is entirely absent (or, killed just after its commit point, entirely present).
        let count = try ReplRun.run(["--image", image, "--readonly", "--mode", "list", "-c", "let m = map(0) of u64 -> u64; m.len();"])
        let length = Int(count.lines.last ?? "")
        #expect(length == 200 || length == 30_200, "\(count.stdout) \(count.stderr)")
        try Self.expectKeys((length == 200 ? [] : [0..<30_000]) + [100_000..<100_200], in: image)
    }

    @Test("an expired busy timeout: a clean error, nothing written, exit status 1")
    func busyTimeout() throws {
        let directory = try TemporaryDirectory()
        let image = directory.path("same.img")
        let setup = try ReplRun.run(["--image", image, "-c", "let m = map(0) of u64 -> u64; m.insert(1, 3);"])
        #expect(setup.status == 0, "\(setup.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: image))
        let holder = try ImageCoordinator(imagePath: image)
        let pid = ProcessInfo.processInfo.processIdentifier

        // A reader holds the image: the shell opens it, but its write waits, then fails.
        _ = try holder.begin(.read)
        let blocked = try ReplRun.run(["--image", image, "--busy-timeout", "200", "-c", "let m = map(0) of u64 -> u64; m.insert(2, 6);"])
        #expect(blocked.status == 1)
        #expect(blocked.stderr == "error: image is busy: locked by another process\n")
        holder.end()

        // A writer holds the image: even opening it waits, then fails, naming the writer.
        _ = try holder.begin(.write)
        let locked = try ReplRun.run(["--image", image, "--busy-timeout", "200", "-c", "m.len();"])
        #expect(locked.status == 1)
        #expect(locked.stderr == "error: open: image is busy: locked by process \(pid)\n")
        let script = try directory.file("t.sql", ".timeout 100\nlet m = map(0) of u64 -> u64;\n")
        let viaDotCommand = try ReplRun.run([script, "-c", "open \"\(image)\";"])
        #expect(viaDotCommand.status == 1)
        #expect(viaDotCommand.stderr.contains("image is busy: locked by process \(pid)"))
        holder.end()
        #expect(try Data(contentsOf: URL(fileURLWithPath: image)) == before)
        let shown = try ReplRun.run(["--busy-timeout", "250", "-c", ".timeout\n.timeout 40\n.timeout"])
        #expect(shown.lines == ["timeout: 250 ms", "timeout: 40 ms"])
        #expect(try ReplRun.run(["--busy-timeout", "-1"]).status == 64)
        try Self.expectKeys([1..<2], in: image)
    }

    @Test("--readonly on a read-only file in a read-only folder creates and writes nothing")
    func readOnlyFile() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.path("ro")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let image = folder + "/data.img"
        let setup = try ReplRun.run(["--image", image, "-c", "let m = map(0) of u64 -> u64; for i in 0..10 { m.insert(i, i * 3); }"])
        #expect(setup.status == 0, "\(setup.stderr)")
        try FileManager.default.removeItem(atPath: ChangeCounter.path(forImage: image))
        let before = try Data(contentsOf: URL(fileURLWithPath: image))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: image)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        let run = try ReplRun.run(["--image", image, "--readonly", "--mode", "list", "-c", "let m = map(0) of u64 -> u64; m.len(); m.get(7);"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines == ["10", "21"])
        let refused = try ReplRun.run(["--image", image, "--readonly", "-c", "let m = map(0) of u64 -> u64; m.insert(11, 33);"])
        #expect(refused.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["data.img"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: image)) == before)
    }

    @Test("long: many writers and readers on one image, writers killed at random", .enabled(if: long))
    func randomisedKills() throws {
        var random = SplitMix64(seed: Self.seed)
        let directory = try TemporaryDirectory()
        let image = directory.path("same.img")
        let setup = try ReplRun.run(["--image", image, "-c", "let m = map(0) of u64 -> u64;"])
        #expect(setup.status == 0, "\(setup.stderr)")
        let rounds = 20, writersPerRound = 6, readersPerRound = 2, statements = 30, perStatement = 20
        var kills = 0, recoveries = 0, committed = 0, readerLengths = 0
        let readerScript = try directory.file(
            "r.sql", "let m = map(0) of u64 -> u64;\n" + String(repeating: "m.len();\n", count: 300))
        let started = Date()
        for round in 0..<rounds {
            var writers: [(Running, first: Int, killAfter: UInt64?)] = []
            for writer in 0..<writersPerRound {
                let first = (round * writersPerRound + writer) * 100_000
                let script = try directory.file(
                    "w\(writer).sql", Self.writerScript(first: first, statements: statements, perStatement: perStatement))
                let killAfter: UInt64? = random.next() % 2 == 0 ? random.next() % 1_500_000 : nil
                writers.append((try Running(["--image", image, script], in: directory, name: "w\(writer)"), first, killAfter))
            }
            var readers: [Running] = []
            for reader in 0..<readersPerRound {
                readers.append(try Running(["--image", image, "--readonly", "--mode", "list", readerScript], in: directory, name: "r\(reader)"))
            }
            let launch = Date()
            for (process, _, killAfter) in writers.sorted(by: { ($0.killAfter ?? 0) < ($1.killAfter ?? 0) }) {
                guard let killAfter else { continue }
                let due = launch.addingTimeInterval(Double(killAfter) / 1_000_000)
                if due > Date() { usleep(useconds_t(due.timeIntervalSinceNow * 1_000_000)) }
                if process.process.isRunning { kill(process.process.processIdentifier, SIGKILL) }
            }
            for (process, _, _) in writers {
                let status = try process.wait(timeout: 120)
                if process.process.terminationReason == .uncaughtSignal {
                    kills += 1
                } else {
                    #expect(status == 0, "round \(round): \(process.stderr)")
                }
            }
            for reader in readers {
                #expect(try reader.wait(timeout: 120) == 0, "round \(round): \(reader.stderr)")
                let lengths = reader.stdout.split(separator: "\n").compactMap { Int($0) }
                readerLengths += lengths.count
                #expect(lengths.count == 300 && lengths.allSatisfy { $0 % perStatement == 0 } && lengths == lengths.sorted(),
                        "round \(round): a reader saw \(Set(lengths).sorted())")
            }
            // Check in-process, recovering what a killed writer left (as the next writer would).
            if FileManager.default.fileExists(atPath: FileMemory.journalPath(forImage: image)) { recoveries += 1 }
            let coordinator = try ImageCoordinator(imagePath: image)
            _ = try coordinator.begin(.write)
            let manager = try MemoryManager(try FileMemory(path: image, readOnly: true))
            let map = try BTreeMap<UInt64, UInt64, VirtualMemory<FileMemory>>(memory: manager.memory(MemoryId(0)))
            coordinator.end()
            for (process, first, _) in writers {
                var present: [Int] = []
                for statement in 0..<statements {
                    let low = first + statement * perStatement
                    var count = 0
                    for key in low..<(low + perStatement) {
                        if try map.get(UInt64(key)) == UInt64(key * 3) { count += 1 }
                    }
                    #expect(count == 0 || count == perStatement, "round \(round): statement \(statement) is partly there")
                    present.append(count)
                }
                let done = present.prefix { $0 == perStatement }.count
                #expect(present.dropFirst(done).allSatisfy { $0 == 0 }, "round \(round): statements committed out of order")
                if process.process.terminationReason != .uncaughtSignal { #expect(done == statements) }
                committed += done
            }
            #expect(map.count == committed * perStatement)
        }
        print("""
            concurrent processes (seed \(Self.seed)): \(rounds) rounds of \(writersPerRound) writers and \(readersPerRound) readers, \
            \(kills) writers killed, \(committed) statements committed, journals still there at a round's end \(recoveries), \
            \(readerLengths) reader statements, \(Int(Date().timeIntervalSince(started))) s
            """)
    }
}
