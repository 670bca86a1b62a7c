#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One workload: untimed setup plus one timed run; returns the timed seconds.
struct Workload {
    let name: String
    let n: Int
    let run: () -> Double
}

/// Times `body` with the monotonic clock.
func measure<R>(_ body: () -> R) -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    let result = body()
    clock_gettime(CLOCK_MONOTONIC, &end)
    withExtendedLifetime(result) {}
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}

/// Stops with a message when a workload computes a wrong result.
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        print("benchmark check failed: \(message())")
        exit(2)
    }
}
