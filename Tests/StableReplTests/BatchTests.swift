import Foundation
import Testing

/// The real `stable-repl` binary in batch mode: scripts, `-c`, stdin, options.
@Suite("stable-repl batch mode")
struct BatchTests {
    @Test("-c runs statements and exits 0")
    func commandString() throws {
        let run = try ReplRun.run(["-c", "print 7; print 8;"])
        #expect(run.status == 0)
        #expect(run.lines == ["7", "8"])
        #expect(run.stderr.isEmpty)
    }

    @Test("no progress line when standard error is not a terminal, however long the statement")
    func noProgressInBatch() throws {
        let run = try ReplRun.run(
            ["-c", "let m = map(0) of u64 -> u64; for i in 0..20000 { m.insert(i, i); } m.len();"],
            environment: ["STABLE_PROGRESS_DELAY_MS": "0"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines == ["20000"])
        #expect(run.stderr.isEmpty, "\(run.stderr.debugDescription)")
    }

    @Test("a script stops at its first error: exit 1, file and line on stderr")
    func stopsAtFirstError() throws {
        let dir = try TemporaryDirectory()
        let script = try dir.file("fail.sql", "print 1;\n\nprint 2;\nassert false;\nprint 3;\n")
        let run = try ReplRun.run([script])
        #expect(run.status == 1)
        #expect(run.lines == ["1", "2"])
        #expect(run.stderr.contains("fail.sql"))
        #expect(mentions(line: 4, in: run.stderr), "stderr: \(run.stderr)")
    }

    @Test("--keep-going runs everything and still exits 1")
    func keepGoing() throws {
        let dir = try TemporaryDirectory()
        let script = try dir.file("fail.sql", "print 1;\nassert false;\nprint 3;\n")
        let second = try dir.file("second.sql", "print 4;\n")
        let run = try ReplRun.run(["--keep-going", script, second])
        #expect(run.status == 1)
        #expect(run.lines == ["1", "3", "4"])
        #expect(mentions(line: 2, in: run.stderr))
    }

    @Test("files run in order, and a failure skips the later files")
    func filesInOrder() throws {
        let dir = try TemporaryDirectory()
        let a = try dir.file("a.sql", "print 1;\n")
        let b = try dir.file("b.sql", "print 2;\n")
        let bad = try dir.file("bad.sql", "assert false;\n")
        let ok = try ReplRun.run([b, a, "-c", "print 3;"])
        #expect(ok.status == 0)
        #expect(ok.lines == ["2", "1", "3"])
        let stopped = try ReplRun.run([a, bad, b])
        #expect(stopped.status == 1)
        #expect(stopped.lines == ["1"])
        #expect(stopped.stderr.contains("bad.sql"))
    }

    @Test("a missing script file is an error")
    func missingFile() throws {
        let run = try ReplRun.run(["/nonexistent/x.sql"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("/nonexistent/x.sql"))
    }

    @Test("stdin that is not a terminal is read as a script")
    func stdinScript() throws {
        let ok = try ReplRun.run([], stdin: "print 5;\n-- a comment\nprint\n  6;\n")
        #expect(ok.status == 0)
        #expect(ok.lines == ["5", "6"])
        let bad = try ReplRun.run([], stdin: "print 5;\n\nassert false;\nprint 6;\n")
        #expect(bad.status == 1)
        #expect(bad.lines == ["5"])
        #expect(mentions(line: 3, in: bad.stderr), "stderr: \(bad.stderr)")
    }

    @Test("error lines stay right after dot-commands, blank lines and multi-line statements")
    func lineNumbersAcrossPieces() throws {
        let script = "print 1;\n.mode list\nprint\n  2;\n\n-- note\n\nassert false;\nprint 3;\n"
        let run = try ReplRun.run([], stdin: script)
        #expect(run.status == 1)
        #expect(run.lines == ["1", "2"])
        #expect(mentions(line: 8, in: run.stderr), "stderr: \(run.stderr)")
    }

    @Test("--mode json prints one JSON document per printing statement")
    func jsonMode() throws {
        let run = try ReplRun.run(["--mode", "json", "-c",
                                   "let s = set(0) of u32; s.insert(5); s.insert(3); s.iter(); print \"a\"; s.len();"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines == ["true", "true", "[3,5]", "\"a\"", "2"])  // set.insert returns whether it was new
        for line in run.lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8), options: .fragmentsAllowed)) != nil, "\(line)")
        }
        let badMode = try ReplRun.run(["--mode", "xml", "-c", "print 1;"])
        #expect(badMode.status != 0)
        #expect(badMode.stderr.contains("xml"))
    }

    @Test("--version and --help")
    func versionAndHelp() throws {
        let version = try ReplRun.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("stable-repl "))
        let help = try ReplRun.run(["--help"])
        #expect(help.status == 0)
        for word in ["-c", "--image", "--readonly", "--bucket-size", "--mode", "--keep-going", "Examples:"] {
            #expect(help.stdout.contains(word), "help lacks \(word)")
        }
    }

    @Test("--image opens (and creates) an image; --readonly refuses writes")
    func imageOptions() throws {
        let dir = try TemporaryDirectory()
        let image = dir.path("demo.img")
        let write = try ReplRun.run(["--image", image, "--bucket-size", "1", "-c",
                                     "let m = map(0) of u64 -> string; m.insert(1, \"ada\");"])
        #expect(write.status == 0, "\(write.stderr)")
        #expect(FileManager.default.fileExists(atPath: image))
        let read = try ReplRun.run(["--image", image, "--readonly", "--mode", "json", "-c",
                                    "let m = map(0) of u64 -> string; m.iter(); m.insert(2, \"x\");"])
        #expect(read.status == 1)
        #expect(read.lines == [#"[[1,"ada"]]"#])
        #expect(read.stderr.contains("read-only"), "\(read.stderr)")
        let again = try ReplRun.run(["--image", image, "--readonly", "-c", "let m = map(0) of u64 -> string; m.len();"])
        #expect(again.lines == ["1"])
    }

    @Test(".open and .memories in a script")
    func openAndMemories() throws {
        let dir = try TemporaryDirectory()
        let script = """
            .open "my image.img" bucket_size 1
            let m = map(3) of u64 -> u64;
            m.insert(1, 1);
            .memories
            """
        let run = try ReplRun.run([], stdin: script, directory: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path("my image.img")))
        #expect(run.stdout.contains("BTreeMap"))
    }

    @Test("options that need --image are refused without it")
    func optionValidation() throws {
        let run = try ReplRun.run(["--readonly", "-c", "print 1;"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--image"))
        #expect(run.stdout.isEmpty)
    }

    // MARK: - Dot-commands

    @Test(".help lists statements, methods and commands; .help NAME explains one")
    func help() throws {
        let overview = try ReplRun.run(["-c", ".help"])
        #expect(overview.status == 0)
        for word in ["open", "upgrade", "reclaim", "insert(", "pop_first", ".mode", "types"] {
            #expect(overview.stdout.contains(word), "overview lacks \(word)")
        }
        let range = try ReplRun.run(["-c", ".help range"])
        #expect(range.status == 0)
        #expect(range.stdout.contains("a..=b"))
        let unknown = try ReplRun.run(["-c", ".help frobnicate"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("frobnicate"))
    }

    @Test(".help candid, .help json and .help import explain the Candid and JSON types")
    func helpCandid() throws {
        let candid = try ReplRun.run(["-c", ".help candid"])
        #expect(candid.status == 0)
        for word in ["candid NAME", "#Suspended(\"spam\")", "Encode!", "subtyping"] {
            #expect(candid.stdout.contains(word), ".help candid lacks \(word)")
        }
        let json = try ReplRun.run(["-c", ".help json"])
        #expect(json.stdout.contains("invalid JSON is refused"))
        let overview = try ReplRun.run(["-c", ".help"])
        #expect(overview.stdout.contains("import \"PATH.did\";"))
    }

    @Test("dot-commands in scripts: .mode, .echo, .read, .bindings, .quit, .exit")
    func dotCommandsInScripts() throws {
        let dir = try TemporaryDirectory()
        try dir.file("inner.sql", "print 2;\n")
        let script = """
            print 1;
            .read inner.sql
            .echo on
            print 3;
            .echo off
            .mode json
            .bindings
            .quit
            print 4;
            """
        let run = try ReplRun.run([], stdin: script, directory: dir.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.lines.first == "1")
        #expect(run.lines.dropFirst().first == "2")
        #expect(run.stdout.contains("print 3;"))
        #expect(run.lines.last == "[]")  // no bindings yet
        #expect(!run.lines.contains("4"))
        let exit = try ReplRun.run(["-c", ".exit 3\nprint 1;"])
        #expect(exit.status == 3)
        #expect(exit.stdout.isEmpty)
    }

    @Test("bad dot-commands fail with their line")
    func badDotCommands() throws {
        let unknown = try ReplRun.run([], stdin: "print 1;\n.frobnicate\nprint 2;\n")
        #expect(unknown.status == 1)
        #expect(unknown.lines == ["1"])
        #expect(unknown.stderr.contains("frobnicate"))
        #expect(mentions(line: 2, in: unknown.stderr))
        let mode = try ReplRun.run(["-c", ".mode xml"])
        #expect(mode.status == 1)
        #expect(mode.stderr.contains("xml"))
        let timer = try ReplRun.run(["-c", ".timer maybe"])
        #expect(timer.status == 1)
    }

    @Test(".history in a script lists the statements run so far")
    func historyInScript() throws {
        let run = try ReplRun.run([], stdin: "print 1;\n.history\n")
        #expect(run.status == 0)
        #expect(run.stdout.contains("1  print 1;"))
    }
}
