#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One benchmark workload (shared by `stable-bench` and `stableql-bench`) of `bench/WORKLOADS.md`.
///
/// `run` prepares fresh inputs and a fresh structure (untimed), performs one
/// timed region and returns its duration in seconds.
public struct Workload {
    /// The workload id, e.g. `btree_insert_u64`.
    public let name: String
    /// The number of operations in one timed region.
    public let n: Int
    /// One untimed setup plus one timed run; returns the timed seconds.
    public let run: () -> Double

    /// A workload named `name` of `n` operations.
    public init(name: String, n: Int, run: @escaping () -> Double) {
        self.name = name
        self.n = n
        self.run = run
    }
}

/// Monotonic time in seconds.
public func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Times `body`, keeping its result alive so the work cannot be optimised away.
@inlinable
public func measure<R>(_ body: () -> R) -> Double {
    let start = now()
    let result = body()
    let elapsed = now() - start
    blackHole(result)
    return elapsed
}

/// Consumes a value opaquely.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Stops the benchmark with a message when a workload computes a wrong result.
public func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
}

/// Stops the benchmark with a message (exit status 2).
public func fail(_ message: String) -> Never {
    print("benchmark check failed: \(message)")
    exit(2)
}
