import Foundation
@testable import StableStructures
import StableTestSupport
import Testing

@Suite("Rollback journal recovery")
struct JournalRecoveryTests {
    /// An image with an interrupted commit: the state before it, the state it
    /// was committing, and the number of original blocks its journal saves.
    struct Interrupted {
        let directory: TemporaryDirectory
        let path: String
        let old: [UInt8]
        let new: [UInt8]
        var journal: String { FileMemory.journalPath(forImage: path) }
    }

    /// Builds an image of 3 random pages, then a transaction that writes
    /// across it (block boundaries included) and grows it by 2 pages, and
    /// commits it with a crash simulated at `step` (nil: no crash).
    static func interruptedCommit(at step: CommitStep?, seed: UInt64 = transactionSeed) throws -> Interrupted {
        var random = SplitMix64(seed: seed)
        let directory = try TemporaryDirectory()
        let path = directory.file("image.img")
        let old = try FileTransactionTests.makeImage(at: path, pages: 3, random: &random)
        let file = try FileMemory(recovering: path)
        let memory = TransactionalMemory(file)
        var model = old
        try memory.begin()
        try randomOperations(on: memory, model: &model, random: &random, steps: 120)
        #expect(memory.grow(2) == Int64(model.count) / Int64(wasmPageSize))
        model += [UInt8](repeating: 0, count: 2 * Int(wasmPageSize))
        try memory.write(UInt64(model.count) - 5000, bytes: [UInt8](repeating: 0xAB, count: 5000))
        model.replaceSubrange((model.count - 5000)..., with: [UInt8](repeating: 0xAB, count: 5000))
        try memory.write(4090, bytes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        model.replaceSubrange(4090..<4102, with: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        #expect(model != old)
        memory.simulatedCrash = step
        if let step {
            #expect(throws: StableError.io(operation: "simulated crash at \(step.rawValue)", path: path, errno: 0)) {
                try memory.commit()
            }
            #expect(memory.failure != nil)
            #expect(throws: StableError.self) { try memory.begin() }
        } else {
            try memory.commit()
        }
        file.close()
        return Interrupted(directory: directory, path: path, old: old, new: model)
    }

    @Test("a crash at any step of a commit leaves exactly the old or exactly the new state after recovery",
          arguments: CommitStep.allCases)
    func crashAtEachStep(step: CommitStep) throws {
        let image = try Self.interruptedCommit(at: step)
        let hot = step != .journalPartiallyWritten && step != .journalDeleted
        #expect(fileExists(image.journal) == (step != .journalDeleted))
        switch step {
        case .journalPartiallyWritten, .journalWritten:
            #expect(try fileBytes(image.path) == image.old, "the image is untouched until the journal is synced")
        case .imageGrown, .imagePartiallyWritten:
            let now = try fileBytes(image.path)
            #expect(now != image.old && now != image.new, "the crash leaves a mix on disk")
        case .imageWritten, .journalDeleted:
            #expect(try fileBytes(image.path) == image.new)
        }

        // A read-only open refuses a hot journal and writes nothing.
        let journalBefore = fileExists(image.journal) ? try fileBytes(image.journal) : []
        let imageBefore = try fileBytes(image.path)
        if hot {
            #expect(throws: StableError.self) { try FileMemory(recovering: image.path, readOnly: true) }
            do {
                _ = try FileMemory(recovering: image.path, readOnly: true)
            } catch let error {
                guard case let .corrupted(_, reason) = error else { Issue.record("unexpected \(error)"); return }
                #expect(reason.contains("hot rollback journal") && reason.contains("read-write"))
            }
        } else {
            let readOnly = try FileMemory(recovering: image.path, readOnly: true)
            #expect(try contents(of: readOnly) == imageBefore)
        }
        #expect(try fileBytes(image.path) == imageBefore)
        #expect((fileExists(image.journal) ? try fileBytes(image.journal) : []) == journalBefore)

        // A read-write open recovers.
        let recovery = try FileMemory.recoverJournal(forImage: image.path)
        switch step {
        case .journalPartiallyWritten: #expect(recovery == .discardedIncompleteJournal)
        case .journalDeleted: #expect(recovery == .noJournal)
        default:
            guard case let .rolledBack(_, byteCount) = recovery else { Issue.record("got \(recovery)"); return }
            #expect(byteCount == UInt64(image.old.count))
        }
        let reopened = try FileMemory(recovering: image.path)
        let expected = step == .journalDeleted ? image.new : image.old
        #expect(try contents(of: reopened) == expected)
        #expect(try fileBytes(image.path) == expected)
        #expect(!fileExists(image.journal))

        // The recovered image takes new transactions.
        let memory = TransactionalMemory(reopened)
        try memory.begin()
        try memory.store(UInt64(42), at: 16)
        try memory.commit()
        #expect(try FileMemory(path: image.path).load(UInt64.self, at: 16) == 42)
    }

    @Test("an I/O failure while updating the image restores it in place; the memory stays usable",
          arguments: [CommitStep.imageGrown, .imagePartiallyWritten])
    func failureRestoresInPlace(step: CommitStep) throws {
        var random = SplitMix64(seed: transactionSeed &+ 800)
        let directory = try TemporaryDirectory()
        let path = directory.file("image.img")
        let old = try FileTransactionTests.makeImage(at: path, pages: 2, random: &random)
        let file = try FileMemory(recovering: path)
        let memory = TransactionalMemory(file)
        var model = old
        try memory.begin()
        try randomOperations(on: memory, model: &model, random: &random, steps: 100)
        _ = memory.grow(1)
        try memory.write(2 * wasmPageSize, bytes: [1, 2, 3])
        memory.simulatedFailure = step
        #expect(throws: StableError.io(operation: "simulated failure at \(step.rawValue)", path: path, errno: 5)) {
            try memory.commit()
        }
        #expect(memory.failure == nil)
        #expect(!memory.isInTransaction)
        #expect(try fileBytes(path) == old)
        #expect(file.size == 2)
        #expect(try directory.contents() == ["image.img"])
        // The memory takes the next transaction.
        memory.simulatedFailure = nil
        try memory.begin()
        try memory.store(UInt64(77), at: 0)
        try memory.commit()
        #expect(try FileMemory(path: path).load(UInt64.self, at: 0) == 77)
    }

    @Test("an image the file system cannot grow that far: growFailed, image and directory untouched")
    func growthFailure() throws {
        var random = SplitMix64(seed: transactionSeed &+ 900)
        let directory = try TemporaryDirectory()
        let path = directory.file("image.img")
        let old = try FileTransactionTests.makeImage(at: path, pages: 1, random: &random)
        let memory = TransactionalMemory(try FileMemory(recovering: path))
        try memory.begin()
        try memory.store(UInt64(5), at: 0)
        let pages = UInt64(Int64.max) / wasmPageSize - 1  // beyond any file system's limit
        #expect(memory.grow(pages) == 1)
        #expect(throws: StableError.growFailed(pages: pages)) { try memory.commit() }
        #expect(memory.failure == nil)
        #expect(try fileBytes(path) == old)
        #expect(try directory.contents() == ["image.img"])
    }

    @Test("the journal saves exactly the original blocks below the old length that change")
    func journalContents() throws {
        let image = try Self.interruptedCommit(at: .journalWritten)
        let journal = try fileBytes(image.journal)
        let header = try journal.withUnsafeBytes { (bytes) throws(StableError) in try RollbackJournal.parseHeader(bytes) }
        let parsed = try #require(header)
        let size = BlockOverlay.blockSize
        let entry = RollbackJournal.entrySize
        #expect(size == 1024 && entry == 1032, "the layout documented in RollbackJournal")
        #expect(parsed.oldByteCount == UInt64(image.old.count))
        #expect(parsed.newByteCount == UInt64(image.new.count))
        #expect(journal.count == 48 + Int(parsed.entryCount) * entry)
        #expect(Array(journal[0..<8]) == Array("SSJOURNL".utf8))
        var changed = Set<UInt64>()
        for block in 0..<(image.old.count / size) where image.old[block * size..<(block + 1) * size] != image.new[block * size..<(block + 1) * size] {
            changed.insert(UInt64(block))
        }
        var named = Set<UInt64>()
        for index in 0..<Int(parsed.entryCount) {
            let at = 48 + index * entry
            let block = journal[at..<at + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(block < UInt64(image.old.count / size))
            #expect(Array(journal[(at + 8)..<(at + entry)]) == Array(image.old[Int(block) * size..<Int(block + 1) * size]))
            named.insert(block)
        }
        #expect(named == changed)
        #expect(named.count == Int(parsed.entryCount), "no block twice")
    }

    @Test("a transaction that writes bytes the image already holds commits without a journal or any write")
    func unchangedBytes() throws {
        var random = SplitMix64(seed: transactionSeed)
        let directory = try TemporaryDirectory()
        let path = directory.file("image.img")
        let old = try FileTransactionTests.makeImage(at: path, pages: 2, random: &random)
        let memory = TransactionalMemory(try FileMemory(recovering: path))
        try memory.begin()
        try memory.write(1000, bytes: Array(old[1000..<9000]))
        try memory.store(UInt64(0), at: 8)
        try memory.write(8, bytes: Array(old[8..<16]))
        #expect(memory.dirtyBlockCount > 0)
        memory.simulatedCrash = .journalWritten  // not reached: nothing to journal
        try memory.commit()
        #expect(try fileBytes(path) == old)
        #expect(try directory.contents() == ["image.img"])
    }

    @Test("a torn, truncated or damaged journal is discarded and the untouched image kept",
          arguments: [0, 1, 47, 48, 100, 48 + 1032 + 8, -1, -1032])
    func tornJournal(cut: Int) throws {
        let image = try Self.interruptedCommit(at: .journalWritten)
        var journal = try fileBytes(image.journal)
        let length = cut >= 0 ? cut : journal.count + cut
        journal = Array(journal[0..<length])
        try Data(journal).write(to: URL(fileURLWithPath: image.journal))
        #expect(try FileMemory.recoverJournal(forImage: image.path) == .discardedIncompleteJournal)
        #expect(try fileBytes(image.path) == image.old)
        #expect(!fileExists(image.journal))
    }

    @Test("a journal with one flipped bit fails its checksum and is discarded", arguments: [3, 20, 44, 60, 5000])
    func damagedJournal(position: Int) throws {
        let image = try Self.interruptedCommit(at: .journalWritten)
        var journal = try fileBytes(image.journal)
        journal[position] ^= 0x10
        try Data(journal).write(to: URL(fileURLWithPath: image.journal))
        #expect(try FileMemory.recoverJournal(forImage: image.path) == .discardedIncompleteJournal)
        #expect(try fileBytes(image.path) == image.old)
    }

    @Test("recovery is idempotent: a crash during recovery is recovered again")
    func crashDuringRecovery() throws {
        let image = try Self.interruptedCommit(at: .imagePartiallyWritten)
        let journal = try fileBytes(image.journal)
        // Recovery dies after restoring part of the image: simulate by applying
        // the journal, then putting a damaged image state and the journal back.
        _ = try FileMemory.recoverJournal(forImage: image.path)
        #expect(try fileBytes(image.path) == image.old)
        var mixed = image.new
        mixed.replaceSubrange(0..<1024, with: image.old[0..<1024])
        try Data(mixed).write(to: URL(fileURLWithPath: image.path))
        try Data(journal).write(to: URL(fileURLWithPath: image.journal))
        guard case .rolledBack = try FileMemory.recoverJournal(forImage: image.path) else {
            Issue.record("the restored journal was not applied"); return
        }
        #expect(try fileBytes(image.path) == image.old)
        #expect(try FileMemory.recoverJournal(forImage: image.path) == .noJournal)
    }

    @Test("a completed commit leaves no journal, and recovery finds nothing to do")
    func noCrash() throws {
        let image = try Self.interruptedCommit(at: nil)
        #expect(!fileExists(image.journal))
        #expect(try FileMemory.recoverJournal(forImage: image.path) == .noJournal)
        #expect(try fileBytes(image.path) == image.new)
    }

    @Test("a journal of an unknown version is kept and reported")
    func unknownVersion() throws {
        let image = try Self.interruptedCommit(at: .journalWritten)
        var journal = try fileBytes(image.journal)
        journal[8] = 2
        try Data(journal).write(to: URL(fileURLWithPath: image.journal))
        #expect(throws: StableError.unsupportedVersion(structure: "rollback journal", version: 2)) {
            try FileMemory.recoverJournal(forImage: image.path)
        }
        #expect(fileExists(image.journal))
        #expect(try fileBytes(image.path) == image.old)
    }

    @Test("a well-formed journal that names a block beyond the old length is refused, touching nothing")
    func impossibleJournal() throws {
        let image = try Self.interruptedCommit(at: .journalWritten)
        var journal = [UInt8](repeating: 0, count: 48 + RollbackJournal.entrySize)
        journal.withUnsafeMutableBytes { bytes in
            bytes.storeBytes(of: UInt64(1_000).littleEndian, toByteOffset: 48, as: UInt64.self)
            RollbackJournal.seal(bytes, oldByteCount: UInt64(image.old.count), newByteCount: 0, entryCount: 1)
        }
        try Data(journal).write(to: URL(fileURLWithPath: image.journal))
        #expect(throws: StableError.self) { try FileMemory.recoverJournal(forImage: image.path) }
        #expect(fileExists(image.journal))
        #expect(try fileBytes(image.path) == image.old)
    }

    @Test("a well-formed journal announcing an impossible old length is refused, touching nothing",
          arguments: [UInt64(1000), UInt64.max - 65_535])
    func impossibleLength(oldByteCount: UInt64) throws {
        let image = try Self.interruptedCommit(at: .journalWritten)
        var journal = [UInt8](repeating: 0, count: 48)
        journal.withUnsafeMutableBytes { bytes in
            RollbackJournal.seal(bytes, oldByteCount: oldByteCount, newByteCount: 0, entryCount: 0)
        }
        try Data(journal).write(to: URL(fileURLWithPath: image.journal))
        #expect(throws: StableError.self) { try FileMemory.recoverJournal(forImage: image.path) }
        #expect(fileExists(image.journal))
        #expect(try fileBytes(image.path) == image.old)
    }

    @Test("a hot journal whose image is missing is an I/O error")
    func missingImage() throws {
        let image = try Self.interruptedCommit(at: .journalWritten)
        try FileManager.default.removeItem(atPath: image.path)
        #expect(throws: StableError.self) { try FileMemory.recoverJournal(forImage: image.path) }
        #expect(fileExists(image.journal))
    }
}
