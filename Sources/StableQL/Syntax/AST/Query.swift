/// `select EXPR [as NAME], … from BINDING [where EXPR] [group by EXPR, …]
/// [order by EXPR [asc|desc], …] [limit N [offset M]]`.
public struct Query: Equatable, Sendable {
    /// The result's columns, in order.
    public var columns: [SelectItem]
    /// The structure binding the rows come from.
    public var source: String
    /// The `where` condition: rows for which it is not `true` are skipped.
    public var filter: Expression?
    /// The `group by` expressions (empty: no grouping).
    public var groupBy: [Expression]
    /// The `order by` keys, most significant first.
    public var orderBy: [OrderItem]
    /// `limit N`.
    public var limit: Expression?
    /// `offset M`.
    public var offset: Expression?

    /// Creates a query.
    public init(
        columns: [SelectItem], source: String, filter: Expression? = nil, groupBy: [Expression] = [],
        orderBy: [OrderItem] = [], limit: Expression? = nil, offset: Expression? = nil
    ) {
        self.columns = columns
        self.source = source
        self.filter = filter
        self.groupBy = groupBy
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
    }
}

/// One `EXPR [as NAME]` of a select list.
public struct SelectItem: Equatable, Sendable {
    /// The column's expression.
    public var expression: Expression
    /// The `as` name, if any.
    public var alias: String?

    /// Creates a select item.
    public init(expression: Expression, alias: String? = nil) {
        self.expression = expression
        self.alias = alias
    }
}

/// One `EXPR [asc|desc]` of an `order by`.
public struct OrderItem: Equatable, Sendable {
    /// The sort key.
    public var expression: Expression
    /// True for `desc`.
    public var descending: Bool

    /// Creates an order item.
    public init(expression: Expression, descending: Bool = false) {
        self.expression = expression
        self.descending = descending
    }
}
