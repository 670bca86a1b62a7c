// What the benchmark module imports besides the library's `ic0.stable64_*`.
import StableStructures

@_extern(wasm, module: "ic0", name: "trap")
@_extern(c)
func ic0Trap(_ source: UInt32, _ size: UInt32)

/// Marks the end of one counted operation: the host starts a new "message"
/// for its count of newly dirtied pages. The counter gives this call no weight.
@_extern(wasm, module: "bench", name: "operation_done")
@_extern(c)
func operationDone()

/// Traps the module with `message` (a workload that fails is a broken benchmark).
func fail(_ message: StaticString) -> Never {
    ic0Trap(UInt32(UInt(bitPattern: message.utf8Start)), UInt32(message.utf8CodeUnitCount))
    while true {}
}

/// Runs `body`, trapping with `message` if it throws.
@inline(__always)
func must<T>(_ message: StaticString, _ body: () throws(StableError) -> T) -> T {
    do { return try body() } catch { fail(message) }
}
