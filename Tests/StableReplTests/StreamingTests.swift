import Foundation
import Testing

/// Printing a result streams it: the shell's peak memory does not grow
/// with the number of rows, in any output mode.
@Suite("stable-repl streams results")
struct StreamingTests {
    /// Builds an image whose map 0 holds `count` entries.
    private func image(_ dir: TemporaryDirectory, _ name: String, count: Int) throws -> String {
        let path = dir.path(name)
        let built = try ReplRun.run(["--image", path, "-c",
            "let m = map(0) of u64 -> string; for i in 0..\(count) { m.insert(i, \"value \" + str(i)); }"], timeout: 600)
        try #require(built.status == 0, "\(built.stderr)")
        return path
    }

    @Test("peak RSS of m.iter() is the same for 50,000 and 400,000 entries, in every mode")
    func flatPeakMemory() throws {
        let dir = try TemporaryDirectory()
        let small = try image(dir, "small.img", count: 50_000)
        let large = try image(dir, "large.img", count: 400_000)
        for mode in ["json", "csv", "list", "table"] {
            func peak(_ image: String) throws -> Int {
                let run = try PeakMemory.run(["--image", image, "--readonly", "--mode", mode, "-c",
                                              "let m = map(0) of u64 -> string; m.iter();"])
                #expect(run.status == 0)
                return run.peakKilobytes
            }
            let smallPeak = try peak(small)
            let largePeak = try peak(large)
            // Held whole, 350,000 more rows take far more than 8 MB (each
            // row is two boxed values and their text).
            #expect(largePeak < smallPeak + 8 * 1024, "\(mode): \(smallPeak) KB vs \(largePeak) KB")
        }
    }

    @Test("a table longer than its measured rows keeps the measured widths and counts every row")
    func tableStreamsAfterMeasuring() throws {
        let run = try ReplRun.run(["-c", "let v = vec(0) of u64; for i in 0..1200 { v.push(i * 1000); } v.iter();"])
        #expect(run.status == 0)
        let lines = run.lines
        #expect(lines.count == 1200 + 3)
        #expect(lines.last == "(1200 rows)")
        // Widths come from the first 1000 rows ("999000": 6 columns); later,
        // wider rows push their line out instead of re-aligning.
        #expect(lines[0] == " value")
        #expect(lines[2] == "      0")
        #expect(lines[1001] == " 999000")
        #expect(lines[1002] == " 1000000")
    }
}
