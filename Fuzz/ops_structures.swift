// libFuzzer target `ops_structures`: see FuzzHarness.opsStructures
// (Sources/StableTestSupport/FuzzHarness+Structures.swift).
// Build and run with `Scripts/fuzz.sh ops_structures [SECONDS]`.
// fuzz-sources: Sources/StableTestSupport/FuzzHarness.swift Sources/StableTestSupport/FuzzHarness+Structures.swift Sources/StableTestSupport/SplitMix64.swift

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzHarness.opsStructures(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
