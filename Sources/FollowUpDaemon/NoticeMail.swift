import Foundation
import FollowUpConfig
import FollowUpCore
import MailMessage

/// A mail notice: from the user to the user alone, one message for the
/// notices that came together, threaded per application when they are all
/// about one. Marked `Auto-Submitted`, and from the user's own address, so
/// neither it nor an answer to it is ever read as the employer's.
enum NoticeMail {
    /// The least time between two notice mails: notices meanwhile wait and go together.
    static let spacing: TimeInterval = 15 * 60

    /// `answerable`: the mail is about one draft, and its Message-ID carries a token an answer may name.
    static func message(_ notices: [Notice], identity: Identity, messageID: String, answerable: Bool = false,
                        now: Date) -> OutgoingMessage {
        let me = MailAddress(name: identity.name, address: identity.email)
        let apps = Set(notices.compactMap(\.applicationID))
        let subject = notices.count == 1 ? "followupd: " + headline(notices[0])
            : "followupd: \(notices.count) things for you" + (apps.count == 1 ? " about \(notices[0].company ?? "one application")" : "")
        var body = notices.count == 1 ? "" : "\(notices.count) things happened together:\n\n"
        for notice in notices {
            body += "* " + notice.summary + "\n"
            if let text = notice.draftText {
                body += "\n--- the message ---\n" + text + "\n--- end ---\n"
            }
            body += "\n"
        }
        if answerable, let draft = notices.first?.draftID {
            body += "To decide from here, answer this mail with one word as its first line: approve, discard or skip "
                + "(draft \(draft)). Only an answer from your own address to this very mail counts, and only while the "
                + "draft is unchanged.\n\n"
        }
        body += "This mail is from followupd to you alone. It is never read as anyone's reply."
        var message = OutgoingMessage(from: me, to: [me], subject: subject, body: body, date: now,
                                      timeZone: TimeZone(identifier: identity.timeZone) ?? .gmt, messageID: messageID)
        if apps.count == 1, let app = apps.first {
            // A reference every notice of the application shares: mail clients thread on it.
            let thread = "followupd-application-\(app)@\(MailAddress(address: identity.email).domain)"
            message.references = [thread]
            message.inReplyTo = thread
        }
        message.extraFields = ["Auto-Submitted": "auto-generated", "X-Followupd-Notice": notices.map(\.kind.rawValue).joined(separator: " ")]
        return message
    }

    /// The start of the summary, short enough for a subject line.
    static func headline(_ notice: Notice) -> String {
        let first = notice.summary.split(separator: ";", maxSplits: 1).first.map(String.init) ?? notice.summary
        return first.count <= 90 ? first : String(first.prefix(89)) + "…"
    }
}
