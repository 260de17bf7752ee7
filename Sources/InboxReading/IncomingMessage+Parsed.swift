import Foundation
import FollowUpReplies
import MailMessage

extension IncomingMessage {
    /// The facts reply understanding reads, taken from a parsed message: a
    /// header-only fetch (the body is then empty) or the full, possibly
    /// truncated, message. Reads only the header fields in
    /// `InboxReader.headerFields`, so a header fetch of exactly those fields
    /// gives the same facts as the whole header.
    public init(_ parsed: ParsedMessage, internalDate: Date) {
        let headers = parsed.headers
        self.init(
            from: parsed.from.first,
            replyTo: parsed.replyTo,
            to: parsed.to.map(\.address),
            cc: parsed.cc.map(\.address),
            subject: parsed.subject ?? "",
            date: parsed.date?.date,
            internalDate: internalDate,
            messageID: parsed.messageID,
            inReplyTo: parsed.inReplyTo,
            references: parsed.references,
            autoSubmitted: headers["Auto-Submitted"],
            xAutoreply: headers["X-Autoreply"],
            xAutoResponseSuppress: headers["X-Auto-Response-Suppress"],
            precedence: headers["Precedence"],
            bulkHeaders: InboxReader.bulkHeaderFields.filter { headers[$0] != nil },
            contentType: parsed.contentType.mimeType,
            contentClass: headers["Content-Class"],
            reportType: parsed.contentType.parameters["report-type"],
            deliveryReport: parsed.deliveryStatus.map(Self.report),
            failedRecipients: headers.fields(named: "X-Failed-Recipients")
                .flatMap { AddressListParser.parseMailboxes($0.unfoldedValue) }.map(\.address),
            returnedFrom: parsed.returnedHeaders?["From"].flatMap { AddressListParser.parseMailboxes($0).first?.address },
            returnedMessageID: parsed.returnedHeaders?["Message-ID"].flatMap { MessageIDs.parse($0).first },
            invitation: parsed.invitation,
            returnPath: headers["Return-Path"].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t")) },
            body: parsed.text)
    }

    /// The report's recipients that name an address or an action; the
    /// original recipient (what we sent to) is preferred to the final one.
    private static func report(_ status: DeliveryStatus) -> DeliveryReport {
        let recipients = status.recipients.compactMap { recipient -> DeliveryReport.Recipient? in
            guard recipient.address != nil || recipient.action != nil else { return nil }
            return DeliveryReport.Recipient(address: recipient.address ?? "", action: recipient.action ?? "",
                                            status: recipient.status)
        }
        return DeliveryReport(recipients: recipients, originalMessageID: status.originalMessageID)
    }
}
