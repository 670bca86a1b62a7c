// An example canister on StableStructures, built with Embedded Swift for wasm32
// (see build.sh). Its data lives only in stable memory: a BTreeMap<UInt64,
// UInt64> in virtual memory 0 and a StableVec<UInt64> in virtual memory 1 of
// a MemoryManager over the canister's stable memory. There is no pre-upgrade
// hook: after an upgrade, `canister_post_upgrade` only re-attaches the
// structures to the memory they already occupy.
//
// Arguments and replies are raw little-endian integers through the `ic0.msg_*`
// system calls (a real canister would use Candid; the point here is the stable
// memory, not the message format).

import StableStructures

@_extern(wasm, module: "ic0", name: "msg_arg_data_size")
@_extern(c)
func ic0_msg_arg_data_size() -> UInt32
@_extern(wasm, module: "ic0", name: "msg_arg_data_copy")
@_extern(c)
func ic0_msg_arg_data_copy(_ destination: UInt32, _ offset: UInt32, _ size: UInt32)
@_extern(wasm, module: "ic0", name: "msg_reply_data_append")
@_extern(c)
func ic0_msg_reply_data_append(_ source: UInt32, _ size: UInt32)
@_extern(wasm, module: "ic0", name: "msg_reply")
@_extern(c)
func ic0_msg_reply()
@_extern(wasm, module: "ic0", name: "trap")
@_extern(c)
func ic0_trap(_ source: UInt32, _ size: UInt32)

typealias Stable = VirtualMemory<Ic0StableMemory>

/// The canister's heap state: handles onto stable memory, rebuilt after every upgrade.
nonisolated(unsafe) var state: (map: BTreeMap<UInt64, UInt64, Stable>, vec: StableVec<UInt64, Stable>)?

/// Attaches to the structures in stable memory, creating them when it is empty.
func attach() {
    do {
        let manager = try MemoryManager(Ic0StableMemory(), bucketSize: 1)
        let map = try BTreeMap<UInt64, UInt64, Stable>(memory: manager.memory(MemoryId(0)))
        let vec = try StableVec<UInt64, Stable>(memory: manager.memory(MemoryId(1)))
        state = (map, vec)
    } catch {
        trap("attach failed")
    }
}

func trap(_ message: StaticString) -> Never {
    ic0_trap(UInt32(UInt(bitPattern: message.utf8Start)), UInt32(message.utf8CodeUnitCount))
    while true {}
}

/// The message argument as little-endian 64-bit words.
func argumentWords() -> [UInt64] {
    let size = Int(ic0_msg_arg_data_size())
    var bytes = [UInt8](repeating: 0, count: size)
    bytes.withUnsafeMutableBytes { buffer in
        if let base = buffer.baseAddress, size > 0 {
            ic0_msg_arg_data_copy(UInt32(UInt(bitPattern: base)), 0, UInt32(size))
        }
    }
    var words: [UInt64] = []
    var index = 0
    while index + 8 <= size {
        var word: UInt64 = 0
        for shift in 0..<8 { word |= UInt64(bytes[index + shift]) << (8 * UInt64(shift)) }
        words.append(word)
        index += 8
    }
    return words
}

/// Replies with the given little-endian 64-bit words.
func reply(_ words: [UInt64]) {
    var bytes: [UInt8] = []
    for word in words {
        for shift in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: word >> (8 * UInt64(shift)))) }
    }
    bytes.withUnsafeBytes { buffer in
        if let base = buffer.baseAddress, !bytes.isEmpty {
            ic0_msg_reply_data_append(UInt32(UInt(bitPattern: base)), UInt32(bytes.count))
        }
    }
    ic0_msg_reply()
}

@_expose(wasm, "canister_init")
@_cdecl("canister_init")
func canisterInit() { attach() }

@_expose(wasm, "canister_post_upgrade")
@_cdecl("canister_post_upgrade")
func canisterPostUpgrade() { attach() }

/// `insert(key, value)`: map[key] = value and push value onto the vec; replies
/// with the previous value's presence flag and value.
@_expose(wasm, "canister_update insert")
@_cdecl("canister_update_insert")
func canisterInsert() {
    guard let state else { trap("not initialised") }
    let words = argumentWords()
    guard words.count == 2 else { trap("insert takes two u64") }
    do {
        let previous = try state.map.insert(words[0], words[1])
        try state.vec.push(words[1])
        reply(previous.map { [1, $0] } ?? [0, 0])
    } catch {
        trap("insert failed")
    }
}

/// `get(key)`: replies `[1, value]` or `[0, 0]`.
@_expose(wasm, "canister_query get")
@_cdecl("canister_query_get")
func canisterGet() {
    guard let state else { trap("not initialised") }
    let words = argumentWords()
    guard words.count == 1 else { trap("get takes one u64") }
    do {
        let value = try state.map.get(words[0])
        reply(value.map { [1, $0] } ?? [0, 0])
    } catch {
        trap("get failed")
    }
}

/// `len()`: replies `[map count, vec count]`.
@_expose(wasm, "canister_query len")
@_cdecl("canister_query_len")
func canisterLen() {
    guard let state else { trap("not initialised") }
    reply([UInt64(state.map.count), UInt64(state.vec.count)])
}

/// `vec_get(index)`: replies `[1, element]` or `[0, 0]`.
@_expose(wasm, "canister_query vec_get")
@_cdecl("canister_query_vec_get")
func canisterVecGet() {
    guard let state else { trap("not initialised") }
    let words = argumentWords()
    guard words.count == 1 else { trap("vec_get takes one u64") }
    do {
        let value = try state.vec.get(words[0])
        reply(value.map { [1, $0] } ?? [0, 0])
    } catch {
        trap("vec_get failed")
    }
}
