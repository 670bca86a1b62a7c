/// A value as parsed from Candid text, before it is given a type (numbers
/// have no type yet, `vec` and `blob` are not told apart).
public indirect enum CandidTextValue: Sendable {
    case null
    case bool(Bool)
    case integer(CandidInt)
    case float(Double)
    case text(String)
    case blob([UInt8])
    case opt(CandidTextValue)
    case vec([CandidTextValue])
    case record([(CandidLabel, CandidTextValue)])
    case variant(CandidLabel, CandidTextValue)
    case principal(CandidPrincipal)
    case service(CandidPrincipal)
    case function(CandidPrincipal, String)
    /// `value : type`.
    case annotated(CandidTextValue, CandidType)
}
