import Foundation
import GRDB
import FollowUpCore

// Rows <-> domain values. Instants are stored as seconds since 1970 (REAL),
// so a Date reads back exactly as it was written.

extension Date {
    var stored: Double { timeIntervalSince1970 }
    init(stored: Double) { self.init(timeIntervalSince1970: stored) }
}

extension Row {
    func date(_ column: String) -> Date { Date(stored: self[column]) }
    func optionalDate(_ column: String) -> Date? { (self[column] as Double?).map(Date.init(stored:)) }

    /// An enum column; a value this version does not know is a corrupt row.
    func value<T: RawRepresentable>(_ column: String) throws -> T where T.RawValue == String {
        let text: String = self[column]
        guard let v = T(rawValue: text) else {
            throw StoreError(.invalidTransition, "unknown \(T.self) \"\(text)\" in column \(column)")
        }
        return v
    }
}

/// `references` and lint problems: lists of single-line texts, one per line.
enum Lines {
    static func join(_ items: [String]) -> String { items.joined(separator: "\n") }
    static func split(_ text: String) -> [String] { text.isEmpty ? [] : text.components(separatedBy: "\n") }
}

extension Draft {
    init(row: Row) throws {
        self.init(id: row["id"], applicationID: row["application_id"], round: row["round"],
                  kind: try row.value("kind"), recipientName: row["recipient_name"],
                  recipientEmail: row["recipient_email"], subject: row["subject"], body: row["body"],
                  due: row.date("due"), messageID: row["message_id"], inReplyTo: row["in_reply_to"],
                  references: Lines.split(row["refs"]), state: try row.value("state"),
                  createdAt: row.date("created_at"), approvedAt: row.optionalDate("approved_at"),
                  sentAt: row.optionalDate("sent_at"))
    }
}

extension Event {
    init(row: Row) throws {
        self.init(id: row["id"], kind: try row.value("kind"), start: row.date("start"), end: row.date("end"),
                  decisionDate: (row["decision_date"] as String?).flatMap(LocalDate.init(iso:)),
                  recordedAt: row.optionalDate("recorded_at"), movedAt: row.optionalDate("moved_at"),
                  cancelledAt: row.optionalDate("cancelled_at"), invitationUID: row["invitation_uid"],
                  invitationSequence: row["invitation_sequence"])
        revision = row["revision"]
    }
}

extension RecordedReply {
    init(row: Row) throws {
        self.init(id: row["id"], applicationID: row["application_id"], receivedAt: row.date("received_at"),
                  replyClass: try row.value("class"),
                  until: (row["until"] as String?).flatMap(LocalDate.init(iso:)),
                  failedRecipient: row["failed_recipient"], source: try row.value("source"),
                  messageID: row["message_id"], headerDigest: row["header_digest"], from: row["from_address"],
                  subject: row["subject"], readOn: row["read_on"])
    }
}
