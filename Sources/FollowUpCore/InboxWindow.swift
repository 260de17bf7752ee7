import Foundation

/// How far back an inbox check must read. Pure: the daemon passes the
/// applications and `now`.
public enum InboxWindow {
    /// Where a scan by date starts: the earliest moment a current event of an
    /// application still open hears replies from (its start, or when it was
    /// recorded ahead), since only replies after it count; 30 days back when
    /// nothing is open.
    public static func rescanStart(_ applications: [Application], now: Date) -> Date {
        let starts = applications.filter { $0.outcome == nil }
            .compactMap { $0.events.last?.heardFrom }
        return max(starts.min() ?? now.addingTimeInterval(-30 * 86400), furthestBack(now))
    }

    /// No scan reaches back further than this: a round that old has no
    /// follow-up left, and one event typed as year 0999 must not make every
    /// check send a date the server refuses (or read the whole mailbox).
    public static let longestLookback: TimeInterval = 400 * 86400

    static func furthestBack(_ now: Date) -> Date { now.addingTimeInterval(-longestLookback) }

    /// The earliest start of the events recorded or moved since the last
    /// check (revisions above `eventsSeen`) that have already begun, in
    /// applications still open: their replies may have been read and skipped
    /// already (a move earlier makes mail read as "before the interview" its
    /// replies). Nil when there are none.
    public static func backfillStart(_ applications: [Application], eventsSeen: Int64, now: Date) -> Date? {
        applications.filter { $0.outcome == nil }
            .flatMap(\.events)
            .filter { $0.revision > eventsSeen && $0.start <= now }
            .map { max($0.start, furthestBack(now)) }.min()
    }
}
