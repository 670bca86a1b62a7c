import Foundation

/// Where `swift build` put the products of this package (the folder holding
/// the test bundle), so shell tests can run the real `stable-repl` binary.
enum Products {
    static let directory: URL = {
        // The test bundle lives in the build products folder beside the executables.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }()

    static var repl: URL { directory.appendingPathComponent("stable-repl") }
}
