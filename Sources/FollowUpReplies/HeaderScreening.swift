extension ReplyContext {
    /// Whether a message of which only the headers were read may still be tied
    /// to an application by its text, so a verdict of "no application" or
    /// "arrived before the event" on the headers alone is not final: a possible
    /// delivery report (its text names the failed recipient and the returned
    /// Message-ID) or a message from a relaying system (which may name the
    /// company or a contact only in its text or its invitation).
    public func textMayTieItToAnApplication(_ message: IncomingMessage) -> Bool {
        AutomatedMail.mayBeDeliveryReport(message) || relays.system(sending: message.from) != nil
            || Self.mayCarryAnInvitation(message)
    }

    /// An invitation's organizer or attendee may be a contact: its headers say
    /// so only by its type, Exchange's `Content-Class`, or its subject
    /// ("Invitation: …", "Updated invitation", "Einladung: …").
    static func mayCarryAnInvitation(_ message: IncomingMessage) -> Bool {
        message.contentType == "text/calendar" || message.contentClass?.lowercased().contains("calendarmessage") == true
            || invitationSubject.isFound(in: PlainWords.normalize(message.subject))
    }

    private static let invitationSubject = Pattern(
        #"^(?:(?:updated |new )?invitation|invitation mise à jour|(?:aktualisierte )?einladung|invitación|uitnodiging|accepted|canceled|cancelled|event (?:invitation|canceled)|booking confirmed|confirmed)\s?:"#)
}

extension IncomingMessage {
    /// A mail daemon's sender or the null return path.
    public var comesFromAMailSystem: Bool { AutomatedMail.isFromMailSystem(self) }
}
