/// How far a long-running statement has got, for a progress display.
///
/// A session reports progress only when a handler is installed
/// (``Session/progressHandler``), only once the statement has run for
/// ``Session/progressDelay``, and then at most every
/// ``Session/progressInterval``; checking the clock costs one branch per
/// iteration and a clock read every 1,024 iterations.
public struct StatementProgress: Sendable, Equatable {
    /// What is running: `for i`, `upgrade: checking users`, …
    public let activity: String
    /// Items done so far.
    public let completed: UInt64
    /// Items in all, when known in advance.
    public let total: UInt64?

    /// Creates a progress report.
    public init(activity: String, completed: UInt64, total: UInt64?) {
        self.activity = activity
        self.completed = completed
        self.total = total
    }

    /// A one-line rendering: `for i: 352,144 of 1,000,000 (35%)`.
    public var text: String {
        guard let total, total > 0 else { return "\(activity): \(Self.grouped(completed))" }
        let percent = min(100, completed.multipliedReportingOverflow(by: 100).partialValue / total)
        return "\(activity): \(Self.grouped(completed)) of \(Self.grouped(total)) (\(percent)%)"
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}

/// The session's progress bookkeeping for the running top-level statement.
struct ProgressMeter {
    /// Where the running statement started.
    var start = ContinuousClock.now
    /// When progress was last reported.
    var lastReport: ContinuousClock.Instant?
    /// Whether a report is on screen (so the end of the statement clears it).
    var shown = false

    /// Resets for a new top-level statement.
    mutating func begin() {
        start = ContinuousClock.now
        lastReport = nil
        shown = false
    }
}

extension Session {
    /// Reports progress if a handler is installed and it is time to.
    ///
    /// Call once per item; the clock is read only every 1,024 items.
    @inline(__always)
    func tick(_ activity: @autoclosure () -> String, _ completed: UInt64, _ total: UInt64?) {
        guard completed & 1023 == 0, let handler = progressHandler else { return }
        let now = ContinuousClock.now
        if let last = progress.lastReport {
            guard now - last >= progressInterval else { return }
        } else {
            guard now - progress.start >= progressDelay else { return }
        }
        progress.lastReport = now
        progress.shown = true
        handler(StatementProgress(activity: activity(), completed: completed, total: total))
    }

    /// Clears the progress display at the end of a statement.
    func endProgress() {
        if progress.shown, let handler = progressHandler { handler(nil) }
        progress.shown = false
    }
}
