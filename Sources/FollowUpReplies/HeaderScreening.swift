extension ReplyContext {
    /// Whether a message of which only the headers were read may still be tied
    /// to an application by its text, so a verdict of "no application" or
    /// "arrived before the event" on the headers alone is not final: a possible
    /// delivery report (its text names the failed recipient and the returned
    /// Message-ID) or a message from a relaying system (which may name the
    /// company or a contact only in its text or its invitation).
    public func textMayTieItToAnApplication(_ message: IncomingMessage) -> Bool {
        AutomatedMail.mayBeDeliveryReport(message) || relays.system(sending: message.from) != nil
    }
}
