import Foundation
import StableStructures
import StableTestSupport
import Testing

/// A fresh directory under the system's temporary directory, removed (with
/// the image and any journal in it) when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("stable-tx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// The names in the directory, sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}

/// The bytes of the file at `path`.
func fileBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Whether a file exists at `path`.
func fileExists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: path)
}

/// The seed of randomized tests: `STABLE_SEED` or a fixed default.
let transactionSeed: UInt64 = {
    if let text = ProcessInfo.processInfo.environment["STABLE_SEED"], let seed = UInt64(text) { return seed }
    return 0x7A5_EED
}()

/// Whether long randomized runs were asked for (`STABLE_LONG_TESTS=1`).
let longTests = ProcessInfo.processInfo.environment["STABLE_LONG_TESTS"] == "1"

/// Applies `steps` random operations to `memory` inside its open transaction
/// and to `model` (the expected bytes), checking every read against the model:
/// growth, writes of 1 byte to 12 blocks (many spanning block boundaries),
/// integer stores (some straddling a block boundary), reads, loads and
/// `withBytes` views.
func randomOperations<M: Memory>(
    on memory: TransactionalMemory<M>, model: inout [UInt8], random: inout SplitMix64, steps: Int
) throws {
    for _ in 0..<steps {
        #expect(memory.byteCount == UInt64(model.count))
        let choice = random.next() % 100
        let size = UInt64(model.count)
        if choice < 5 || size == 0 {
            let pages = random.next() % 3
            #expect(memory.grow(pages) == Int64(size / wasmPageSize))
            model += [UInt8](repeating: 0, count: Int(pages * wasmPageSize))
            continue
        }
        // Offsets near a block boundary half of the time.
        func offset(room: UInt64) -> UInt64 {
            let limit = size - room
            if random.next() % 2 == 0 {
                let boundary = (random.next() % (size / 1024 + 1)) * 1024
                let near = boundary &+ (random.next() % 16) &- 8
                if near <= limit { return near }
            }
            return random.next() % (limit + 1)
        }
        switch choice {
        case 5..<35:
            let count = Int(random.next() % 12_000) + 1
            guard UInt64(count) <= size else { continue }
            let start = offset(room: UInt64(count))
            let bytes = random.bytes(count)
            try memory.write(start, bytes: bytes)
            model.replaceSubrange(Int(start)..<Int(start) + count, with: bytes)
        case 35..<55:
            let start = offset(room: 8)
            let value = random.next()
            switch random.next() % 3 {
            case 0:
                try memory.store(value, at: start)
                withUnsafeBytes(of: value.littleEndian) { model.replaceSubrange(Int(start)..<Int(start) + 8, with: $0) }
            case 1:
                try memory.store(UInt32(truncatingIfNeeded: value), at: start)
                withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) {
                    model.replaceSubrange(Int(start)..<Int(start) + 4, with: $0)
                }
            default:
                try memory.store(UInt8(truncatingIfNeeded: value), at: start)
                model[Int(start)] = UInt8(truncatingIfNeeded: value)
            }
        case 55..<70:
            let start = offset(room: 8)
            let expected = model[Int(start)..<Int(start) + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(try memory.load(UInt64.self, at: start) == expected)
            #expect(try memory.load(UInt16.self, at: start) == UInt16(truncatingIfNeeded: expected))
        case 70..<85:
            let count = Int(random.next() % 10_000)
            guard UInt64(count) <= size else { continue }
            let start = offset(room: UInt64(count))
            #expect(try memory.readBytes(start, count: count) == Array(model[Int(start)..<Int(start) + count]))
        default:
            let count = Int(random.next() % 6_000)
            guard UInt64(count) <= size else { continue }
            let start = offset(room: UInt64(count))
            let seen = try memory.withBytes(at: start, count: count) { [UInt8]($0) }
            #expect(seen == Array(model[Int(start)..<Int(start) + count]))
        }
    }
}

/// Reads the whole of `memory`.
func contents<M: Memory>(of memory: M) throws -> [UInt8] {
    try memory.readBytes(0, count: Int(memory.byteCount))
}
