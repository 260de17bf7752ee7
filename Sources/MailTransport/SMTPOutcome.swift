/// What became of one SMTP submission.
///
/// `unknown` must never be retried automatically: the server may hold the
/// message (it was fully handed over, then the answer to the final dot got
/// lost), and a retry could make the employer receive it twice. Show it to
/// the user, or look for the Sent copy, instead.
public enum SMTPOutcome: Hashable, Sendable {
    /// The server answered the final dot with 2xx: it took the message.
    case delivered
    /// Refused or failed before the end of the message was handed over, or the
    /// server refused the message in its answer to the final dot: not sent.
    case notSent(NotSentReason, detail: String)
    /// Something went wrong after the whole message was handed over and before
    /// a clear answer: it may or may not have been taken. Never retry blindly.
    case unknown(detail: String)

    public enum NotSentReason: String, Hashable, Sendable {
        /// 4xx, a network failure or a timeout: may be retried later.
        case temporary
        /// 5xx, failed TLS verification, refused credentials or an invalid
        /// address: retrying will not help.
        case permanent
    }
}
