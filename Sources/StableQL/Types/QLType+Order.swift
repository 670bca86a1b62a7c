extension QLType {
    /// Whether the library orders keys of this type as StableQL compares
    /// their values (numbers numerically, strings and blobs bytewise,
    /// principals by length then bytes), so a key range written as a
    /// comparison can bound a scan. Records, tuples, options and `cbor`
    /// keys are ordered by their encodings and are scanned whole.
    var ordersLikeValues: Bool {
        switch self {
        case .u8, .u16, .u32, .u64, .u128, .i8, .i16, .i32, .i64, .bool, .string, .blob, .principal: return true
        default: return false
        }
    }
}
