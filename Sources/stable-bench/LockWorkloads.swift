#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import StableStructures
import StableTestSupport

/// The cost of coordinating processes (``ImageCoordinator``) per statement,
/// uncontended: a reader's shared lock and change check (`lock_read`), a
/// writer's exclusive lock and counter increment (`lock_write`), and the
/// journaled statements of `journal_file_tx_u64x4` with a write lock around
/// each (`lock_file_tx_u64x4`, to compare with that workload).
func lockWorkloads() -> [Workload] {
    [
        Workload(name: "lock_read_statement", n: 100_000) {
            withImageFile { path in lockCycles(path, .read, count: 100_000) }
        },
        Workload(name: "lock_write_statement", n: 100_000) {
            withImageFile { path in lockCycles(path, .write, count: 100_000) }
        },
        Workload(name: "lock_file_tx_u64x4", n: 500) {
            withImageFile { path in
                let coordinator = makeCoordinator(path)
                return statementsWorkload(
                    TransactionalMemory(openImage(path)), statements: 500, batch: 1, coordinator: coordinator)
            }
        },
    ]
}

func makeCoordinator(_ path: String) -> ImageCoordinator {
    do {
        return try ImageCoordinator(imagePath: path)
    } catch {
        fail("\(error)")
    }
}

/// `count` empty statements: lock, check, unlock.
func lockCycles(_ path: String, _ access: ImageCoordinator.Access, count: Int) -> Double {
    let coordinator = makeCoordinator(path)
    return measure { timedRegionLockCycles(coordinator, access, count: count) }
}

@inline(never)
func timedRegionLockCycles(_ coordinator: ImageCoordinator, _ access: ImageCoordinator.Access, count: Int) -> Int {
    var changes = 0
    do {
        for _ in 0..<count {
            if try coordinator.begin(access) { changes += 1 }
            coordinator.end()
        }
    } catch {
        check(false, "\(error)")
    }
    return changes
}
