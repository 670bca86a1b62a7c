import Foundation
import WasmKit

/// Runs the wasm benchmark module (Benchmarks/wasm) in WasmKit: `ic0.stable64_*`
/// over a byte buffer, `ic0.trap` as a thrown failure, and the module's
/// `bench.operation_done` marker counted. Each workload gets a fresh instance
/// and a fresh stable memory, as under Scripts/wasm-bench.sh.
final class BenchmarkHost {
    /// The module, built once by Benchmarks/wasm/build.sh, or why there is none.
    static let build: Result<String, CanisterHost.Failure> = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("stable-wasm-bench-\(ProcessInfo.processInfo.processIdentifier).wasm").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("Benchmarks/wasm/build.sh").path]
        process.environment = ProcessInfo.processInfo.environment.merging(["OUTPUT": output]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return .failure(.init(description: "cannot run build.sh: \(error)")) }
        let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return .success(output)
        case 3: return .failure(.init(description: "skipped: the toolchain has no embedded wasm32 library"))
        default: return .failure(.init(description: "Benchmarks/wasm/build.sh failed:\n\(log)"))
        }
    }()

    /// The stable memory after the last workload.
    private(set) var stableMemory: [UInt8] = []
    /// How many operations the last workload marked as done.
    private(set) var operations = 0

    private let module: Module

    init(modulePath: String) throws {
        module = try parseWasm(filePath: modulePath)
    }

    /// Runs `setup_ID(n)` then `run_ID()` on a fresh instance; returns the checksum.
    func run(_ workload: String, n: UInt64) throws -> UInt64 {
        stableMemory = []
        operations = 0
        let store = Store(engine: Engine())
        let instance = try module.instantiate(store: store, imports: imports(store))
        guard let setup = instance.exports[function: "setup_\(workload)"],
              let run = instance.exports[function: "run_\(workload)"] else {
            throw CanisterHost.Failure(description: "the module has no workload \(workload)")
        }
        guard try setup([.i64(n)]) == [.i64(n)] else {
            throw CanisterHost.Failure(description: "setup_\(workload) did not return \(n)")
        }
        operations = 0
        return try run().first?.u64 ?? 0
    }

    private func imports(_ store: Store) -> Imports {
        var imports = Imports()
        func define(_ module: String, _ name: String, _ parameters: [ValueType], _ results: [ValueType] = [],
                    _ body: @escaping (borrowing Caller, [Value]) throws -> [Value]) {
            imports.define(module: module, name: name,
                           Function(store: store, parameters: parameters, results: results, body: body))
        }
        define("ic0", "stable64_size", [], [.i64]) { [unowned self] _, _ in
            [.i64(UInt64(stableMemory.count) / 65_536)]
        }
        define("ic0", "stable64_grow", [.i64], [.i64]) { [unowned self] _, arguments in
            let old = UInt64(stableMemory.count) / 65_536
            guard old + arguments[0].u64 <= 65_536 else { return [.i64(UInt64(bitPattern: -1))] }
            stableMemory.append(contentsOf: repeatElement(0, count: Int(arguments[0].u64) * 65_536))
            return [.i64(old)]
        }
        define("ic0", "stable64_read", [.i64, .i64, .i64]) { [unowned self] caller, arguments in
            let (destination, offset, count) = (arguments[0].u64, arguments[1].u64, Int(arguments[2].u64))
            guard offset + UInt64(count) <= UInt64(stableMemory.count) else {
                throw CanisterHost.Failure(description: "stable64_read out of bounds")
            }
            try Self.guestMemory(caller).withUnsafeMutableBufferPointer(offset: UInt(destination), count: count) { target in
                stableMemory.withUnsafeBytes { source in
                    target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[Int(offset)..<Int(offset) + count]))
                }
            }
            return []
        }
        define("ic0", "stable64_write", [.i64, .i64, .i64]) { [unowned self] caller, arguments in
            let (offset, source, count) = (arguments[0].u64, arguments[1].u64, Int(arguments[2].u64))
            guard offset + UInt64(count) <= UInt64(stableMemory.count) else {
                throw CanisterHost.Failure(description: "stable64_write out of bounds")
            }
            try Self.guestMemory(caller).withUnsafeBufferPointer(offset: UInt(source), count: count) { bytes in
                stableMemory.replaceSubrange(Int(offset)..<Int(offset) + count, with: bytes)
            }
            return []
        }
        define("ic0", "trap", [.i32, .i32]) { caller, arguments in
            let message = try Self.guestMemory(caller).withUnsafeBufferPointer(
                offset: UInt(arguments[0].i32), count: Int(arguments[1].i32)) { String(decoding: $0, as: UTF8.self) }
            throw CanisterHost.Failure(description: "the benchmark trapped: \(message)")
        }
        define("bench", "operation_done", []) { [unowned self] _, _ in
            operations += 1
            return []
        }
        return imports
    }

    private static func guestMemory(_ caller: borrowing Caller) throws -> WasmKit.Memory {
        guard let memory = caller.instance?.exports[memory: "memory"] else {
            throw CanisterHost.Failure(description: "the module exports no memory")
        }
        return memory
    }
}
