import Foundation
import StableQL
import StableStructures
import StableTestSupport
import Testing

/// `diff "FOLDER";` compares the open image with a snapshot folder's stable
/// memory: what a repair changed, before the folder is uploaded.
@Suite("diff against snapshot folders")
struct SnapshotDiffTests {
    /// A copy of the fixture's folder, next to it.
    func copy(_ fixture: SnapshotFixture) throws -> String {
        let copy = fixture.root + "/fixed"
        try FileManager.default.copyItem(atPath: fixture.folder, toPath: copy)
        return copy
    }

    @Test("a fix made in a copy of the folder shows against the original")
    func fixAgainstOriginal() throws {
        let fixture = try SnapshotFixture()
        let fixed = try copy(fixture)
        let original = try fixture.tree()
        let (session, sink) = makeSession(mode: .json)
        runOK(session, sink, "open \"\(fixed)\";")
        runOK(session, sink, "let emails = map(4) of string -> u64; let users = map(0) of u64 -> candid;")
        runOK(session, sink, "emails.insert(\"grace1@example.org\", 999); users.remove(3);")
        let lines = runOK(session, sink, "diff \"\(fixture.folder)\";").split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(lines)")
        guard lines.count == 3 else { return }
        #expect(lines[0] == #"[[0,"differs"],[1,"equal"],[2,"equal"],[3,"equal"],[4,"differs"],[5,"equal"]]"#)
        #expect(lines[1] == #"[["emails",0,0,1],["users",0,1,0]]"#)
        #expect(lines[2].contains(#"["emails","changed","grace1@example.org",1,999]"#), "\(lines[2])")
        #expect(lines[2].contains(#"["users","removed",3,"#), "\(lines[2])")
        #expect(lines[2].contains("\(DemoSnapshot.name(of: 3))"), "\(lines[2])")
        // The original folder is only read.
        #expect(try fixture.tree() == original)
        // The same folder compared with itself: nothing changed.
        runOK(session, sink, "close; open \"\(fixture.folder)\" readonly; let emails = map(4) of string -> u64;")
        let same = runOK(session, sink, "diff \"\(fixture.folder)\";").split(separator: "\n").map(String.init)
        #expect(same.first == #"[[0,"equal"],[1,"equal"],[2,"equal"],[3,"equal"],[4,"equal"],[5,"equal"]]"#)
        #expect(same.last == "[]")
    }

    @Test("a folder without stable_memory.bin compares as an empty stable memory")
    func againstEmptyFolder() throws {
        let fixture = try SnapshotFixture()
        let empty = try SnapshotFixture(withStableMemory: false)
        let (session, sink) = makeSession(mode: .json)
        runOK(session, sink, "open \"\(fixture.folder)\" readonly; let emails = map(4) of string -> u64;")
        let lines = runOK(session, sink, "diff \"\(empty.folder)\" limit 1;").split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(lines)")
        guard lines.count == 3 else { return }
        #expect(lines[0] == #"[[0,"only here"],[1,"only here"],[2,"only here"],[3,"only here"],[4,"only here"],[5,"only here"]]"#)
        #expect(lines[1] == #"[["emails",\#(DemoSnapshot.userCount),0,0]]"#)
        // Keys in order: the smallest e-mail address comes first.
        let first = (0..<DemoSnapshot.userCount).map(DemoSnapshot.email(of:)).min()!
        #expect(lines[2] == #"[["emails","added","\#(first)",null,"# + "\(DemoSnapshot.emailId(first))]]")
        #expect(!FileManager.default.fileExists(atPath: empty.folder + "/stable_memory.bin"))
    }
}

extension DemoSnapshot {
    /// The id whose e-mail address is `email`.
    static func emailId(_ email: String) -> UInt64 {
        (0..<userCount).first { self.email(of: $0) == email }!
    }
}
