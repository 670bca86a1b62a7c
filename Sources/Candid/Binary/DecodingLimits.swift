/// Bounds on the work a decoder does for one message, so hostile messages
/// (billions of zero-sized values, deep nesting) are refused quickly.
public struct DecodingLimits: Sendable, Equatable {
    /// The fixed part of the cost budget; every value decoded or skipped costs at
    /// least one unit, a vector's length is charged up front.
    public var baseCost: Int
    /// Budget units added per byte of the message.
    public var costPerByte: Int
    /// The deepest nesting of values (and of types in a subtype check).
    public var maxDepth: Int

    /// Limits.
    public init(baseCost: Int = 1_000_000, costPerByte: Int = 8, maxDepth: Int = 512) {
        self.baseCost = baseCost
        self.costPerByte = costPerByte
        self.maxDepth = maxDepth
    }

    /// The default limits: a million units plus 8 per byte, depth 512.
    public static let standard = DecodingLimits()
}
