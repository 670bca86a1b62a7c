/// One entry of a structure kind's method table: the signature and the
/// handler that runs the call on a binding's box of type `Box`.
///
/// Each box type lists its methods once (`MapBinding.methods` and so on);
/// dispatch, argument checks, completion, `.help` and the reference's
/// method lists all read that list.
struct StructureMethod<Box> {
    let signature: MethodSignature
    /// Runs the call; the arguments were already checked against the signature.
    let handler: (Box, CheckedArguments) throws(QLError) -> MethodResult

    init(
        _ name: String, _ parameters: [MethodParameter] = [], returns result: String, _ help: String,
        handler: @escaping (Box, CheckedArguments) throws(QLError) -> MethodResult
    ) {
        signature = MethodSignature(name: name, parameters: parameters, result: result, help: help)
        self.handler = handler
    }

    /// The method bound to `box`, ready to be called many times.
    func bound(to box: Box) -> BoundMethod {
        let handler = self.handler
        return BoundMethod(signature: signature) { (arguments) throws(QLError) -> MethodResult in
            try handler(box, arguments)
        }
    }
}

/// A method resolved on one binding: what a call site keeps so that
/// repeated calls (a loop body) neither look the binding up nor dispatch on
/// the method's name again.
struct BoundMethod {
    let signature: MethodSignature
    let run: (CheckedArguments) throws(QLError) -> MethodResult

    /// Checks `arguments` against the signature, then runs the method.
    func call(_ arguments: [Argument]) throws(QLError) -> MethodResult {
        try run(try CheckedArguments(arguments, for: signature))
    }
}

/// Arguments that match a method's parameters in number and form. No
/// method takes more than two, so they are held inline: a call allocates
/// no array.
struct CheckedArguments {
    private let first: Argument?
    private let second: Argument?

    init(_ arguments: [Argument], for signature: MethodSignature) throws(QLError) {
        try CheckedArguments.check(arguments.count, for: signature) { arguments[$0].isRange }
        first = arguments.first
        second = arguments.count > 1 ? arguments[1] : nil
    }

    /// Arguments already checked with ``check(_:for:isRange:)``.
    init(checked first: Argument?, _ second: Argument?) {
        self.first = first
        self.second = second
    }

    /// Throws unless `count` arguments, of which `isRange` tells the ranges,
    /// fit `signature`.
    static func check(_ count: Int, for signature: MethodSignature, isRange: (Int) -> Bool) throws(QLError) {
        let method = signature.name
        let expected = signature.parameters.count
        guard count == expected else {
            throw QLError(.type, "\(method)() takes \(expected) argument\(expected == 1 ? "" : "s"), found \(count)")
        }
        for (index, parameter) in signature.parameters.enumerated() {
            switch (parameter.kind, isRange(index)) {
            case (.range, true), (.value, false), (.index, false): continue
            case (.range, false):
                throw QLError(.type, "\(method)() takes a range such as \(method)(a..b), \(method)(a..=b), \(method)(a..) or \(method)(..b)")
            case (_, true):
                throw QLError(.type, "\(method)() takes a value as argument \(index + 1), not a range")
            }
        }
    }

    private func argument(_ index: Int) -> Argument {
        guard let argument = index == 0 ? first : second else { preconditionFailure("checked against the signature") }
        return argument
    }

    /// Value argument `index` (checked to be a value).
    func value(_ index: Int) -> Value {
        guard case let .value(value) = argument(index) else { preconditionFailure("checked against the signature") }
        return value
    }

    /// Index argument `index`: a whole number within u64.
    func index(_ index: Int) throws(QLError) -> UInt64 {
        let value = value(index)
        guard case let .integer(integer) = value, let result = integer.exactly(UInt64.self) else {
            throw QLError(.type, "index \(value.literal) does not fit u64 (0...18446744073709551615)")
        }
        return result
    }

    /// Range argument `index` (checked to be a range).
    func range(_ index: Int) -> (lower: Value?, upper: Value?, inclusive: Bool) {
        guard case let .range(lower, upper, inclusive) = argument(index) else {
            preconditionFailure("checked against the signature")
        }
        return (lower, upper, inclusive)
    }
}

extension Argument {
    var isRange: Bool {
        if case .range = self { return true }
        return false
    }
}
