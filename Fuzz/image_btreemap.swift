// libFuzzer target `image_btreemap`: see FuzzHarness.imageBTreeMap (Sources/StableTestSupport/FuzzHarness.swift).
// Build and run with `Scripts/fuzz.sh image_btreemap [SECONDS]`.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzHarness.imageBTreeMap(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
