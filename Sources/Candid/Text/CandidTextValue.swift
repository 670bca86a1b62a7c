/// A value as parsed from Candid text, before it is given a type (numbers
/// have no type yet, `vec` and `blob` are not told apart).
public indirect enum CandidTextValue: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer literal (decimal or `0x…`, with a sign).
    case integer(CandidInt)
    /// A float literal (`1.5`, `1e3`, `nan`, `inf`).
    case float(Double)
    /// A text literal.
    case text(String)
    /// `blob "…"`: the literal's bytes.
    case blob([UInt8])
    /// `opt v`.
    case opt(CandidTextValue)
    /// `vec { … }`.
    case vec([CandidTextValue])
    /// `record { … }`: fields as written (positional ones numbered).
    case record([(CandidLabel, CandidTextValue)])
    /// `variant { tag = v }` (`variant { tag }` has a `null` payload).
    case variant(CandidLabel, CandidTextValue)
    /// `principal "…"`.
    case principal(CandidPrincipal)
    /// `service "…"`.
    case service(CandidPrincipal)
    /// `func "…".method`.
    case function(CandidPrincipal, String)
    /// `value : type`.
    case annotated(CandidTextValue, CandidType)
}
