// libFuzzer target `ops_btreemap`: see FuzzHarness.opsBTreeMap (Sources/StableTestSupport/FuzzHarness.swift).
// Build and run with `Scripts/fuzz.sh ops_btreemap [SECONDS]`.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzHarness.opsBTreeMap(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
