#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One benchmark workload of `bench/WORKLOADS.md`.
///
/// `run` prepares fresh inputs and a fresh structure (untimed), performs one
/// timed region and returns its duration in seconds.
struct Workload {
    /// The workload id, e.g. `btree_insert_u64`.
    let name: String
    /// The number of operations in one timed region.
    let n: Int
    /// One untimed setup plus one timed run; returns the timed seconds.
    let run: () -> Double
}

/// Monotonic time in seconds.
func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Times `body`, keeping its result alive so the work cannot be optimised away.
@inline(__always)
func measure<R>(_ body: () -> R) -> Double {
    let start = now()
    let result = body()
    let elapsed = now() - start
    blackHole(result)
    return elapsed
}

/// Consumes a value opaquely.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Stops the benchmark with a message when a workload computes a wrong result.
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        print("benchmark check failed: \(message())")
        exit(2)
    }
}
