/// An RFC 3464 delivery status notification (the `message/delivery-status` part of a bounce).
public struct DeliveryStatus: Hashable, Sendable {
    /// One recipient's fate.
    public struct Recipient: Hashable, Sendable {
        /// Address from `Final-Recipient`, its "rfc822;" type removed.
        public var finalRecipient: String?
        /// Address from `Original-Recipient`, its type removed.
        public var originalRecipient: String?
        /// Lowercased: "failed", "delayed", "delivered", "relayed", "expanded".
        public var action: String?
        /// The enhanced status code, e.g. "5.1.1".
        public var status: String?

        /// The address the notice is about: the original recipient when given, else the final one.
        public var address: String? { originalRecipient ?? finalRecipient }
    }

    public var recipients: [Recipient]
    /// Message-ID of the message that bounced, when the report returned its headers.
    public var originalMessageID: String?

    /// Parses the body of a message/delivery-status part: blocks of fields separated by blank lines,
    /// the first about the message, the others one per recipient.
    static func parse(_ body: ArraySlice<UInt8>, limits: ParseLimits) -> DeliveryStatus {
        var defects: [Defect] = []
        var rest = body
        var blocks: [MessageHeaders] = []
        while !rest.isEmpty, blocks.count < limits.maxParts {
            // Skip blank lines between blocks.
            while let first = rest.first, first == 0x0D || first == 0x0A { rest = rest.dropFirst() }
            if rest.isEmpty { break }
            let result = HeaderBlockParser.parse(rest, limits: limits, defects: &defects)
            if !result.headers.fields.isEmpty { blocks.append(result.headers) }
            guard result.bodyStart > rest.startIndex else { break }
            rest = rest[result.bodyStart...]
        }
        var status = DeliveryStatus(recipients: [], originalMessageID: nil)
        for block in blocks {
            if block.field("Final-Recipient") != nil || block.field("Original-Recipient") != nil || block.field("Action") != nil {
                status.recipients.append(Recipient(
                    finalRecipient: block["Final-Recipient"].map(stripType),
                    originalRecipient: block["Original-Recipient"].map(stripType),
                    action: block["Action"].map { $0.lowercased().trimmingWhitespace() },
                    status: block["Status"].map { String($0.split(separator: " ").first ?? "") }))
            }
        }
        return status
    }

    /// "rfc822; a@b" -> "a@b" (angle brackets, which some MTAs add, removed too).
    private static func stripType(_ value: String) -> String {
        var v = Substring(value)
        if let semicolon = v.firstIndex(of: ";") { v = v[v.index(after: semicolon)...] }
        var s = String(v).trimmingWhitespace()
        if s.hasPrefix("<"), s.hasSuffix(">"), s.count >= 2 { s = String(s.dropFirst().dropLast()) }
        return s
    }
}
