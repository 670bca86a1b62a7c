import StableStructures
import StableTestSupport
import Testing

@Suite("Snapshot metadata")
struct SnapshotMetadataTests {
    @Test("the fields of dfx's metadata.json are read")
    func readsFields() throws {
        let text = DemoSnapshot.metadata(stableMemorySize: 196_608)
        let metadata = try SnapshotMetadata(text: Array(text.utf8))
        #expect(metadata.fieldNames == [
            "source", "taken_at_timestamp", "wasm_module_size", "globals", "wasm_memory_size", "stable_memory_size",
            "wasm_chunk_store", "canister_version", "certified_data", "global_timer", "on_low_wasm_memory_hook_status",
        ])
        #expect(metadata.stableMemorySize == 196_608)
        #expect(metadata.integer("canister_version") == 42)
        #expect(metadata.tag("source") == "taken_from_canister")
        #expect(metadata.tag("on_low_wasm_memory_hook_status") == "condition_not_satisfied")
        #expect(metadata.arrayCount("globals") == 2)
        #expect(metadata.arrayCount("wasm_chunk_store") == 0)
    }

    @Test("setting stable_memory_size changes only its digits")
    func rewritesOnlyTheSize() throws {
        // Compact, reordered and with an unknown field: every other byte stays.
        let text = #"{"stable_memory_size":65536,"zzz":{"a":[1,{"b":"x\"y"}]},"source":{"metadata_upload":null}}"#
        let metadata = try SnapshotMetadata(text: Array(text.utf8))
        let updated = metadata.settingStableMemorySize(1_310_720)
        #expect(String(decoding: updated.text, as: UTF8.self)
            == #"{"stable_memory_size":1310720,"zzz":{"a":[1,{"b":"x\"y"}]},"source":{"metadata_upload":null}}"#)
        #expect(updated.stableMemorySize == 1_310_720)
    }

    @Test("text that is not snapshot metadata is refused", arguments: [
        "", "[]", "{\"stable_memory_size\": -1}", "{\"a\": 1}", "{\"stable_memory_size\": 5", "{\"stable_memory_size\": 5} x",
    ])
    func refuses(_ text: String) {
        #expect(throws: StableError.self) { try SnapshotMetadata(text: Array(text.utf8)) }
    }
}
