import ArgumentParser
import FollowUpCore
import FollowUpReplies
import Foundation
import InboxReading

/// `fuctl explain FILE.eml`: reads a message as the daemon would, against
/// the applications recorded now, and says what it would make of it and
/// why. Changes nothing.
struct Explain: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a message file as followupd would: its application and why, its class and the words that decided it.",
        discussion: "Nothing is recorded or changed. The message's arrival time is its Date header (else the file's time).")

    @OptionGroup var options: ConfigOption
    @Argument(help: "A message file (.eml), as your mail client saves it.") var file: String

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(.notFound, "cannot read \(file)")
        }
        let bytes = Array(data)
        let modified = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? nil
        let histories = try workspace.store.histories()
        let replies = ReplyContext(userAddresses: [workspace.config.identity.email], histories: histories,
                                   relays: RelaySystems(workspace.config.replies))
        let message = InboxReader.screen(headerBytes: bytes, internalDate: context.now, context: replies).message
        let arrived = message.date ?? modified ?? context.now
        var out = ["From: \(message.from?.address ?? "-")", "Subject: \(message.subject)",
                   "Message-ID: \(message.messageID ?? "none")", "Arrived: \(isoUTC(arrived))", ""]
        let screening = InboxReader.screen(headerBytes: bytes, internalDate: arrived, context: replies)
        if let reason = screening.skipReason {
            out.append("followupd would not read its text: \(reason)")
            return context.console.print(out.joined(separator: "\n"))
        }
        let reading = InboxReader.read(fullBytes: bytes.prefix(InboxReader.textFetchBytes), internalDate: arrived, context: replies)
        switch reading.verdict {
        case .ignored:
            out.append("Not a reply: \(reading.skipReason ?? "no application matches")")
        case .attributed(let attribution):
            let apps = Dictionary(histories.map { ($0.application.id, $0.application) }) { a, _ in a }
            let named = { (id: ApplicationID) in apps[id].map { "\(id) (\($0.role) at \($0.company))" } ?? "\(id)" }
            out.append("Application: \(named(attribution.applicationID)), because it was \(attribution.match.words)")
            if !attribution.alsoMatching.isEmpty {
                out.append("Also matching, just as strongly: \(attribution.alsoMatching.map(named).joined(separator: ", ")); so it is unclear for each")
            }
            let reading = attribution.reading
            out.append("Class: \(attribution.replyClass.rawValue), \(attribution.replyClass.words)")
            if let until = reading.until { out.append("Date it names: \(until)") }
            if let failed = reading.failedRecipient { out.append("Undeliverable: \(failed)") }
            for phrase in reading.phrases { out.append("Decided by: \(phrase)") }
            if reading.phrases.isEmpty && attribution.replyClass == .unclear {
                out.append("Decided by: nothing it says is a rejection, a next step or a request for more time")
            }
            out.append("What followupd would do: \(attribution.replyClass.effect)")
        }
        context.console.print(out.joined(separator: "\n"))
    }
}
