import ArgumentParser
import FollowUpCore
import FollowUpWorkspace
import MailMessage

/// `fuctl draft ID`: the message exactly as it would be sent now.
struct DraftCommand: FuctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft", abstract: "Print a draft as the whole message it would be sent as (headers and body).")

    @OptionGroup var options: ConfigOption
    @Argument(help: "The draft's id.") var id: DraftID

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let draft = try workspace.store.existingDraft(id)
        let message = OutgoingMessage(draft: draft, identity: workspace.config.identity, date: context.now)
        context.console.write(String(decoding: try message.render(), as: UTF8.self))
    }
}
