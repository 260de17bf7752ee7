import Foundation

/// How far back an inbox check must read. Pure: the daemon passes the
/// applications and `now`.
public enum InboxWindow {
    /// Where a scan by date starts: the earliest moment a current event of an
    /// application still open hears replies from (its start, or when it was
    /// recorded ahead), since only replies after it count; 30 days back when
    /// nothing is open.
    public static func rescanStart(_ histories: [ApplicationHistory], now: Date) -> Date {
        let starts = histories.filter { $0.application.outcome == nil }
            .compactMap { $0.application.events.last?.heardFrom }
        return max(starts.min() ?? now.addingTimeInterval(-30 * 86400), furthestBack(now))
    }

    /// No scan reaches back further than this: a round that old has no
    /// follow-up left, and one event typed as year 0999 must not make every
    /// check send a date the server refuses (or read the whole mailbox).
    public static let longestLookback: TimeInterval = 400 * 86400

    static func furthestBack(_ now: Date) -> Date { now.addingTimeInterval(-longestLookback) }

    /// The earliest start of the events recorded since the last check (ids
    /// above `eventsSeen`) that have already begun, in applications still
    /// open: their replies may have been read and skipped already. Nil when
    /// there are none.
    public static func backfillStart(_ histories: [ApplicationHistory], eventsSeen: EventID, now: Date) -> Date? {
        histories.filter { $0.application.outcome == nil }
            .flatMap(\.application.events)
            .filter { $0.id > eventsSeen && $0.start <= now }
            .map { max($0.start, furthestBack(now)) }.min()
    }
}
