/// The rollback journal file that makes a commit to an image file atomic.
///
/// Written next to the image as `IMAGE-journal` before the image is touched,
/// it holds what is needed to put the image back as it was: its old length
/// and the original bytes of every 1 KiB block the commit overwrites (blocks
/// that lie beyond the old length need none: truncation removes them).
///
/// Layout (all integers little-endian):
///
/// | offset | size | field |
/// |-------:|-----:|-------|
/// | 0 | 8 | magic `SSJOURNL` |
/// | 8 | 4 | version, 1 |
/// | 12 | 4 | block size, 1024 |
/// | 16 | 8 | the image's old length in bytes |
/// | 24 | 8 | the image's new length in bytes (informative) |
/// | 32 | 8 | the number of entries |
/// | 40 | 8 | checksum (``JournalChecksum``) of bytes 0..<40 and of every entry |
/// | 48 | 1032 × entries | entries: block number (8 bytes), original bytes (1024) |
///
/// A journal is *hot* when it is complete (its length is exactly what the
/// header announces) and its checksum matches: the image may have been partly
/// updated and must be rolled back. Anything else is the remains of a commit
/// that died while writing the journal — before the image was touched — and
/// is simply deleted.
enum RollbackJournal {
    /// `SSJOURNL` read as a little-endian integer.
    static let magic: UInt64 = 0x4C4E_5255_4F4A_5353
    /// The format version.
    static let version: UInt32 = 1
    /// The bytes of the header.
    static let headerSize = 48
    /// The bytes of one entry: a block number and a block.
    static let entrySize = 8 + BlockOverlay.blockSize
    /// The checksum's offset in the header.
    static let checksumOffset = 40

    /// The journal's path for the image at `imagePath`.
    static func path(forImage imagePath: String) -> String {
        imagePath + "-journal"
    }

    /// The parsed header of a journal.
    struct Header: Equatable {
        var oldByteCount: UInt64
        var newByteCount: UInt64
        var entryCount: UInt64
        var checksum: UInt64
    }

    /// Writes `header` into the first ``headerSize`` bytes of `journal`, the
    /// entries being already in place, with the checksum computed over them.
    static func seal(_ journal: UnsafeMutableRawBufferPointer, oldByteCount: UInt64, newByteCount: UInt64, entryCount: Int) {
        journal.storeBytes(of: magic.littleEndian, toByteOffset: 0, as: UInt64.self)
        journal.storeBytes(of: version.littleEndian, toByteOffset: 8, as: UInt32.self)
        journal.storeBytes(of: UInt32(BlockOverlay.blockSize).littleEndian, toByteOffset: 12, as: UInt32.self)
        journal.storeBytes(of: oldByteCount.littleEndian, toByteOffset: 16, as: UInt64.self)
        journal.storeBytes(of: newByteCount.littleEndian, toByteOffset: 24, as: UInt64.self)
        journal.storeBytes(of: UInt64(entryCount).littleEndian, toByteOffset: 32, as: UInt64.self)
        var checksum = JournalChecksum()
        checksum.update(UnsafeRawBufferPointer(rebasing: journal[..<checksumOffset]))
        checksum.update(UnsafeRawBufferPointer(rebasing: journal[headerSize...]))
        journal.storeBytes(of: checksum.value.littleEndian, toByteOffset: checksumOffset, as: UInt64.self)
    }

    /// Parses a header, or returns `nil` when the bytes are not one this
    /// library wrote (a torn or foreign file).
    ///
    /// - Throws: ``StableError/unsupportedVersion(structure:version:)`` for a
    ///   journal of another format version (which this library must not
    ///   delete).
    static func parseHeader(_ bytes: UnsafeRawBufferPointer) throws(StableError) -> Header? {
        guard bytes.count >= headerSize,
              UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) == magic
        else { return nil }
        let version = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        guard version == RollbackJournal.version else {
            throw .unsupportedVersion(structure: "rollback journal", version: version)
        }
        guard UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self)) == BlockOverlay.blockSize
        else { return nil }
        return Header(
            oldByteCount: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
            newByteCount: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self)),
            entryCount: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 32, as: UInt64.self)),
            checksum: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 40, as: UInt64.self)))
    }

    /// The length a journal with `header` must have, or `nil` on overflow.
    static func expectedLength(of header: Header) -> UInt64? {
        let (entries, overflow) = header.entryCount.multipliedReportingOverflow(by: UInt64(entrySize))
        if overflow { return nil }
        let (total, overflow2) = entries.addingReportingOverflow(UInt64(headerSize))
        return overflow2 ? nil : total
    }
}
