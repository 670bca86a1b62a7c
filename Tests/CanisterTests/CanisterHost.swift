import Foundation
import WasmKit

/// A minimal Internet Computer host for the example canister: it implements
/// the `ic0` system calls the module imports over a byte buffer (the stable
/// memory) and a message argument/reply, and can "upgrade" the canister by
/// instantiating a fresh module over the same stable memory.
final class CanisterHost {
    /// Raised when the canister calls `ic0.trap` or a call goes wrong.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The canister's stable memory: survives upgrades.
    private(set) var stableMemory: [UInt8] = []
    /// The most pages stable memory may grow to (the IC's limit is far larger).
    let maxStablePages: UInt64 = 4096

    private let module: Module
    private var store: Store
    private var instance: Instance
    private var argument: [UInt8] = []
    private var replyBytes: [UInt8] = []
    private var replied = false

    /// The module's imports as "module.name".
    var importNames: [String] { module.imports.map { "\($0.module).\($0.name)" } }

    /// Instantiates the module at `path` and calls `canister_init`.
    init(modulePath: String) throws {
        module = try parseWasm(filePath: modulePath)
        store = Store(engine: Engine())
        instance = try Self.placeholderInstance()
        instance = try instantiate()
        try call("canister_init")
    }

    /// Simulates an upgrade: drops the instance and its heap, instantiates the
    /// module afresh over the same stable memory, and calls `canister_post_upgrade`.
    func upgrade() throws {
        store = Store(engine: Engine())
        instance = try instantiate()
        try call("canister_post_upgrade")
    }

    /// Calls an exported entry point with little-endian u64 words and returns
    /// the reply as words.
    @discardableResult
    func call(_ export: String, _ words: [UInt64] = []) throws -> [UInt64] {
        argument = words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) } }
        replyBytes = []
        replied = false
        guard let function = instance.exports[function: export] else {
            throw Failure(description: "the module exports no function \"\(export)\"")
        }
        _ = try function()
        return stride(from: 0, to: replyBytes.count - 7, by: 8).map { start in
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(replyBytes[start + $1]) << (8 * UInt64($1)) }
        }
    }

    /// Whether the last call replied.
    var didReply: Bool { replied }

    private static func placeholderInstance() throws -> Instance {
        // A tiny empty module, so that `instance` is initialised before `instantiate()` runs.
        let empty: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        return try parseWasm(bytes: empty).instantiate(store: Store(engine: Engine()))
    }

    private func instantiate() throws -> Instance {
        var imports = Imports()
        func define(_ name: String, _ parameters: [ValueType], _ results: [ValueType] = [],
                    _ body: @escaping (borrowing Caller, [Value]) throws -> [Value]) {
            imports.define(module: "ic0", name: name,
                           Function(store: store, parameters: parameters, results: results, body: body))
        }
        define("stable64_size", [], [.i64]) { [unowned self] _, _ in
            [.i64(UInt64(stableMemory.count) / 65_536)]
        }
        define("stable64_grow", [.i64], [.i64]) { [unowned self] _, arguments in
            let pages = arguments[0].u64
            let old = UInt64(stableMemory.count) / 65_536
            guard old + pages <= maxStablePages else { return [.i64(UInt64(bitPattern: -1))] }
            stableMemory.append(contentsOf: repeatElement(0, count: Int(pages) * 65_536))
            return [.i64(old)]
        }
        define("stable64_read", [.i64, .i64, .i64]) { [unowned self] caller, arguments in
            let (destination, offset, count) = (arguments[0].u64, arguments[1].u64, Int(arguments[2].u64))
            guard offset + UInt64(count) <= UInt64(stableMemory.count) else {
                throw Failure(description: "stable64_read out of bounds")
            }
            try Self.guestMemory(caller).withUnsafeMutableBufferPointer(offset: UInt(destination), count: count) { target in
                stableMemory.withUnsafeBytes { source in
                    target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[Int(offset)..<Int(offset) + count]))
                }
            }
            return []
        }
        define("stable64_write", [.i64, .i64, .i64]) { [unowned self] caller, arguments in
            let (offset, source, count) = (arguments[0].u64, arguments[1].u64, Int(arguments[2].u64))
            guard offset + UInt64(count) <= UInt64(stableMemory.count) else {
                throw Failure(description: "stable64_write out of bounds")
            }
            try Self.guestMemory(caller).withUnsafeBufferPointer(offset: UInt(source), count: count) { bytes in
                stableMemory.replaceSubrange(Int(offset)..<Int(offset) + count, with: bytes)
            }
            return []
        }
        define("msg_arg_data_size", [], [.i32]) { [unowned self] _, _ in [.i32(UInt32(argument.count))] }
        define("msg_arg_data_copy", [.i32, .i32, .i32]) { [unowned self] caller, arguments in
            let (destination, offset, count) = (arguments[0].i32, Int(arguments[1].i32), Int(arguments[2].i32))
            guard offset + count <= argument.count else { throw Failure(description: "msg_arg_data_copy out of bounds") }
            try Self.guestMemory(caller).withUnsafeMutableBufferPointer(offset: UInt(destination), count: count) { target in
                argument.withUnsafeBytes { target.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + count])) }
            }
            return []
        }
        define("msg_reply_data_append", [.i32, .i32]) { [unowned self] caller, arguments in
            try Self.guestMemory(caller).withUnsafeBufferPointer(offset: UInt(arguments[0].i32), count: Int(arguments[1].i32)) {
                replyBytes.append(contentsOf: $0)
            }
            return []
        }
        define("msg_reply", []) { [unowned self] _, _ in
            replied = true
            return []
        }
        define("trap", [.i32, .i32]) { caller, arguments in
            let message = try Self.guestMemory(caller).withUnsafeBufferPointer(
                offset: UInt(arguments[0].i32), count: Int(arguments[1].i32)) { String(decoding: $0, as: UTF8.self) }
            throw Failure(description: "canister trapped: \(message)")
        }
        return try module.instantiate(store: store, imports: imports)
    }

    private static func guestMemory(_ caller: borrowing Caller) throws -> WasmKit.Memory {
        guard let memory = caller.instance?.exports[memory: "memory"] else {
            throw Failure(description: "the module exports no memory")
        }
        return memory
    }
}

extension Value {
    var u64: UInt64 {
        if case let .i64(value) = self { return value }
        return 0
    }

    var i32: UInt32 {
        if case let .i32(value) = self { return value }
        return 0
    }
}
