#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)

extension TransactionalMemory {
    /// The crash-safe commit: journal the originals, update the image, delete
    /// the journal. On an error before the commit point the image is restored
    /// in place (or, failing that, left for recovery with ``failure`` set).
    func commitJournaled(_ file: JournalingOperations) throws(StableError) {
        defer { endTransaction() }
        let oldByteCount = baseByteCount
        let newByteCount = logicalByteCount
        if overlay.isEmpty && newByteCount == oldByteCount { return }
        if file.isReadOnly() { throw .readOnly(path: file.path) }

        var blocks = overlay.sortedBlocks()
        let shift = BlockOverlay.blockShift
        let blockSize = BlockOverlay.blockSize
        // Blocks are sorted, so those below the old length come first.
        let below = blocks.firstIndex { $0.block << shift >= oldByteCount } ?? blocks.count
        let journalPath = RollbackJournal.path(forImage: file.path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: RollbackJournal.headerSize + below * RollbackJournal.entrySize, alignment: 8)
        defer { buffer.deallocate() }

        // 1. The journal: the originals of the blocks that really change (a
        // block written with its own bytes is dropped), then the header.
        var savedCount = 0
        var kept = 0
        for index in 0..<blocks.count {
            let entry = blocks[index]
            let bytes = UnsafeRawPointer(overlay.bytes(ofSlot: entry.slot))
            if index < below {
                let at = RollbackJournal.headerSize + savedCount * RollbackJournal.entrySize
                let original = UnsafeMutableRawBufferPointer(rebasing: buffer[(at + 8)..<(at + RollbackJournal.entrySize)])
                try base.read(entry.block << shift, into: original)
                if memcmp(original.baseAddress!, bytes, blockSize) == 0 { continue }
                buffer.storeBytes(of: entry.block.littleEndian, toByteOffset: at, as: UInt64.self)
                savedCount += 1
            } else if UnsafeRawBufferPointer(start: bytes, count: blockSize).allSatisfy({ $0 == 0 }) {
                continue  // growth already fills it with zeros
            }
            blocks[kept] = entry
            kept += 1
        }
        blocks.removeLast(blocks.count - kept)
        if blocks.isEmpty && newByteCount == oldByteCount { return }
        let journal = UnsafeMutableRawBufferPointer(
            rebasing: buffer[..<(RollbackJournal.headerSize + savedCount * RollbackJournal.entrySize)])
        RollbackJournal.seal(journal, oldByteCount: oldByteCount, newByteCount: newByteCount, entryCount: savedCount)
        let crashesInJournal = simulatedCrash == .journalPartiallyWritten
        do throws(StableError) {
            try RollbackJournal.writeFile(
                UnsafeRawBufferPointer(journal), to: journalPath, prefix: crashesInJournal ? journal.count / 2 : nil)
        } catch {
            try? RollbackJournal.removeFile(journalPath)
            throw error
        }
        if crashesInJournal { try crash(at: .journalPartiallyWritten, file) }
        try crashPoint(.journalWritten, file)

        // 2. The image: grow, write the dirty blocks in order, sync.
        do throws(StableError) {
            if newByteCount > oldByteCount {
                let pages = (newByteCount - oldByteCount) / wasmPageSize
                if base.grow(pages) == -1 { throw .growFailed(pages: pages) }
            }
            try crashPoint(.imageGrown, file)
            let half = (blocks.count + 1) / 2
            for (index, entry) in blocks.enumerated() {
                try base.write(entry.block << shift,
                               UnsafeRawBufferPointer(start: overlay.bytes(ofSlot: entry.slot), count: blockSize))
                if index + 1 == half { try crashPoint(.imagePartiallyWritten, file) }
            }
            try file.sync()
        } catch {
            if failure == nil {
                restoreInPlace(file, from: journal, entryCount: savedCount, oldByteCount: oldByteCount, journalPath: journalPath)
            }
            throw error
        }
        try crashPoint(.imageWritten, file)

        // 3. The commit point: the journal's deletion. A failure to sync the
        // directory afterwards is not reported: the commit is complete, and at
        // worst a power loss brings the journal back, which then rolls the
        // image back to the consistent state before this commit.
        do throws(StableError) {
            try RollbackJournal.removeFile(journalPath, syncingDirectory: false)
        } catch {
            // The journal stays hot: undo the image so this process agrees
            // with what a recovery would find.
            restoreInPlace(file, from: journal, entryCount: savedCount, oldByteCount: oldByteCount, journalPath: journalPath)
            throw error
        }
        try crashPoint(.journalDeleted, file)
        try? RollbackJournal.syncDirectory(containing: journalPath)
    }

    /// Undoes a failed image update with the originals still in memory; if
    /// that fails too, marks the memory failed (the hot journal stays, and the
    /// next recovering open rolls the image back).
    func restoreInPlace(_ file: JournalingOperations, from journal: UnsafeMutableRawBufferPointer, entryCount: Int, oldByteCount: UInt64, journalPath: String) {
        do throws(StableError) {
            for index in 0..<entryCount {
                let at = RollbackJournal.headerSize + index * RollbackJournal.entrySize
                let block = UInt64(littleEndian: journal.loadUnaligned(fromByteOffset: at, as: UInt64.self))
                try base.write(block << BlockOverlay.blockShift,
                               UnsafeRawBufferPointer(rebasing: journal[(at + 8)..<(at + RollbackJournal.entrySize)]))
            }
            try file.truncate(oldByteCount / wasmPageSize)
            try file.sync()
            try RollbackJournal.removeFile(journalPath)
        } catch {
            failure = error
        }
    }

    /// Test seam: stops the commit here if a crash was asked for at `step`,
    /// or fails it if a failure was.
    func crashPoint(_ step: CommitStep, _ file: JournalingOperations) throws(StableError) {
        if simulatedCrash == step { try crash(at: step, file) }
        if simulatedFailure == step {
            throw .io(operation: "simulated failure at \(step.rawValue)", path: file.path, errno: 5)
        }
    }

    /// Test seam: ends the commit as a dead process would, leaving every file
    /// as it is; the memory is unusable afterwards.
    func crash(at step: CommitStep, _ file: JournalingOperations) throws(StableError) {
        let error = StableError.io(operation: "simulated crash at \(step.rawValue)", path: file.path, errno: 0)
        failure = error
        throw error
    }
}

#endif
