extension IncomingMessage {
    /// Whether a message of which only the headers were read may still be tied
    /// to an application by its text, so a verdict of "no application" or
    /// "arrived before the event" on the headers alone is not final: a possible
    /// delivery report (its text names the failed recipient and the returned
    /// Message-ID) or a message from an applicant-tracking system (which may
    /// name the company only in its text).
    public var textMayTieItToAnApplication: Bool {
        AutomatedMail.mayBeDeliveryReport(self)
            || from.map { ApplicantTrackingSystems.sends(from: $0.domain) } ?? false
    }
}
