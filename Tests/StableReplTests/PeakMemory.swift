import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `stable-repl` with standard output to /dev/null and
/// returns its exit status and peak resident set size (from `wait4`, the
/// kernel's own count for that child alone).
enum PeakMemory {
    struct Run {
        var status: Int32
        var peakKilobytes: Int
    }

    static func run(_ arguments: [String]) throws -> Run {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let path = Products.repl.path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, path, &actions, nil, argv, environ)
        guard rc == 0 else { throw PtyError("posix_spawn failed: \(rc)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(child, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw PtyError("wait4 failed: \(errno)") }
        }
        let exited = (status & 0x7f) == 0
        return Run(status: exited ? (status >> 8) & 0xff : -1, peakKilobytes: usage.ru_maxrss)
    }
}
