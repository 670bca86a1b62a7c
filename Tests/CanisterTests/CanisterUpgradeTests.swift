import Foundation
import StableStructures
import StableTestSupport
import Testing

/// Builds the example canister (Examples/canister) with Embedded Swift for
/// wasm32 and runs it in WasmKit over a byte-buffer stable memory.
@Suite("Example canister on WasmKit", .serialized)
struct CanisterUpgradeTests {
    /// The built module, or why there is none.
    static let build: Result<String, CanisterHost.Failure> = {
        // A prebuilt module (e.g. one linked without --strip-all, for symbolised traps).
        if let prebuilt = ProcessInfo.processInfo.environment["STABLE_CANISTER_WASM"] {
            return .success(prebuilt)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("stable-canister-\(ProcessInfo.processInfo.processIdentifier).wasm").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("Examples/canister/build.sh").path, output]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return .failure(.init(description: "cannot run build.sh: \(error)")) }
        let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return .success(output)
        case 3: return .failure(.init(description: "skipped: the toolchain has no embedded wasm32 library"))
        default: return .failure(.init(description: "build.sh failed:\n\(log)"))
        }
    }()

    static var toolchainHasEmbeddedWasm: Bool {
        if case let .failure(failure) = build, failure.description.hasPrefix("skipped") { return false }
        return true
    }

    func modulePath() throws -> String {
        switch Self.build {
        case let .success(path): return path
        case let .failure(failure): throw failure
        }
    }

    @Test("the module imports only ic0 system calls", .enabled(if: toolchainHasEmbeddedWasm))
    func importsOnlyIc0() throws {
        let host = try CanisterHost(modulePath: modulePath())
        #expect(!host.importNames.isEmpty)
        for name in host.importNames {
            #expect(name.hasPrefix("ic0."), "unexpected import \(name)")
        }
        #expect(host.importNames.contains("ic0.stable64_write"))
    }

    @Test("data survives an upgrade, and stable memory equals the native library's image byte for byte",
          .enabled(if: toolchainHasEmbeddedWasm))
    func upgradeSurvivalAndByteIdentity() throws {
        let host = try CanisterHost(modulePath: modulePath())
        var random = SplitMix64(seed: 0x5EED)
        var model: [UInt64: UInt64] = [:]
        var pushed: [UInt64] = []
        // Native twin: the same operations on the library compiled for this machine.
        let manager = try MemoryManager(VectorMemory(), bucketSize: 1)
        let map = try BTreeMap<UInt64, UInt64, VirtualMemory<VectorMemory>>(memory: manager.memory(MemoryId(0)))
        let vec = try StableVec<UInt64, VirtualMemory<VectorMemory>>(memory: manager.memory(MemoryId(1)))

        for step in 0..<600 {
            let key = step % 5 == 4 ? (model.keys.first ?? 1) : random.next() % 100_000
            let value = random.next()
            let reply = try host.call("canister_update insert", [key, value])
            let previous = model.updateValue(value, forKey: key)
            #expect(reply == (previous.map { [1, $0] } ?? [0, 0]))
            pushed.append(value)
            _ = try map.insert(key, value)
            try vec.push(value)
        }
        #expect(try host.call("canister_query len") == [UInt64(model.count), UInt64(pushed.count)])

        try host.upgrade()

        #expect(try host.call("canister_query len") == [UInt64(model.count), UInt64(pushed.count)])
        for (key, value) in model {
            #expect(try host.call("canister_query get", [key]) == [1, value])
        }
        #expect(try host.call("canister_query get", [100_001]) == [0, 0])
        for index in stride(from: 0, to: pushed.count, by: 37) {
            #expect(try host.call("canister_query vec_get", [UInt64(index)]) == [1, pushed[index]])
        }
        let native = manager.underlyingMemory.bytes
        #expect(host.stableMemory.count == native.count)
        #expect(host.stableMemory == native, "stable memory differs from the native image")

        // Writes after the upgrade keep both images identical.
        _ = try host.call("canister_update insert", [7, 7])
        _ = try map.insert(7, 7)
        try vec.push(7)
        #expect(host.stableMemory == manager.underlyingMemory.bytes)
    }
}
