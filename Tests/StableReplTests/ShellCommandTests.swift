import Foundation
import Testing

/// The sqlite-style dot-commands in batch mode: `.output`, `.once`,
/// `.maxrows`, `.headers`, `.show`, `_`, `.testcase`/`.check`, `--init`.
@Suite("stable-repl shell commands")
struct ShellCommandTests {
    private let fill = "let m = map(0) of u64 -> string; for i in 0..4 { m.insert(i, \"v\" + str(i)); }\n"

    @Test(".output FILE takes every result until .output alone; errors stay on stderr")
    func outputFile() throws {
        let dir = try TemporaryDirectory()
        let file = dir.path("out.json")
        let script = try dir.file("s.sql", fill + ".mode json\n.output \(file)\nm.len();\nm.keys();\nassert false;\n")
        let run = try ReplRun.run(["--keep-going", script, "-c", ".output", "-c", "print 9;"])
        #expect(run.status == 1)
        #expect(run.lines == ["9"])
        #expect(run.stderr.contains("assertion failed"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "4\n[0,1,2,3]\n")
    }

    @Test(".once FILE takes the next result only, in any mode")
    func onceFile() throws {
        let dir = try TemporaryDirectory()
        let file = dir.path("once.csv")
        let script = try dir.file("s.sql", fill + ".mode csv\n.once \(file)\nm.iter() limit 2; print 7;\n")
        let run = try ReplRun.run([script])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "7\r\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "key,value\r\n0,v0\r\n1,v1\r\n")
    }

    @Test(".output to a file that cannot be written is an error")
    func outputUnwritable() throws {
        let run = try ReplRun.run(["-c", ".output /nonexistent/folder/x.txt"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("/nonexistent/folder/x.txt"))
    }

    @Test(".maxrows cuts table and list iterations; off by default in batch; limit wins")
    func maxRows() throws {
        let all = try ReplRun.run(["-c", fill + "m.iter();"])
        #expect(all.lines.count == 4 + 3)
        let cut = try ReplRun.run(["-c", fill, "-c", ".maxrows 2", "-c", "m.iter(); m.iter() limit 3;"])
        #expect(cut.lines == [" key | value", "-----+-------", "   0 | \"v0\"", "   1 | \"v1\"", "… 2 more rows", "(4 rows)",
                              " key | value", "-----+-------", "   0 | \"v0\"", "   1 | \"v1\"", "   2 | \"v2\"", "(3 rows)"])
        let list = try ReplRun.run(["--mode", "list", "-c", fill, "-c", ".maxrows 3", "-c", "m.keys();", "-c", ".maxrows off", "-c", "m.keys();"])
        #expect(list.lines == ["0", "1", "2", "… 1 more rows", "0", "1", "2", "3"])
        let bad = try ReplRun.run(["-c", ".maxrows lots"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("usage: .maxrows"))
    }

    @Test(".headers on|off in csv and list modes")
    func headers() throws {
        let csv = try ReplRun.run(["--mode", "csv", "-c", fill, "-c", ".headers off", "-c", "m.iter() limit 1;"])
        #expect(csv.stdout == "0,v0\r\n")
        let list = try ReplRun.run(["--mode", "list", "-c", fill, "-c", ".headers on", "-c", "m.iter() limit 1;"])
        #expect(list.stdout == "key|value\n0|v0\n")
    }

    @Test(".show lists the settings")
    func show() throws {
        let run = try ReplRun.run(["--mode", "csv", "-c", ".maxrows 5", "-c", ".headers off", "-c", ".show"])
        #expect(run.status == 0)
        #expect(run.lines.contains("mode: csv"))
        #expect(run.lines.contains("maxrows: 5"))
        #expect(run.lines.contains("headers: off"))
        #expect(run.lines.contains("output: stdout"))
        #expect(run.lines.contains("pager: off"))
    }

    @Test("_ is the last single value printed, not an iteration")
    func underscore() throws {
        let run = try ReplRun.run(["-c", fill + "m.get(2); m.iter(); print _ + \"!\"; 6 * 7; print _ + 1; m.len(); m.get(_ - 1);"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines
        #expect(lines.first == "\"v2\"")
        #expect(Array(lines.suffix(5)) == ["\"v2!\"", "42", "43", "4", "\"v3\""])
        let none = try ReplRun.run(["-c", "print _;"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("unknown name '_'"))
    }

    @Test(".testcase / .check: a match passes silently, a difference fails with a line diff")
    func testCaseCheck() throws {
        let dir = try TemporaryDirectory()
        let passing = try dir.file("pass.sql", fill + """
            .testcase length
            m.len();
            .check 4
            .mode list
            .testcase rows
            m.iter() limit 2;
            .check <<END
            0|v0
            1|v1
            END
            print "after";
            """)
        let ok = try ReplRun.run([passing])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout == "after\n")
        let failing = try dir.file("fail.sql", fill + """
            .mode list
            .testcase rows
            m.iter() limit 3;
            .check <<END
            0|v0
            1|v9
            2|v2
            END
            print "not reached";
            """)
        let bad = try ReplRun.run([failing])
        #expect(bad.status == 1)
        #expect(bad.stdout.isEmpty)
        #expect(mentions(line: 5, in: bad.stderr), "\(bad.stderr)")
        #expect(bad.stderr.contains("test case rows failed"))
        #expect(bad.stderr.contains("  0|v0\n- 1|v9\n+ 1|v1\n  2|v2"), "\(bad.stderr)")
        let one = try ReplRun.run(["-c", ".testcase x", "-c", "print 1;", "-c", ".check 2"])
        #expect(one.status == 1)
        #expect(one.stderr.contains("- 2\n+ 1"), "\(one.stderr)")
        let orphan = try ReplRun.run(["-c", ".check 2"])
        #expect(orphan.status == 1)
        #expect(orphan.stderr.contains(".check without a .testcase"))
    }

    @Test("--init runs a file first in any mode; ~/.stablereplrc is not run in batch mode")
    func initFile() throws {
        let dir = try TemporaryDirectory()
        let setup = try dir.file("setup.sql", ".mode csv\nlet base = 40;\n")
        let run = try ReplRun.run(["--init", setup, "-c", "print base + 2; print \"a,b\";"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "42\r\n\"a,b\"\r\n")
        let broken = try ReplRun.run(["--init", dir.path("missing.sql"), "-c", "print 1;"])
        #expect(broken.status == 1)
        #expect(broken.stdout.isEmpty)
        try dir.file(".stablereplrc", "print 99;\n")
        let batch = try ReplRun.run(["-c", "print 1;"], environment: ["HOME": dir.url.path])
        #expect(batch.lines == ["1"])
        let both = try ReplRun.run(["--init", setup, "--no-init", "-c", "print 1;"])
        #expect(both.status != 0)
    }
}
