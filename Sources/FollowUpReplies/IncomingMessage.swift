import Foundation
import FollowUpCore
import MailMessage

/// The machine-readable part of a delivery status notification
/// (RFC 3464 `message/delivery-status`), as far as the parser found it.
public struct DeliveryReport: Hashable, Sendable {
    /// One per-recipient block of the report.
    public struct Recipient: Hashable, Sendable {
        /// `Final-Recipient` (or `Original-Recipient`), with or without the `rfc822;` type.
        public var address: String
        /// `Action`: failed, delayed, delivered, relayed or expanded.
        public var action: String
        /// `Status`, e.g. `5.1.1`.
        public var status: String?

        public init(address: String, action: String, status: String? = nil) {
            self.address = address
            self.action = action
            self.status = status
        }

        /// Whether the block has an action or a status at all.
        var saysWhatHappened: Bool {
            !action.trimmingCharacters(in: .whitespaces).isEmpty
                || !(status?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
        }

        /// Whether this block positively says nothing failed: RFC 3464's
        /// delayed, relayed, delivered or expanded, without a 5.x.x status.
        var reportsNoFailure: Bool {
            // `deliverable`: Postfix's address-verification report (sendmail -bv), a success.
            ["delayed", "relayed", "delivered", "expanded", "deliverable"].contains(action.lowercased().trimmingCharacters(in: .whitespaces))
                && !failed
        }

        /// Whether this block reports a permanent failure. `expired` and
        /// `undeliverable` are not RFC 3464's, but mail systems that gave up
        /// retrying, and address verification, say so.
        var failed: Bool {
            ["failed", "expired", "undeliverable"].contains(action.lowercased().trimmingCharacters(in: .whitespaces))
                || (status?.trimmingCharacters(in: .whitespaces).hasPrefix("5.") ?? false)
        }
    }

    public var recipients: [Recipient]
    /// The `Message-ID` of the returned message (from its attached headers), if present.
    public var originalMessageID: String?

    public init(recipients: [Recipient] = [], originalMessageID: String? = nil) {
        self.recipients = recipients
        self.originalMessageID = originalMessageID
    }
}

/// The facts of one message in the inbox that reply understanding needs: the
/// headers the MIME parser extracts and the decoded plain-text body. Empty
/// strings and empty arrays mean "absent".
public struct IncomingMessage: Hashable, Sendable {
    public var from: MailAddress?
    /// `Reply-To`: where a relaying system (a scheduling tool, an ATS) sends the answer, often the person.
    public var replyTo: [MailAddress]
    public var to: [String]
    public var cc: [String]
    /// Decoded `Subject`.
    public var subject: String
    /// The `Date` header, when present and parseable.
    public var date: Date?
    /// When the server received the message (IMAP INTERNALDATE).
    public var internalDate: Date
    public var messageID: String?
    /// `In-Reply-To`; usually one id, sometimes several.
    public var inReplyTo: [String]
    /// `References`, oldest first.
    public var references: [String]
    public var autoSubmitted: String?
    public var xAutoreply: String?
    public var xAutoResponseSuppress: String?
    public var precedence: String?
    /// The names of the bulk-mail headers present (`List-Id`, `List-Unsubscribe`, `Feedback-ID`, …).
    public var bulkHeaders: [String]
    /// Top-level MIME type in lower case, e.g. `multipart/report`.
    public var contentType: String?
    /// Exchange's `Content-Class` (`urn:content-classes:calendarmessage` for an invitation).
    public var contentClass: String?
    /// The `report-type` parameter of a `multipart/report`, e.g. `delivery-status`.
    public var reportType: String?
    public var deliveryReport: DeliveryReport?
    /// `X-Failed-Recipients`.
    public var failedRecipients: [String]
    /// The From and Message-ID of an attached message: in a bounce, the one it returns.
    public var returnedFrom: String?
    public var returnedMessageID: String?
    /// The calendar invitation the message carries, if any.
    public var invitation: CalendarInvitation?
    /// The `Return-Path` the delivering server added, without angle brackets:
    /// empty for the null sender that mail systems' notices use (RFC 5321 §4.5.5).
    public var returnPath: String?
    /// The decoded text/plain body (or text converted from HTML), possibly truncated.
    public var body: String

    public init(from: MailAddress? = nil, replyTo: [MailAddress] = [], to: [String] = [], cc: [String] = [], subject: String = "",
                date: Date? = nil, internalDate: Date, messageID: String? = nil,
                inReplyTo: [String] = [], references: [String] = [], autoSubmitted: String? = nil,
                xAutoreply: String? = nil, xAutoResponseSuppress: String? = nil, precedence: String? = nil, bulkHeaders: [String] = [],
                contentType: String? = nil, contentClass: String? = nil, reportType: String? = nil, deliveryReport: DeliveryReport? = nil,
                failedRecipients: [String] = [], returnedFrom: String? = nil, returnedMessageID: String? = nil,
                invitation: CalendarInvitation? = nil, returnPath: String? = nil,
                body: String = "") {
        self.from = from
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.subject = subject
        self.date = date
        self.internalDate = internalDate
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.autoSubmitted = autoSubmitted
        self.xAutoreply = xAutoreply
        self.xAutoResponseSuppress = xAutoResponseSuppress
        self.precedence = precedence
        self.bulkHeaders = bulkHeaders
        self.contentType = contentType
        self.contentClass = contentClass
        self.reportType = reportType
        self.deliveryReport = deliveryReport
        self.failedRecipients = failedRecipients
        self.returnedFrom = returnedFrom
        self.returnedMessageID = returnedMessageID
        self.invitation = invitation
        self.returnPath = returnPath
        self.body = body
    }

    /// The moment relative dates in the text are read from: the `Date` header,
    /// but never later than the arrival (a sender's clock cannot date a message
    /// after the server received it).
    var written: Date {
        guard let date else { return internalDate }
        return min(date, internalDate)
    }
}

extension IncomingMessage {
    /// What names a message that has no Message-ID: its sender, recipients,
    /// date and subject, hashed. A copy or a move to another
    /// folder keeps them all; the arrival time and the UID may change.
    public var headerDigest: String {
        let fields = [from?.normalized ?? "", to.joined(separator: ","), cc.joined(separator: ","),
                      date.map { String(Int64($0.timeIntervalSince1970)) } ?? "", subject]
        return "fnv1a64:" + FNV1a.hex(fields.joined(separator: "\n"))
    }
}
