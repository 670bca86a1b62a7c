import StableTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// stableql-bench [--repeat K]: the interpreter's overhead, as stable-bench lines.
var repeatCount = 3
if let index = CommandLine.arguments.firstIndex(of: "--repeat"), index + 1 < CommandLine.arguments.count,
   let count = Int(CommandLine.arguments[index + 1]), count > 0 {
    repeatCount = count
}
// stableql-bench [--repeat K] [--only PREFIX]: PREFIX selects workloads by name.
var only: String? = nil
if let index = CommandLine.arguments.firstIndex(of: "--only"), index + 1 < CommandLine.arguments.count {
    only = CommandLine.arguments[index + 1]
}
for workload in interpreterWorkloads() + queryWorkloads() where only.map({ workload.name.hasPrefix($0) }) ?? true {
    var times = (0..<repeatCount).map { _ in workload.run() }
    times.sort()
    let median = times[times.count / 2]
    print("workload=\(workload.name) n=\(workload.n) ns_per_op=\((median * 1e10 / Double(workload.n)).rounded() / 10) total_ms=\((median * 1e4).rounded() / 10)")
}
