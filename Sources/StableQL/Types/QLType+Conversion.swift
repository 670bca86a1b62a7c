extension QLType {
    /// Converts `value` into this type exactly, or fails naming the value,
    /// the type and the limit ("300 does not fit u8 (0...255)").
    ///
    /// Integers convert into integer types within range and into float types
    /// when exactly representable; floats round between f32 and f64; a plain
    /// value converts into `option<T>` as `some`; `none` into any option.
    public func convert(_ value: Value) throws(QLError) -> Value {
        switch (self, value) {
        case let (_, .integer(integer)) where isInteger:
            guard let range = integerRange, integer >= range.min, integer <= range.max else {
                let limits = integerRange.map { "\($0.min)...\($0.max)" } ?? ""
                throw QLError("\(integer) does not fit \(self) (\(limits))")
            }
            return value
        case let (.f64, .integer(integer)):
            guard let exact = Double(exactly: integer.magnitude) else {
                throw QLError("\(integer) cannot be represented exactly as f64")
            }
            return .float(integer.isNegative ? -exact : exact)
        case let (.f32, .integer(integer)):
            guard let exact = Float(exactly: integer.magnitude) else {
                throw QLError("\(integer) cannot be represented exactly as f32")
            }
            return .float32(integer.isNegative ? -exact : exact)
        case let (.f64, .float(number)): return .float(number)
        case let (.f64, .float32(number)): return .float(Double(number))
        case let (.f32, .float(number)):
            let narrowed = Float(number)
            // Rounding is fine; overflowing to infinity is not.
            if narrowed.isInfinite && number.isFinite {
                throw QLError("\(number) does not fit f32 (largest finite value \(Float.greatestFiniteMagnitude))")
            }
            return .float32(narrowed)
        case (.f32, .float32): return value
        case (.bool, .bool), (.string, .string), (.blob, .blob), (.unit, .unit): return value
        case let (.boundedBlob(limit), .blob(bytes)):
            guard bytes.count <= limit else {
                throw QLError("a \(bytes.count)-byte blob does not fit \(self) (at most \(limit) bytes)")
            }
            return value
        case let (.fixedBytes(size), .blob(bytes)):
            guard bytes.count == size else {
                throw QLError("a \(bytes.count)-byte blob does not fit \(self) (exactly \(size) bytes)")
            }
            return value
        case let (.principal, .principal(bytes)):
            guard bytes.count <= 29 else {
                throw QLError("a \(bytes.count)-byte principal does not fit principal (at most 29 bytes)")
            }
            return value
        case (.option, .none): return .none
        case let (.option(inner), .some(wrapped)): return .some(try inner.convert(wrapped))
        case let (.option(inner), _): return .some(try inner.convert(value))
        case let (.tuple(types), .tuple(elements)):
            guard types.count == elements.count else {
                throw QLError("a \(elements.count)-tuple does not fit \(self)")
            }
            var converted: [Value] = []
            for (type, element) in zip(types, elements) { converted.append(try type.convert(element)) }
            return .tuple(converted)
        default:
            throw QLError("expected \(self), found \(value.kindName) \(value.literal)")
        }
    }
}
