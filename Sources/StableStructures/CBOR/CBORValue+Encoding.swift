/// Serialisation of a ``CBORValue`` in RFC 8949 preferred form, as `ciborium`
/// writes it: every integer, length and tag in the shortest head (1, 2, 3, 5 or
/// 9 bytes), definite lengths only, floats in the width ``CBORFloat`` chooses
/// for `float16/32/64` (a float case is written in its own width; use
/// `CBORValue.float(_:)` to get the preferred one).
extension CBORValue {
    /// The number of bytes ``encode(into:)`` writes.
    ///
    /// - Complexity: O(*n*) in the number of nested items.
    @inlinable
    public var encodedSize: Int {
        switch self {
        case let .unsigned(n), let .negative(n): return CBORValue.headSize(n)
        case let .bytes(bytes): return CBORValue.headSize(UInt64(bytes.count)) + bytes.count
        case let .text(text):
            let count = text.utf8.count
            return CBORValue.headSize(UInt64(count)) + count
        case let .array(items):
            var size = CBORValue.headSize(UInt64(items.count))
            for item in items { size += item.encodedSize }
            return size
        case let .map(entries):
            var size = CBORValue.headSize(UInt64(entries.count))
            for entry in entries { size += entry.key.encodedSize + entry.value.encodedSize }
            return size
        case let .tagged(tag, content): return CBORValue.headSize(tag) + content.encodedSize
        case let .simple(simple): return simple.rawValue < 24 ? 1 : 2
        case .bool, .null, .undefined: return 1
        case .float16: return 3
        case .float32: return 5
        case .float64: return 9
        }
    }

    /// The encoding as a new array.
    @inlinable
    public var encodedBytes: [UInt8] {
        let count = encodedSize
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                var offset = 0
                write(to: UnsafeMutableRawPointer(base), at: &offset)
            }
            initialized = count
        }
    }

    /// Writes the encoding into `buffer`, whose count must be ``encodedSize``.
    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count == encodedSize, "CBORValue.encode(into:) needs exactly encodedSize bytes")
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        write(to: base, at: &offset)
    }

    /// The size of a head carrying `argument`.
    @inlinable
    static func headSize(_ argument: UInt64) -> Int {
        argument < 24 ? 1 : argument <= 0xFF ? 2 : argument <= 0xFFFF ? 3 : argument <= 0xFFFF_FFFF ? 5 : 9
    }

    /// Writes a head: the major type and its argument in the shortest form.
    @inlinable
    static func writeHead(_ major: UInt8, _ argument: UInt64, to base: UnsafeMutableRawPointer, at offset: inout Int) {
        let high = major << 5
        if argument < 24 {
            base.storeBytes(of: high | UInt8(argument), toByteOffset: offset, as: UInt8.self)
            offset += 1
        } else if argument <= 0xFF {
            base.storeBytes(of: high | 24, toByteOffset: offset, as: UInt8.self)
            base.storeBytes(of: UInt8(argument), toByteOffset: offset + 1, as: UInt8.self)
            offset += 2
        } else if argument <= 0xFFFF {
            base.storeBytes(of: high | 25, toByteOffset: offset, as: UInt8.self)
            base.storeBytes(of: UInt16(argument).bigEndian, toByteOffset: offset + 1, as: UInt16.self)
            offset += 3
        } else if argument <= 0xFFFF_FFFF {
            base.storeBytes(of: high | 26, toByteOffset: offset, as: UInt8.self)
            base.storeBytes(of: UInt32(argument).bigEndian, toByteOffset: offset + 1, as: UInt32.self)
            offset += 5
        } else {
            base.storeBytes(of: high | 27, toByteOffset: offset, as: UInt8.self)
            base.storeBytes(of: argument.bigEndian, toByteOffset: offset + 1, as: UInt64.self)
            offset += 9
        }
    }

    /// Writes raw bytes.
    @inlinable
    static func writeRaw(_ source: UnsafeRawBufferPointer, to base: UnsafeMutableRawPointer, at offset: inout Int) {
        if let from = source.baseAddress, source.count > 0 {
            (base + offset).copyMemory(from: from, byteCount: source.count)
        }
        offset += source.count
    }

    /// Writes this item at `offset` and advances it.
    @usableFromInline
    func write(to base: UnsafeMutableRawPointer, at offset: inout Int) {
        switch self {
        case let .unsigned(n): CBORValue.writeHead(0, n, to: base, at: &offset)
        case let .negative(n): CBORValue.writeHead(1, n, to: base, at: &offset)
        case let .bytes(bytes):
            CBORValue.writeHead(2, UInt64(bytes.count), to: base, at: &offset)
            bytes.withUnsafeBytes { CBORValue.writeRaw($0, to: base, at: &offset) }
        case let .text(text):
            var text = text
            text.withUTF8 { utf8 in
                CBORValue.writeHead(3, UInt64(utf8.count), to: base, at: &offset)
                CBORValue.writeRaw(UnsafeRawBufferPointer(utf8), to: base, at: &offset)
            }
        case let .array(items):
            CBORValue.writeHead(4, UInt64(items.count), to: base, at: &offset)
            for item in items { item.write(to: base, at: &offset) }
        case let .map(entries):
            CBORValue.writeHead(5, UInt64(entries.count), to: base, at: &offset)
            for entry in entries {
                entry.key.write(to: base, at: &offset)
                entry.value.write(to: base, at: &offset)
            }
        case let .tagged(tag, content):
            CBORValue.writeHead(6, tag, to: base, at: &offset)
            content.write(to: base, at: &offset)
        case let .simple(simple):
            if simple.rawValue < 24 {
                CBORValue.writeHead(7, UInt64(simple.rawValue), to: base, at: &offset)
            } else {
                base.storeBytes(of: 0xF8, toByteOffset: offset, as: UInt8.self)
                base.storeBytes(of: simple.rawValue, toByteOffset: offset + 1, as: UInt8.self)
                offset += 2
            }
        case let .bool(flag): CBORValue.writeHead(7, flag ? 21 : 20, to: base, at: &offset)
        case .null: CBORValue.writeHead(7, 22, to: base, at: &offset)
        case .undefined: CBORValue.writeHead(7, 23, to: base, at: &offset)
        case let .float16(bits):
            base.storeBytes(of: 0xF9, toByteOffset: offset, as: UInt8.self)
            base.storeBytes(of: bits.bigEndian, toByteOffset: offset + 1, as: UInt16.self)
            offset += 3
        case let .float32(bits):
            base.storeBytes(of: 0xFA, toByteOffset: offset, as: UInt8.self)
            base.storeBytes(of: bits.bigEndian, toByteOffset: offset + 1, as: UInt32.self)
            offset += 5
        case let .float64(bits):
            base.storeBytes(of: 0xFB, toByteOffset: offset, as: UInt8.self)
            base.storeBytes(of: bits.bigEndian, toByteOffset: offset + 1, as: UInt64.self)
            offset += 9
        }
    }
}
