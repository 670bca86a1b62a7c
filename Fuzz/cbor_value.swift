// libFuzzer target `cbor_value`: see FuzzHarness.cborValue (Sources/StableTestSupport/FuzzHarness.swift).
// Build and run with `Scripts/fuzz.sh cbor_value [SECONDS]`.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzHarness.cborValue(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
