/// Encodes values as binary Candid messages, byte for byte as the Rust
/// `candid` crate's `Encode!` does for Rust types with the same Candid types.
///
/// The type table follows that crate: composite types are numbered depth
/// first (a type before its components, fields in id order), structurally
/// equal types share one entry, and a named type is expanded in place except
/// inside its own definition, where it refers back to its entry (as the
/// crate's derived types do for recursive structs).
public enum CandidEncoder {
    /// Encodes `values`, whose types are `types` (same count), as one message.
    public static func encode(
        _ values: [CandidValue], as types: [CandidType], in environment: CandidTypeEnvironment = CandidTypeEnvironment()
    ) throws(CandidError) -> [UInt8] {
        guard values.count == types.count else {
            throw CandidError(.invalidValue, "\(values.count) values for \(types.count) types")
        }
        var table = TypeTableWriter(environment: environment)
        var expanded: [ExpandedType] = []
        for type in types {
            let full = try table.expand(type)
            expanded.append(full)
            try table.build(full)
        }
        var output = Array("DIDL".utf8)
        writeLEB(UInt64(table.entries.count), to: &output)
        for entry in table.entries { output += entry }
        writeLEB(UInt64(expanded.count), to: &output)
        for type in expanded { try table.reference(type, to: &output) }
        var writer = ValueWriter(table: table, output: output)
        for (value, type) in zip(values, expanded) { try writer.write(value, type, depth: 0) }
        return writer.output
    }

    /// Encodes one value of one type.
    public static func encode(
        _ value: CandidValue, as type: CandidType, in environment: CandidTypeEnvironment = CandidTypeEnvironment()
    ) throws(CandidError) -> [UInt8] {
        try encode([value], as: [type], in: environment)
    }
}
