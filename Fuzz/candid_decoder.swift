// libFuzzer target `candid_decoder`: see CandidFuzzHarness.run (Tests/CandidTests/Fuzz/CandidFuzzHarness.swift).
// Build and run with `Scripts/fuzz.sh candid_decoder [SECONDS]`.
// fuzz-modules: Candid
// fuzz-sources: Tests/CandidTests/Fuzz/CandidFuzzHarness.swift

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    CandidFuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
