import ArgumentParser
import FollowUpCore
import FollowUpWorkspace
import Foundation
import MailMessage

/// `fuctl draft ID`: the message a draft becomes, to read, or as the exact bytes sent.
struct DraftCommand: FuctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft", abstract: "Print a draft as the message it would be sent as: headers and body.",
        discussion: """
            By default the headers are decoded and the body is plain UTF-8 text, to read. The Date header is \
            written when the message is sent; the one shown is for a send now. With --raw, the exact bytes \
            handed to the mail server (CRLF line ends, encoded headers, quoted-printable when needed).
            """)

    @OptionGroup var options: ConfigOption
    @Argument(help: "The draft's id.") var id: DraftID
    @Flag(help: "Print the exact bytes as sent instead of a readable view.") var raw = false

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let draft = try workspace.store.existingDraft(id)
        let message = OutgoingMessage(draft: draft, identity: workspace.config.identity, date: context.now)
        // Rendered in both modes: a draft that cannot become a message is reported the same way.
        let bytes = try message.render()
        context.console.write(raw ? String(decoding: bytes, as: UTF8.self) : VisibleText.render(Self.readable(message)))
    }

    /// The headers as a person reads them, then a blank line and the body with LF line ends.
    static func readable(_ message: OutgoingMessage) -> String {
        let offset = message.timeZone.secondsFromGMT(for: message.date)
        var lines = [
            "Date: \(MailDate(date: message.date, utcOffsetSeconds: offset).rfc5322) (if sent now; set when it is sent)",
            "From: \(message.from)",
            "To: \(message.to.map(\.description).joined(separator: ", "))",
            "Subject: \(message.subject)",
            "Message-ID: <\(bare(message.messageID))>",
        ]
        if let parent = message.inReplyTo { lines.append("In-Reply-To: <\(bare(parent))>") }
        if !message.references.isEmpty {
            lines.append("References: " + message.references.map { "<\(bare($0))>" }.joined(separator: " "))
        }
        var body = message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if !body.hasSuffix("\n") { body += "\n" }
        return lines.joined(separator: "\n") + "\n\n" + body
    }

    private static func bare(_ id: String) -> String {
        id.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
    }
}
