#if os(Linux)
import Foundation
import Glibc
import StableStructures
import StableTestSupport
import Testing

/// The shell against `SIGKILL`: `stable-repl --image FILE` runs a seeded
/// script of statements that each change several structures (a map, a vec, a
/// log and a cell) and is killed at a random moment; then it runs again on
/// the same image, continuing the script, so the next run's `open` recovers
/// whatever the killed one left (a hot journal is rolled back, a torn one
/// discarded). After every kill, a copy of the image and its journal is
/// recovered and read in-process through the library: it must hold exactly
/// the state after some number `k` of whole statements — each structure equal
/// to a Swift model after `k` statements, for one `k` — with no load error,
/// and `k` never goes backwards.
///
/// The kill schedule follows the machine's speed, not a guess at it: the
/// first run is not killed and is timed, and every later run is killed at a
/// moment drawn uniformly within the duration of the last run that finished
/// (start-up and recovery at the beginning, statements and their commits
/// after). A run that finishes before its kill is not a failure: it is
/// checked like the others and its duration becomes the new estimate. The
/// test stops after the required kills or a fixed number of runs, whichever
/// comes first.
///
/// Default: 30 kills (about 15 s). `STABLE_LONG_TESTS=1` kills 400 times;
/// `STABLE_SEED=N` changes the script and the kill moments.
@Suite("stable-repl killed at random moments")
struct ShellCrashTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["STABLE_SEED"].flatMap { UInt64($0) } ?? 0x5EED
    static let long = ProcessInfo.processInfo.environment["STABLE_LONG_TESTS"] == "1"

    /// The structures' declarations, run once (not killed) to create them.
    static let declarations = """
        let m = map(0) of u64 -> u64;
        let v = vec(1) of u64;
        let l = log(2, 3) of u64;
        let c = cell(4) of u64 default 0;

        """

    /// Statements sent to one run of the shell.
    static let statementsPerRun = 40
    /// Runs allowed per required kill before the test stops short.
    static let runsPerKill = 3
    /// An unkilled run this long is stuck, not slow.
    static let stuckRun: Double = 120

    @Test("every kill leaves the image after a whole number of statements")
    func killedShell() throws {
        let kills = Self.long ? 400 : 30
        let directory = try TemporaryDirectory()
        let image = directory.path("crash.img")
        let setup = try ReplRun.run(["--image", image, "--bucket-size", "1", "-c", Self.declarations])
        try #require(setup.status == 0 && setup.stderr.isEmpty, "setup failed: \(setup.stderr)")
        // Seconds of the last run that finished unkilled; nil before the first.
        var runDuration: Double? = nil

        var script = ScriptGenerator(seed: Self.seed)
        var random = SplitMix64(seed: Self.seed ^ 0xC4A5_11ED)
        var committed = 0             // statements known to be in the image
        var model = ShellModel()      // the state after `committed` statements
        var outcomes: [String: Int] = [:]
        var killed = 0
        var finished = 0
        var rounds = 0
        while killed < kills && rounds < kills * Self.runsPerKill {
            rounds += 1
            let end = committed + Self.statementsPerRun
            let text = Self.declarations + script.statements(committed..<end).map(\.text).joined(separator: "\n")
            let scriptPath = try directory.file("round.sql", text)
            let errors = directory.path("stderr")
            // A fraction of the last complete run, in millionths.
            let delay = runDuration.map { $0 * Double(random.next() % 1_000_000) / 1e6 }
            let run = try Self.runShell(["--image", image, scriptPath], killAfter: delay, stderr: errors)
            let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            #expect(stderr.isEmpty, "round \(rounds): the shell reported errors: \(stderr)")
            if run.killed {
                killed += 1
            } else {
                #expect(run.status == 0, "round \(rounds): exit status \(run.status)")
                finished += 1
                runDuration = run.seconds
            }

            let (state, recovery) = try Self.recoveredState(of: image, in: directory)
            outcomes[recovery, default: 0] += 1
            // The state must be the model's after some k in committed...end;
            // take the largest (two k give equal states only if the
            // statements between them changed nothing).
            var candidate = model
            var found: (k: Int, model: ShellModel)? = model == state ? (committed, model) : nil
            for k in committed..<end {
                script.statement(k).apply(to: &candidate)
                if candidate == state { found = (k + 1, candidate) }
            }
            guard let found else {
                Issue.record("""
                    round \(rounds) (seed \(Self.seed)): after a kill \(delay.map { "\(Int($0 * 1e6)) µs" } ?? "never") in, the image matches no prefix \
                    of statements \(committed)...\(end): map \(state.map.count) entries, vec \(state.vec.count), \
                    log \(state.log.count), cell \(state.cell)
                    """)
                return
            }
            if !run.killed { #expect(found.k == end, "round \(rounds): a complete run left \(found.k) of \(end) statements") }
            committed = found.k
            model = found.model
        }
        print("shell crash test: seed \(Self.seed), \(killed) kills and \(finished) complete runs in \(rounds) runs, "
            + "\(committed) statements committed, "
            + "recoveries: \(outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
        #expect(committed > 0, "no statement ever committed")
        // Each kill moment lies within a complete run's duration, so kills
        // are the rule; none at all means the schedule is broken.
        #expect(killed > 0, "no run was killed in \(rounds) runs")
    }

    /// Runs `stable-repl` and kills it with SIGKILL `delay` seconds after its
    /// start unless it exits first (nil: never, up to ``stuckRun``); returns
    /// whether it was killed, its exit status and how long it ran.
    static func runShell(
        _ arguments: [String], killAfter delay: Double?, stderr: String
    ) throws -> (killed: Bool, status: Int32, seconds: Double) {
        _ = FileManager.default.createFile(atPath: stderr, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
        defer { try? errorHandle.close() }
        let process = Process()
        process.executableURL = Products.repl
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorHandle
        let started = Date()
        try process.run()
        let deadline = started.addingTimeInterval(delay ?? Self.stuckRun)
        while process.isRunning && Date() < deadline { usleep(500) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        let killed = process.terminationReason == .uncaughtSignal
        if killed && delay == nil { throw TimedOut(what: "stable-repl \(arguments) ran over \(Int(Self.stuckRun)) s") }
        return (killed, process.terminationStatus, seconds)
    }

    /// Recovers a copy of the image and its journal (leaving the originals
    /// for the next run of the shell to recover) and reads every structure.
    static func recoveredState(of image: String, in directory: TemporaryDirectory) throws -> (ShellModel, String) {
        let copy = directory.path("check.img")
        let files = FileManager.default
        for path in [copy, FileMemory.journalPath(forImage: copy)] where files.fileExists(atPath: path) {
            try files.removeItem(atPath: path)
        }
        try files.copyItem(atPath: image, toPath: copy)
        let journal = FileMemory.journalPath(forImage: image)
        if files.fileExists(atPath: journal) {
            try files.copyItem(atPath: journal, toPath: FileMemory.journalPath(forImage: copy))
        }
        let recovery = switch try FileMemory.recoverJournal(forImage: copy) {
        case .noJournal: "no journal"
        case .discardedIncompleteJournal: "incomplete journal discarded"
        case .rolledBack: "hot journal rolled back"
        }
        let manager = try MemoryManager(try FileMemory(path: copy, readOnly: true))
        let map = try BTreeMap<UInt64, UInt64, VirtualMemory<FileMemory>>.load(memory: manager.memory(MemoryId(0)))
        let vec = try StableVec<UInt64, VirtualMemory<FileMemory>>.load(memory: manager.memory(MemoryId(1)))
        let log = try Log<UInt64, VirtualMemory<FileMemory>, VirtualMemory<FileMemory>>.load(
            indexMemory: manager.memory(MemoryId(2)), dataMemory: manager.memory(MemoryId(3)))
        let cell = try Cell<UInt64, VirtualMemory<FileMemory>>.load(memory: manager.memory(MemoryId(4)))
        var state = ShellModel()
        for (key, value) in try map.entries.collect() { state.map[key] = value }
        state.vec = try vec.elements()
        state.log = try log.entries()
        state.cell = cell.get()
        return (state, recovery)
    }
}

/// What the four structures hold.
struct ShellModel: Equatable {
    var map: [UInt64: UInt64] = [:]
    var vec: [UInt64] = []
    var log: [UInt64] = []
    var cell: UInt64 = 0
}

/// One generated top-level statement: its StableQL text and its effect.
struct ShellStatement {
    enum Effect {
        case mapInsert(keys: Range<UInt64>, times: UInt64, plus: UInt64)
        case mapRemove(keys: Range<UInt64>)
        case vecPush(count: UInt64, times: UInt64, plus: UInt64)
        case vecPop(count: UInt64)
        case vecSet(indices: Range<UInt64>, plus: UInt64)
        case logAppend(count: UInt64, times: UInt64, plus: UInt64)
        case cellSet(UInt64)
        /// One loop over all four structures.
        case mixed(keys: Range<UInt64>, plus: UInt64)
    }

    let effect: Effect

    var text: String {
        switch effect {
        case let .mapInsert(keys, times, plus):
            "for i in \(keys.lowerBound)..\(keys.upperBound) { m.insert(i, i * \(times) + \(plus)); }"
        case let .mapRemove(keys):
            "for i in \(keys.lowerBound)..\(keys.upperBound) { m.remove(i); }"
        case let .vecPush(count, times, plus):
            "for i in 0..\(count) { v.push(i * \(times) + \(plus)); }"
        case let .vecPop(count):
            "for i in 0..\(count) { v.pop(); }"
        case let .vecSet(indices, plus):
            "for i in \(indices.lowerBound)..\(indices.upperBound) { v.set(i, i + \(plus)); }"
        case let .logAppend(count, times, plus):
            "for i in 0..\(count) { l.append(i * \(times) + \(plus)); }"
        case let .cellSet(value):
            "c.set(\(value));"
        case let .mixed(keys, plus):
            "for i in \(keys.lowerBound)..\(keys.upperBound) { m.insert(i, i + \(plus)); v.push(i); l.append(\(plus)); c.set(i); }"
        }
    }

    func apply(to model: inout ShellModel) {
        switch effect {
        case let .mapInsert(keys, times, plus):
            for key in keys { model.map[key] = key * times + plus }
        case let .mapRemove(keys):
            for key in keys { model.map[key] = nil }
        case let .vecPush(count, times, plus):
            for index in 0..<count { model.vec.append(index * times + plus) }
        case let .vecPop(count):
            for _ in 0..<count where !model.vec.isEmpty { model.vec.removeLast() }
        case let .vecSet(indices, plus):
            for index in indices { model.vec[Int(index)] = index + plus }
        case let .logAppend(count, times, plus):
            for index in 0..<count { model.log.append(index * times + plus) }
        case let .cellSet(value):
            model.cell = value
        case let .mixed(keys, plus):
            for key in keys {
                model.map[key] = key + plus
                model.vec.append(key)
                model.log.append(plus)
                model.cell = key
            }
        }
    }
}

/// The seeded, endless script: statement `k` depends only on the seed (and,
/// for `vec` indices, on the model after the statements before it).
struct ScriptGenerator {
    private var random: SplitMix64
    private var generated: [ShellStatement] = []
    /// The state after `generated`, to keep vec indices in range.
    private var model = ShellModel()

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func statement(_ k: Int) -> ShellStatement {
        while generated.count <= k {
            let next = make()
            next.apply(to: &model)
            generated.append(next)
        }
        return generated[k]
    }

    mutating func statements(_ range: Range<Int>) -> [ShellStatement] {
        range.map { statement($0) }
    }

    private mutating func number(_ range: ClosedRange<UInt64>) -> UInt64 {
        range.lowerBound + random.next() % (range.upperBound - range.lowerBound + 1)
    }

    private mutating func make() -> ShellStatement {
        let keySpace: UInt64 = 5_000
        let vecLength = UInt64(model.vec.count)
        switch random.next() % 16 {
        case 0...3:
            let start = number(0...keySpace)
            return ShellStatement(effect: .mapInsert(
                keys: start..<(start + number(50...600)), times: number(1...1_000), plus: number(0...1_000_000)))
        case 4...5:
            let start = number(0...keySpace)
            return ShellStatement(effect: .mapRemove(keys: start..<(start + number(50...400))))
        case 6...7:
            return ShellStatement(effect: .vecPush(count: number(50...500), times: number(1...1_000), plus: number(0...1_000_000)))
        case 8 where vecLength > 0:
            return ShellStatement(effect: .vecPop(count: number(1...min(300, vecLength))))
        case 9 where vecLength > 1:
            let start = number(0...(vecLength - 1))
            return ShellStatement(effect: .vecSet(indices: start..<number((start + 1)...min(vecLength, start + 300)),
                                                  plus: number(0...1_000_000)))
        case 10...11:
            return ShellStatement(effect: .logAppend(count: number(50...400), times: number(1...1_000), plus: number(0...1_000_000)))
        case 12:
            return ShellStatement(effect: .cellSet(random.next()))
        default:
            let start = number(0...keySpace)
            return ShellStatement(effect: .mixed(keys: start..<(start + number(20...300)), plus: number(0...1_000_000)))
        }
    }
}
#endif
