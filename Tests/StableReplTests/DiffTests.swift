import Foundation
import Testing

/// `diff "OTHER";` on two snapshots of one image, before and after a script.
@Suite("stable-repl diff")
struct DiffTests {
    static let declarations = "let m = map(0) of u64 -> string; let v = vec(1) of u32; let c = cell(2) of u8 default 1; let same = set(3) of u8;"

    @Test("diff lists per memory equal or not, per binding counts, and the changes up to the limit")
    func beforeAndAfter() throws {
        let dir = try TemporaryDirectory()
        let before = dir.path("before.img")
        let setup = try ReplRun.run(["--image", before, "-c", Self.declarations
            + " for i in 0..5 { m.insert(i, \"v\" + str(i)); v.push(i); } same.insert(1);"])
        #expect(setup.status == 0, "\(setup.stderr)")
        let after = dir.path("after.img")
        try FileManager.default.copyItem(atPath: before, toPath: after)
        let beforeBytes = try Data(contentsOf: URL(fileURLWithPath: before))
        let script = try dir.file("upgrade.sql", Self.declarations + """
            m.remove(1); m.insert(2, "two"); m.insert(9, "nine");
            v.set(0, 100); v.push(7); v.push(8);
            c.set(3);
            let fresh = log(4, 5) of string; fresh.append("new");
            """)
        let changed = try ReplRun.run(["--image", after, script])
        #expect(changed.status == 0, "\(changed.stderr)")

        let run = try ReplRun.run(["--image", after, "--mode", "json", "-c",
            Self.declarations + " let fresh = log(4, 5) of string; diff \"\(before)\" limit 5;"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.count == 3)
        #expect(run.lines[0] == #"[[0,"differs"],[1,"differs"],[2,"differs"],[3,"equal"],[4,"only here"],[5,"only here"]]"#)
        #expect(run.lines[1] == #"[["c",0,0,1],["fresh",1,0,0],["m",1,1,1],["same",0,0,0],["v",2,0,1]]"#)
        #expect(run.lines[2] == #"[["c","changed",0,1,3],["fresh","added",0,null,"new"],["m","changed",2,"v2","two"],["m","added",9,null,"nine"],["m","removed",1,"v1",null]]"#)
        // The other image is only read.
        #expect(try Data(contentsOf: URL(fileURLWithPath: before)) == beforeBytes)

        let reversed = try ReplRun.run(["--image", before, "--readonly", "--mode", "json", "-c",
            Self.declarations + " diff \"\(after)\" limit 0;"])
        #expect(reversed.status == 0, "\(reversed.stderr)")
        #expect(reversed.lines[1] == #"[["c",0,0,1],["m",1,1,1],["same",0,0,0],["v",0,2,1]]"#)
        #expect(reversed.lines[2] == "[]")

        let table = try ReplRun.run(["--image", after, "-c", Self.declarations + " diff \"\(before)\" limit 1;"])
        #expect(table.stdout.contains(" binding |  change   | key | old | new\n"), "\(table.stdout)")
    }

    @Test("diff of a missing image, or with a bad limit, is an error")
    func errors() throws {
        let missing = try ReplRun.run(["-c", "diff \"/nonexistent/x.img\";"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/x.img"))
        let syntax = try ReplRun.run(["-c", "diff 5;"])
        #expect(syntax.stderr.contains("expected the other image's path"))
        let dir = try TemporaryDirectory()
        let image = dir.path("x.img")
        _ = try ReplRun.run(["--image", image, "-c", "let m = map(0) of u8 -> u8;"])
        let limit = try ReplRun.run(["-c", "diff \"\(image)\" limit -1;"])
        #expect(limit.stderr.contains("limit needs a row count"))
    }
}
