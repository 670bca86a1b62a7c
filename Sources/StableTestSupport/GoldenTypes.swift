import StableStructures

/// Something to do with a storable type picked by its golden type name.
///
/// Golden manifests name types as strings (`"u64"`, `"bounded_blob<20>"`,
/// `"(u64,u64)"`); ``withGoldenType(named:_:)`` turns such a name into a
/// call of ``visit(_:)`` with the matching Swift type.
public protocol GoldenTypeVisitor {
    /// What the visit produces.
    associatedtype Output
    /// Called with the Swift type of the name.
    func visit<T: StorableKey & GoldenValue>(_ type: T.Type) throws -> Output
}

/// The golden type names ``withGoldenType(named:_:)`` knows: every name of
/// `encodings.json` and of the scenario manifests.
public let goldenTypeNames: [String] = [
    "u8", "u16", "u32", "u64", "u128", "bool", "f32", "f64", "string", "blob", "unit",
    "bytes<4>", "bounded_blob<8>", "bounded_blob<20>", "bounded_blob<300>", "bounded_blob<70000>",
    "option<u64>", "option<u32>", "option<string>", "option<blob>", "option<bounded_blob<8>>",
    "option<option<u8>>",
    "(u64,u64)", "(u32,bool)", "(u32,bounded_blob<20>)", "(bounded_blob<300>,u8)",
    "(bounded_blob<8>,bounded_blob<70000>)",
    "(u8,u16,u32)", "(u64,string,blob)", "(string,u64,blob)", "(blob,string,u32)",
    "(bounded_blob<8>,u32,u64)",
]

/// Calls `visitor` with the Swift type of the golden type `name`, or
/// returns `nil` when the name is not one of ``goldenTypeNames``.
public func withGoldenType<V: GoldenTypeVisitor>(named name: String, _ visitor: V) throws -> V.Output? {
    switch name {
    case "u8": return try visitor.visit(UInt8.self)
    case "u16": return try visitor.visit(UInt16.self)
    case "u32": return try visitor.visit(UInt32.self)
    case "u64": return try visitor.visit(UInt64.self)
    case "u128": return try visitor.visit(UInt128.self)
    case "bool": return try visitor.visit(Bool.self)
    case "f32": return try visitor.visit(Float.self)
    case "f64": return try visitor.visit(Double.self)
    case "string": return try visitor.visit(String.self)
    case "blob": return try visitor.visit([UInt8].self)
    case "unit": return try visitor.visit(Unit.self)
    case "bytes<4>": return try visitor.visit(FixedBytes<4>.self)
    case "bounded_blob<8>": return try visitor.visit(Blob<8>.self)
    case "bounded_blob<20>": return try visitor.visit(Blob<20>.self)
    case "bounded_blob<300>": return try visitor.visit(Blob<300>.self)
    case "bounded_blob<70000>": return try visitor.visit(Blob<70000>.self)
    case "option<u64>": return try visitor.visit(UInt64?.self)
    case "option<u32>": return try visitor.visit(UInt32?.self)
    case "option<string>": return try visitor.visit(String?.self)
    case "option<blob>": return try visitor.visit([UInt8]?.self)
    case "option<bounded_blob<8>>": return try visitor.visit(Blob<8>?.self)
    case "option<option<u8>>": return try visitor.visit(UInt8??.self)
    case "(u64,u64)": return try visitor.visit(Pair<UInt64, UInt64>.self)
    case "(u32,bool)": return try visitor.visit(Pair<UInt32, Bool>.self)
    case "(u32,bounded_blob<20>)": return try visitor.visit(Pair<UInt32, Blob<20>>.self)
    case "(bounded_blob<300>,u8)": return try visitor.visit(Pair<Blob<300>, UInt8>.self)
    case "(bounded_blob<8>,bounded_blob<70000>)": return try visitor.visit(Pair<Blob<8>, Blob<70000>>.self)
    case "(u8,u16,u32)": return try visitor.visit(Triple<UInt8, UInt16, UInt32>.self)
    case "(u64,string,blob)": return try visitor.visit(Triple<UInt64, String, [UInt8]>.self)
    case "(string,u64,blob)": return try visitor.visit(Triple<String, UInt64, [UInt8]>.self)
    case "(blob,string,u32)": return try visitor.visit(Triple<[UInt8], String, UInt32>.self)
    case "(bounded_blob<8>,u32,u64)": return try visitor.visit(Triple<Blob<8>, UInt32, UInt64>.self)
    default: return nil
    }
}
