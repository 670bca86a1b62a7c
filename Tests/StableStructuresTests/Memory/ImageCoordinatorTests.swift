import Foundation
@testable import StableStructures
import StableTestSupport
import Testing

/// Two coordinators on one image in one process behave as two processes:
/// their locks are open-file-description locks, owned by separate descriptors.
@Suite("ImageCoordinator: locks, change counter, recovery")
struct ImageCoordinatorTests {
    typealias Map = BTreeMap<UInt64, UInt64, TransactionalMemory<FileMemory>>

    /// One "process": its own lock, file memory and transactional memory.
    final class Party {
        let coordinator: ImageCoordinator
        let file: FileMemory
        let memory: TransactionalMemory<FileMemory>

        init(_ path: String, readOnly: Bool = false, timeout: Int = 50) throws {
            coordinator = try ImageCoordinator(imagePath: path, readOnly: readOnly, busyTimeoutMilliseconds: timeout)
            file = try FileMemory(path: path, readOnly: readOnly)
            memory = TransactionalMemory(file)
        }
    }

    @Test("readers share the lock; a writer excludes everyone and is named in the busy error")
    func exclusion() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("shared.img")
        let a = try Party(path), b = try Party(path), c = try Party(path)
        _ = try a.coordinator.begin(.read)
        _ = try b.coordinator.begin(.read)
        // Readers only: no process to name.
        #expect(throws: StableError.busy(path: path, process: nil)) { _ = try c.coordinator.begin(.write) }
        a.coordinator.end()
        b.coordinator.end()
        _ = try c.coordinator.begin(.write)
        let pid = ProcessInfo.processInfo.processIdentifier
        #expect(throws: StableError.busy(path: path, process: pid)) { _ = try a.coordinator.begin(.read) }
        #expect(throws: StableError.busy(path: path, process: pid)) { _ = try b.coordinator.begin(.write) }
        #expect(StableError.busy(path: path, process: pid).description == "image is busy: locked by process \(pid)")
        c.coordinator.end()
        _ = try a.coordinator.begin(.write)
        a.coordinator.end()
    }

    @Test("a waiting writer holds new readers back until the readers inside are done")
    func pendingWriter() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("shared.img")
        let reader = try Party(path), writer = try Party(path), late = try Party(path)
        _ = try reader.coordinator.begin(.read)
        #expect(try writer.coordinator.lock.tryLock(.exclusive) == false)  // pending byte now claimed
        #expect(try late.coordinator.lock.tryLock(.shared) == false)
        reader.coordinator.end()
        #expect(try writer.coordinator.lock.tryLock(.exclusive))
        _ = try writer.coordinator.lock.tryLock(.none)
        #expect(try late.coordinator.lock.tryLock(.shared))
        _ = try late.coordinator.lock.tryLock(.none)
    }

    @Test("a commit by one process is seen at the other's next begin, which re-attaches")
    func changeDetection() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("shared.img")
        let a = try Party(path), b = try Party(path)

        #expect(try a.coordinator.begin(.write) == false)
        try a.memory.atomically { () throws(StableError) in
            let map = try Map.new(memory: a.memory)
            for key in UInt64(0)..<100 { _ = try map.insert(key, key * 2) }
        }
        a.coordinator.end()

        #expect(try b.coordinator.begin(.read))
        try b.file.reloadSize()
        #expect(try Map(memory: b.memory).count == 100)
        b.coordinator.end()
        #expect(try b.coordinator.begin(.read) == false)
        b.coordinator.end()

        #expect(try b.coordinator.begin(.write) == false)
        try b.memory.atomically { () throws(StableError) in
            let map = try Map(memory: b.memory)
            for key in UInt64(100)..<5000 { _ = try map.insert(key, key * 2) }
        }
        b.coordinator.end()

        #expect(try a.coordinator.begin(.read))
        // The stale size would hide the pages b added.
        #expect(a.file.size < b.file.size)
        try a.file.reloadSize()
        let map = try Map(memory: a.memory)
        #expect(map.count == 5000)
        #expect(try map.get(4999) == 9998)
        a.coordinator.end()
    }

    @Test("a hot journal is rolled back by the first process to lock, once, under the write lock")
    func recovery() throws {
        let interrupted = try JournalRecoveryTests.interruptedCommit(at: .imagePartiallyWritten)
        let reader = try Party(interrupted.path, readOnly: true)
        // A read-only process refuses to read a half-written image.
        #expect(throws: StableError.self) { _ = try reader.coordinator.begin(.read) }
        let a = try Party(interrupted.path), b = try Party(interrupted.path)
        #expect(try a.coordinator.begin(.read))
        guard case .rolledBack = a.coordinator.lastRecovery else {
            Issue.record("no rollback: \(a.coordinator.lastRecovery)")
            return
        }
        #expect(try fileBytes(interrupted.path) == interrupted.old)
        #expect(!fileExists(interrupted.journal))
        a.coordinator.end()
        #expect(try b.coordinator.begin(.read))  // a's recovery moved the counter
        #expect(b.coordinator.lastRecovery == .noJournal)
        b.coordinator.end()
        #expect(try reader.coordinator.begin(.read))
        reader.coordinator.end()
    }

    @Test("read-only: no side file is created; its absence reads as unchanged")
    func readOnlyWritesNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("image.img")
        let file = try FileMemory(path: path)
        _ = file.grow(1)
        file.close()
        let reader = try Party(path, readOnly: true)
        #expect(try reader.coordinator.begin(.write) == false)  // read-only: a shared lock
        reader.coordinator.end()
        #expect(try directory.contents() == ["image.img"])
        #expect(throws: StableError.self) { _ = try ImageCoordinator(imagePath: directory.file("missing.img"), readOnly: true) }
        #expect(try directory.contents() == ["image.img"])
        // A writer appears: the reader notices the side file and its count.
        let writer = try Party(path)
        _ = try writer.coordinator.begin(.write)
        writer.coordinator.end()
        #expect(try reader.coordinator.begin(.read))
        reader.coordinator.end()
    }

    @Test("I/O errors carry the operating system's text")
    func errorText() {
        let error = StableError.io(operation: "write", path: "img", errno: ENOSPC)
        #expect(error.description == "write failed on img (No space left on device, errno \(ENOSPC))")
    }
}
