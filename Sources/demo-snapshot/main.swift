#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import StableTestSupport

// demo-snapshot DIR: writes the demo `dfx canister snapshot download` folder
// (see DemoSnapshot) that Examples/scripts/inspect-canister.sql inspects.
let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    print("usage: demo-snapshot DIR   (writes a demo canister snapshot folder)")
    exit(2)
}
do {
    try DemoSnapshot.write(to: arguments[1])
    print("wrote a demo canister snapshot folder to \(arguments[1])")
} catch {
    print("demo-snapshot: \(error)")
    exit(1)
}
