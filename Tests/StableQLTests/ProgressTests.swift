import StableQL
import Testing

/// Progress reports of long-running statements (the shell draws them).
@Suite("Statement progress")
struct ProgressTests {
    /// A session reporting every 1,024 items from the start.
    func eagerSession() -> (Session, RecordingSink, () -> [StatementProgress?]) {
        let (session, sink) = makeSession()
        session.progressDelay = .zero
        session.progressInterval = .zero
        nonisolated(unsafe) var reports: [StatementProgress?] = []
        session.progressHandler = { reports.append($0) }
        return (session, sink, { reports })
    }

    @Test("a range loop reports items done of the total, then nil when it ends")
    func rangeLoop() {
        let (session, sink, reports) = eagerSession()
        #expect(session.run("let m = map(0) of u64 -> u64; for i in 10..=5009 { m.insert(i, i); }", origin: "<stdin>"),
                "\(sink.errors)")
        let expected: [StatementProgress?] = [0, 1024, 2048, 3072, 4096].map {
            StatementProgress(activity: "for i", completed: $0, total: 5000)
        } + [nil]
        #expect(reports() == expected)
        #expect(StatementProgress(activity: "for i", completed: 2048, total: 5000).text == "for i: 2,048 of 5,000 (40%)")
    }

    @Test("iterating a structure reports reading, then the rows; nested loops report only the outer one")
    func structureLoop() {
        let (session, sink, reports) = eagerSession()
        #expect(session.run("let v = vec(0) of u64; for i in 0..2000 { v.push(i); }", origin: "<stdin>"), "\(sink.errors)")
        let setup = reports().count
        #expect(session.run("for x in v.iter() { for j in 0..2 { print 0; } }", origin: "<stdin>"), "\(sink.errors)")
        let loop = Array(reports().dropFirst(setup))
        #expect(loop == [
            StatementProgress(activity: "for x: reading", completed: 1024, total: nil),
            StatementProgress(activity: "for x", completed: 0, total: 2000),
            StatementProgress(activity: "for x", completed: 1024, total: 2000),
            nil,
        ])
    }

    @Test("upgrade reports its checks; no handler, no reports; short statements stay silent")
    func upgradeAndQuiet() {
        let (session, sink, reports) = eagerSession()
        #expect(session.run("let s = set(1) of u64; for i in 0..1500 { s.insert(i); }", origin: "<stdin>"), "\(sink.errors)")
        let setup = reports().count
        #expect(session.run("upgrade;", origin: "<stdin>"), "\(sink.errors)")
        let checks = reports().dropFirst(setup).compactMap { $0?.activity }
        #expect(checks == [
            "upgrade: checking s (before)", "upgrade: checking s (before)",
            "upgrade: checking s (after)", "upgrade: checking s (after)",
        ])
        // With the default half-second delay nothing this short is reported.
        let (quiet, _) = makeSession()
        nonisolated(unsafe) var count = 0
        quiet.progressHandler = { _ in count += 1 }
        #expect(quiet.run("for i in 0..5000 { let x = i; }", origin: "<stdin>"))
        #expect(count == 0)
    }

    @Test("upgrade fast re-attaches and compares lengths without reading the entries")
    func upgradeFast() {
        let (session, sink, reports) = eagerSession()
        session.options.mode = .json
        #expect(session.run("let s = set(1) of u64; for i in 0..3000 { s.insert(i); }", origin: "<stdin>"), "\(sink.errors)")
        let setup = reports().count
        sink.output = ""
        #expect(session.run("upgrade fast; s.len(); s.contains(2999);", origin: "<stdin>"), "\(sink.errors)")
        // No progress of a scan: nothing read the 3,000 entries.
        #expect(reports().dropFirst(setup).compactMap { $0 }.isEmpty)
        #expect(sink.output == "[[\"s\",3000,null,3000,null,\"ok\"]]\n3000\ntrue\n", "\(sink.output)")
    }
}
