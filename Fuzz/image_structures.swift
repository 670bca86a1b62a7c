// libFuzzer target `image_structures`: see FuzzHarness.imageStructures (Sources/StableTestSupport/FuzzHarness.swift).
// Build and run with `Scripts/fuzz.sh image_structures [SECONDS]`.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzHarness.imageStructures(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
