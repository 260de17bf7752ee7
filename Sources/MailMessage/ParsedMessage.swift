/// What a reply classifier needs from a message, parsed from raw bytes: a whole
/// message, a truncated one (first 64 KB), or header fields only (an IMAP
/// `HEADER.FIELDS` fetch). Parsing never fails: problems become `defects`.
public struct ParsedMessage: Sendable {
    /// Top-level header fields, in order, raw and decoded.
    public var headers: MessageHeaders
    public var from: [MailAddress]
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var replyTo: [MailAddress]
    /// Decoded and unfolded.
    public var subject: String?
    public var date: MailDate?
    /// Without angle brackets.
    public var messageID: String?
    public var inReplyTo: [String]
    public var references: [String]
    /// The top-level Content-Type (text/plain when absent or unreadable).
    public var contentType: ContentType
    /// Decoded text of the first text/plain part, else of the first text/html part reduced to text;
    /// empty for header-only input. Line ends are "\n".
    public var text: String
    /// Whether `text` came from HTML because there was no text/plain part.
    public var textIsFromHTML: Bool
    /// Set when the message carries an RFC 3464 delivery-status report.
    public var deliveryStatus: DeliveryStatus?
    /// The headers of an attached message (`message/rfc822`, `text/rfc822-headers`):
    /// in a bounce, the message it returns.
    public var returnedHeaders: MessageHeaders?
    /// The first text/calendar part (an invitation, its update or cancellation).
    public var invitation: CalendarInvitation?
    public var defects: [Defect]

    /// Parses `bytes`; the work done is bounded by `limits`.
    public init<Bytes: Collection>(_ bytes: Bytes, limits: ParseLimits = .standard) where Bytes.Element == UInt8 {
        let all = Array(bytes)
        var defects: [Defect] = []
        let top = HeaderBlockParser.parse(all[...], limits: limits, defects: &defects)
        let h = top.headers
        headers = h
        from = h["From"].map(AddressListParser.parseMailboxes) ?? []
        to = h.fields(named: "To").flatMap { AddressListParser.parseMailboxes($0.unfoldedValue) }
        cc = h.fields(named: "Cc").flatMap { AddressListParser.parseMailboxes($0.unfoldedValue) }
        replyTo = h.field("Reply-To").map { AddressListParser.parseMailboxes($0.unfoldedValue) } ?? []
        if let fromField = h.field("From") { from = AddressListParser.parseMailboxes(fromField.unfoldedValue) }
        subject = h["Subject"]
        date = h["Date"].flatMap { value in
            let parsed = MailDate.parse(value)
            if parsed == nil { defects.append(Defect(.unparsableDate)) }
            return parsed
        }
        messageID = h["Message-ID"].flatMap { MessageIDs.parse($0).first }
        inReplyTo = h["In-Reply-To"].map(MessageIDs.parse) ?? []
        references = h["References"].map(MessageIDs.parse) ?? []
        contentType = h["Content-Type"].flatMap { ContentType.parse($0) } ?? .defaultPlainText

        var walker = MimeWalker(bytes: all, limits: limits)
        if top.bodyStart < all.count {
            walker.walk(headers: h, body: top.bodyStart..<all.count, depth: 0)
        }
        text = walker.plainText ?? walker.htmlText ?? ""
        textIsFromHTML = walker.plainText == nil && walker.htmlText != nil
        deliveryStatus = walker.deliveryStatus ?? Self.inlineDeliveryStatus(all, from: top.bodyStart, limits: limits)
        if deliveryStatus != nil, let returned = walker.returnedHeaders {
            deliveryStatus?.originalMessageID = returned["Message-ID"].flatMap { MessageIDs.parse($0).first }
        }
        invitation = walker.invitation
        returnedHeaders = walker.returnedHeaders
        self.defects = defects + walker.defects
    }

    /// Some MTAs send RFC 3464 fields without a message/delivery-status part (in text/plain,
    /// or under a wrong type): read them from the first line that starts "Final-Recipient:".
    private static func inlineDeliveryStatus(_ bytes: [UInt8], from start: Int, limits: ParseLimits) -> DeliveryStatus? {
        let needle = Array("final-recipient:".utf8)
        var lineStart = start
        while lineStart + needle.count <= bytes.count {
            if zip(bytes[lineStart..<(lineStart + needle.count)], needle).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
                let status = DeliveryStatus.parse(bytes[lineStart...], limits: limits)
                return status.recipients.isEmpty ? nil : status
            }
            guard let newline = bytes[lineStart...].firstIndex(of: 0x0A) else { return nil }
            lineStart = newline + 1
        }
        return nil
    }
}
