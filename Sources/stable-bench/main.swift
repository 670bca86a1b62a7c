import StableTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// stable-bench [WORKLOAD ...] [--repeat K] [--list]
// Runs the workloads of bench/WORKLOADS.md (all of them by default) and prints
// one machine-readable line each, the median of K runs. The scale workloads
// (`scale_*`, minutes and up to a GB of disk) run only when named.

let scaleImages = ScaleImages()
let standard: [Workload] = memoryWorkloads() + registeredWorkloads()
let onRequest: [Workload] = scaleWorkloads(scaleImages)
let all = standard + onRequest

var names: [String] = []
var repeatCount = 1
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--repeat":
        guard let value = arguments.popFirst(), let count = Int(value), count > 0 else {
            print("--repeat takes a positive whole number")
            exit(64)
        }
        repeatCount = count
    case "--list":
        for workload in all { print(workload.name) }
        exit(0)
    case "-h", "--help":
        print("usage: stable-bench [WORKLOAD ...] [--repeat K] [--list]")
        exit(0)
    default:
        names.append(argument)
    }
}

let unknown = names.filter { name in !all.contains { $0.name == name } }
if !unknown.isEmpty {
    print("unknown workload(s): \(unknown.joined(separator: ", ")); --list shows them")
    exit(64)
}
#if DEBUG
print("warning: a debug build; measure with `swift run -c release stable-bench`")
#endif
for workload in (names.isEmpty ? standard : all) where names.isEmpty || names.contains(workload.name) {
    var times = (0..<repeatCount).map { _ in workload.run() }
    times.sort()
    let median = times[times.count / 2]
    let nsPerOp = median * 1e9 / Double(workload.n)
    print("workload=\(workload.name) n=\(workload.n) ns_per_op=\(format(nsPerOp)) total_ms=\(format(median * 1e3))")
    fflush(nil)
}
scaleImages.removeAll()

func format(_ value: Double) -> String {
    let scaled = (value * 10).rounded() / 10
    return String(scaled)
}
