import Foundation
import StableQL
import Testing

@Test func scratchRunExample() throws {
    guard let path = ProcessInfo.processInfo.environment["QL_SCRIPT"] else { return }
    let (session, sink) = makeSession()
    let ok = session.run(try String(contentsOfFile: path, encoding: .utf8), origin: path, keepGoing: true)
    print("OK=\(ok)\n--- OUT\n\(sink.output)--- ERR\n\(sink.errors)---")
}
