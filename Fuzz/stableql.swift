// libFuzzer target `stableql`: see StableQLFuzzHarness.run (Tests/StableQLTests/Fuzz/StableQLFuzzHarness.swift).
// Build and run with `Scripts/fuzz.sh stableql [SECONDS]`.
// fuzz-modules: StableQL
// fuzz-sources: Tests/StableQLTests/Fuzz/StableQLFuzzHarness.swift

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    StableQLFuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
