import Foundation
import FollowUpConfig
import FollowUpCore
import MailMessage

extension OutgoingMessage {
    /// The message a draft becomes when it is sent at `date`: From the
    /// identity, To the draft's recipient, its fixed Message-ID and threading,
    /// the Date header in the identity's zone. `fuctl draft` shows exactly this.
    public init(draft: Draft, identity: Identity, date: Date) {
        self.init(from: MailAddress(name: identity.name, address: identity.email),
                  to: [MailAddress(name: draft.recipientName, address: draft.recipientEmail)],
                  subject: draft.subject, body: draft.body, date: date,
                  timeZone: TimeZone(identifier: identity.timeZone) ?? .gmt,
                  messageID: draft.messageID, inReplyTo: draft.inReplyTo, references: draft.references)
    }
}
