import Foundation
import Testing

@Test("the stable-repl binary is built beside the tests and runs")
func replBinaryRuns() throws {
    let process = Process()
    process.executableURL = Products.repl
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    process.waitUntilExit()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0)
    #expect(output.hasPrefix("stable-repl"))
}
