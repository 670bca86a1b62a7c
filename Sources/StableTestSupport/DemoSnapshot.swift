#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Candid
import StableStructures

#if canImport(Glibc) || canImport(Musl)

/// Builds a realistic `dfx canister snapshot download` folder, as a small
/// user-directory canister would leave it: its stable memory is a memory
/// manager with
///
/// | memory | structure | contents |
/// |---|---|---|
/// | 0 | `BTreeMap<u64, Candid User>` | `users`: id → `record { name; email; status: variant { Active; Suspended : text }; created_at : nat64 }` |
/// | 1, 2 | `Log<Candid Event>` | `events`: `record { user : nat64; kind : text; at : nat64 }` |
/// | 3 | `Cell<String>` | the configuration, as JSON text |
/// | 4 | `BTreeMap<String, u64>` | e-mail address → user id |
/// | 5 | raw bytes | an SQLite-like file kept in a virtual memory (`extract` it) |
///
/// and `metadata.json` is the pretty serde JSON `dfx` writes, with
/// `stable_memory_size` equal to `stable_memory.bin`'s size.
public enum DemoSnapshot {
    /// How many users the folder holds.
    public static let userCount: UInt64 = 120
    /// How many events the log holds.
    public static let eventCount: UInt64 = 300
    /// The time every record is based on: 2025-01-15T09:00:00Z, in nanoseconds.
    public static let epoch: UInt64 = 1_736_931_600_000_000_000

    /// The Candid type of a user.
    public static let userType = CandidType.record([
        CandidFieldType(.name("name"), .text),
        CandidFieldType(.name("email"), .text),
        CandidFieldType(.name("status"), .variant([
            CandidFieldType(.name("Active"), .null),
            CandidFieldType(.name("Suspended"), .text),
        ])),
        CandidFieldType(.name("created_at"), .nat64),
    ])

    /// The Candid type of an event.
    public static let eventType = CandidType.record([
        CandidFieldType(.name("user"), .nat64),
        CandidFieldType(.name("kind"), .text),
        CandidFieldType(.name("at"), .nat64),
    ])

    static let names = ["ada", "grace", "alan", "edsger", "barbara", "donald", "frances", "ken", "dennis", "niklaus"]

    /// User `id`'s name.
    public static func name(of id: UInt64) -> String { "\(names[Int(id % 10)])\(id)" }
    /// User `id`'s e-mail address.
    public static func email(of id: UInt64) -> String { "\(name(of: id))@example.org" }
    /// Whether user `id` is suspended (every 17th is).
    public static func isSuspended(_ id: UInt64) -> Bool { id % 17 == 5 }

    /// The Candid encoding of user `id`.
    public static func user(_ id: UInt64) throws(CandidError) -> [UInt8] {
        let status: CandidValue = isSuspended(id)
            ? .variant(CandidFieldValue(.name("Suspended"), .text("spam")))
            : .variant(CandidFieldValue(.name("Active"), .null))
        return try CandidEncoder.encode(.makeRecord([
            CandidFieldValue(.name("name"), .text(name(of: id))),
            CandidFieldValue(.name("email"), .text(email(of: id))),
            CandidFieldValue(.name("status"), status),
            CandidFieldValue(.name("created_at"), .nat64(epoch + id * 3_600_000_000_000)),
        ]), as: userType)
    }

    /// The Candid encoding of event `index`.
    public static func event(_ index: UInt64) throws(CandidError) -> [UInt8] {
        let kinds = ["login", "update_profile", "logout"]
        return try CandidEncoder.encode(.makeRecord([
            CandidFieldValue(.name("user"), .nat64(index % userCount)),
            CandidFieldValue(.name("kind"), .text(kinds[Int(index % 3)])),
            CandidFieldValue(.name("at"), .nat64(epoch + index * 60_000_000_000)),
        ]), as: eventType)
    }

    /// The configuration cell's JSON text.
    public static let configuration = #"{"max_users":1000,"admins":["ada0"],"signups_open":true}"#

    /// The bytes of memory 5: a file kept in a virtual memory.
    public static func rawFile() -> [UInt8] {
        var bytes = Array("SQLite format 3\u{0}".utf8)
        var state: UInt64 = 0x5EED
        while bytes.count < 70_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        return bytes
    }

    /// The stable memory's bytes.
    public static func stableMemory() throws(StableError) -> [UInt8] {
        let heap = VectorMemory()
        let manager = try MemoryManager(heap)
        let users = try BTreeMap<UInt64, [UInt8], VirtualMemory<VectorMemory>>(memory: manager.memory(MemoryId(0)))
        let byEmail = try BTreeMap<String, UInt64, VirtualMemory<VectorMemory>>(memory: manager.memory(MemoryId(4)))
        var userBytes: [[UInt8]] = []
        var eventBytes: [[UInt8]] = []
        do throws(CandidError) {
            for id in 0..<userCount { userBytes.append(try user(id)) }
            for index in 0..<eventCount { eventBytes.append(try event(index)) }
        } catch {
            throw .invalidArgument("candid: \(error)")
        }
        for id in 0..<userCount {
            _ = try users.insert(id, userBytes[Int(id)])
            _ = try byEmail.insert(email(of: id), id)
        }
        let events = try Log<[UInt8], VirtualMemory<VectorMemory>, VirtualMemory<VectorMemory>>(
            indexMemory: manager.memory(MemoryId(1)), dataMemory: manager.memory(MemoryId(2)))
        for bytes in eventBytes { _ = try events.append(bytes) }
        _ = try Cell<String, VirtualMemory<VectorMemory>>(memory: manager.memory(MemoryId(3)), defaultValue: configuration)
        let raw = manager.memory(try MemoryId(5))
        let file = rawFile()
        let pages = (UInt64(file.count) + 65535) / 65536
        if raw.grow(pages) < 0 { throw .growFailed(pages: pages) }
        try raw.write(0, bytes: file)
        return try heap.readBytes(0, count: Int(heap.size * wasmPageSize))
    }

    /// `metadata.json` as `dfx` writes it (serde_json's pretty printer).
    public static func metadata(stableMemorySize: UInt64) -> String {
        """
        {
          "source": {
            "taken_from_canister": null
          },
          "taken_at_timestamp": 1736935200123456789,
          "wasm_module_size": 16,
          "globals": [
            {
              "i32": 1048576
            },
            {
              "i64": 0
            }
          ],
          "wasm_memory_size": 131072,
          "stable_memory_size": \(stableMemorySize),
          "wasm_chunk_store": [],
          "canister_version": 42,
          "certified_data": [
            1,
            2,
            3
          ],
          "global_timer": {
            "active": 1736935260000000000
          },
          "on_low_wasm_memory_hook_status": "condition_not_satisfied"
        }
        """
    }

    /// Writes the folder at `path` (created if absent; its files replaced).
    public static func write(to path: String) throws(StableError) {
        _ = mkdir(path, 0o755)
        _ = mkdir(path + "/wasm_chunk_store", 0o755)
        let stable = try stableMemory()
        try SnapshotFolder.replaceFile(path + "/stable_memory.bin", with: stable, folder: path)
        try SnapshotFolder.replaceFile(path + "/wasm_module.bin", with: [0x00, 0x61, 0x73, 0x6D, 1, 0, 0, 0] + [UInt8](repeating: 0, count: 8), folder: path)
        try SnapshotFolder.replaceFile(path + "/wasm_memory.bin", with: [UInt8](repeating: 0, count: 131_072), folder: path)
        try SnapshotFolder.replaceFile(path + "/metadata.json", with: Array(metadata(stableMemorySize: UInt64(stable.count)).utf8), folder: path)
    }
}

#endif
