import Foundation
import Testing

/// The language and the shell read no storage bytes themselves: every
/// magic, offset and node format stays in the library, and so does the
/// policy of atomic statements (`StatementMemory`).
@Suite("Layering")
struct LayeringTests {
    /// The Swift files of `Sources/StableQL` and `Sources/stable-repl`.
    static let sources: [(path: String, text: String)] = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        var files: [(String, String)] = []
        for folder in ["StableQL", "stable-repl"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let name as String in walker where name.hasSuffix(".swift") {
                let url = base.appendingPathComponent(name)
                if let text = try? String(contentsOf: url, encoding: .utf8) { files.append(("\(folder)/\(name)", text)) }
            }
        }
        return files
    }()

    @Test("no layout constant or raw storage read outside the library")
    func noLayoutConstants() {
        #expect(Self.sources.count > 40)
        // Raw reads of a memory, structure magics as text or bytes, node and header offsets.
        let forbidden = [
            "readBytes(", "load(UInt", "load(UInt8", ".withBytes(at:", "SessionMemory",
            "\"MGR\"", "\"BTR\"", "\"BTN\"", "\"SVC\"", "\"SMH\"", "\"SCL\"", "\"GLI\"", "\"GLD\"",
            "0x42, 0x54", "0x4D, 0x47",
        ]
        for (path, text) in Self.sources {
            let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
                .joined(separator: "\n")
            for pattern in forbidden {
                #expect(!code.contains(pattern), "\(path) contains \(pattern)")
            }
        }
    }
}
