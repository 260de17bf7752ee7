import ArgumentParser
import FollowUpCore

/// `fuctl offer APP`: another company made an offer; say so, without an ultimatum.
struct Offer: FuctlCommand {
    static let configuration = CommandConfiguration(abstract: "Queue a competing-offer draft.")

    @OptionGroup var options: ConfigOption
    @OptionGroup var output: JSONFlag
    @Argument(help: "The application's id.") var app: ApplicationID
    @Option(help: "Anything to add about the offer, in your words.") var text: String?

    func run(in context: Context) throws {
        try ExceptionDraft.queue(.competingOffer, for: app, text: text, rule: Exceptions.competingOffer,
                                 json: output.json, workspace: try options.workspace(context), context: context)
    }
}
