// libFuzzer target `image_memory_manager`: see FuzzHarness.imageMemoryManager (Sources/StableTestSupport/FuzzHarness.swift).
// Build and run with `Scripts/fuzz.sh image_memory_manager [SECONDS]`.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzHarness.imageMemoryManager(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
