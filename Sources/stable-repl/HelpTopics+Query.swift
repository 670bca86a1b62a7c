extension HelpTopics {
    /// The query statements and control flow (issue 19).
    static let queryStatements: [HelpTopic] = [
        HelpTopic(
            name: "select", section: .statements,
            usage: "select EXPR [as NAME], … from NAME [where …] [group by …] [order by … [asc|desc]] [limit N [offset M]];",
            summary: "query a structure's rows: filter, project, aggregate, sort",
            detail: """
            Reads the rows of one structure. Row variables: map key, value; set key;
            vec and log index, value; heap value; cell value. They hide session variables.
              value.name, key.0      record fields and tuple elements; through none: none
              x is #Tag, x.Tag       a variant's tag test and payload (none for another tag)
              where COND             keeps rows where COND is true (none counts as false)
              count(*) count(x) sum min max avg
                                     aggregates; they skip none; over no rows count is 0
              group by EXPR, …       one row per group; aliases allowed here and in order by
              order by EXPR desc     ties keep the structure's order; none sorts first
              limit N offset M       skip M rows, show N
            Comparisons of key (or index) with constants joined by `and` bound the scan;
            `order by key [desc] limit N` walks the tree and stops early. Columns are named
            by their text or alias; in JSON every row is an array.
              select key, value.name from users where value.age > 30 order by key desc limit 5;
              select value.city as city, count(*), avg(value.age) from users group by city;
            """),
        HelpTopic(
            name: "delete", section: .statements,
            usage: "delete from NAME [where COND];",
            summary: "remove the matching entries of a map or set",
            detail: """
            Removes the map entries or set elements for which COND is true and prints how
            many. Atomic: an error or Ctrl-C undoes all of it. Logs, vecs, heaps and cells
            refuse (a log is append-only, a vec would shift its indexes, …).
              delete from sessions where value.expires < 1700000000;
            """),
        HelpTopic(
            name: "update", section: .statements,
            usage: "update NAME set value = EXPR [where COND];",
            summary: "replace the values of matching map entries, vec elements or a cell",
            detail: """
            Computes EXPR for each row where COND is true (row variables as in select) and
            stores it as the row's new value; prints how many rows changed. Atomic: a value
            that does not fit the type, or Ctrl-C, undoes all of it.
              update balances set value = value + 10 where key < 100;
            """),
        HelpTopic(
            name: "if", section: .statements,
            usage: "if COND { … } [else if COND { … }] [else { … }]",
            summary: "run statements when a condition holds",
            detail: """
            COND must be a bool. The whole if is one statement: a failure inside rolls back
            all its writes.
            """),
        HelpTopic(
            name: "while", section: .statements,
            usage: "while COND { … }   break;   continue;",
            summary: "repeat statements while a condition holds",
            detail: """
            Runs the body while COND is true. break leaves the innermost for or while,
            continue starts its next iteration. Shows progress and stops on Ctrl-C.
              let i = 0; while i < 10 { i = i + 1; if i % 2 == 0 { continue; } print i; }
            """),
        HelpTopic(
            name: "=", section: .statements,
            usage: "NAME = EXPR;",
            summary: "assign a new value to a variable made by let",
            detail: """
            Changes an existing variable (declare it first with let); inside loops this
            accumulates: total = total + x;
            """),
    ]
}
