import Foundation

/// Access to the Rust-written golden images in `../shared/golden` (beside the
/// package), or in the folder named by `STABLE_GOLDEN_DIR`.
public enum Golden {
    /// The golden folder, or `nil` when it is absent (tests then skip with a message).
    public static let directory: URL? = {
        if let custom = ProcessInfo.processInfo.environment["STABLE_GOLDEN_DIR"] {
            return URL(fileURLWithPath: custom)
        }
        // This file is Sources/StableTestSupport/Golden.swift: three levels below the package.
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/golden")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return candidate
        }
        return nil
    }()

    /// Whether the golden folder is present.
    public static var isAvailable: Bool { directory != nil }

    /// The message tests give when they skip for lack of the golden folder.
    public static let skipMessage = "../shared/golden is absent: golden-image tests skipped"

    /// The URL of a file in the golden folder.
    public static func url(_ file: String) throws -> URL {
        guard let directory else { throw GoldenError.missing(skipMessage) }
        return directory.appendingPathComponent(file)
    }

    /// The parsed `NAME.json` of a scenario (or `encodings.json` for `"encodings"`).
    public static func manifest(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: try url("\(name).json"))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw GoldenError.malformed("\(name).json is not a JSON object")
        }
        return object
    }

    /// The bytes of `NAME.bin`.
    public static func image(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: try url("\(name).bin")))
    }

    /// The scenario names (every `NAME.bin` with its `NAME.json`), sorted.
    public static func scenarioNames() throws -> [String] {
        guard let directory else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".bin") }
            .map { String($0.dropLast(4)) }
            .sorted()
    }
}

/// Failures to read the golden material.
public enum GoldenError: Error, CustomStringConvertible {
    case missing(String)
    case malformed(String)

    public var description: String {
        switch self {
        case let .missing(text), let .malformed(text): return text
        }
    }
}

/// Decodes lowercase or uppercase hex (no prefix) into bytes; `nil` if malformed.
public func bytes(fromHex hex: String) -> [UInt8]? {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { return nil }
    var result = [UInt8]()
    result.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
        guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
        result.append(high << 4 | low)
        index += 2
    }
    return result
}

/// Lowercase hex of `bytes`, no prefix.
public func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var result = [UInt8]()
    result.reserveCapacity(bytes.count * 2)
    for byte in bytes {
        result.append(digits[Int(byte >> 4)])
        result.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: result, as: UTF8.self)
}

private func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
    default: return nil
    }
}

/// FNV-1a 64 of `bytes`, as the golden manifests record for each image.
public func fnv1a64<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01b3
    }
    return hash
}
