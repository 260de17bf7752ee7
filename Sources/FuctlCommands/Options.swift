import ArgumentParser
import FollowUpConfig
import FollowUpCore
import FollowUpStore
import FollowUpWorkspace

/// `--config PATH`, shared by every subcommand.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: "The config file (default: $XDG_CONFIG_HOME/followupd/config.toml, then /etc/followupd/config.toml).",
            completion: .file(extensions: ["toml"]))
    var config: String?

    /// Config, store and draft writer. fuctl never logs in to a mail server,
    /// so no credential needs to be there.
    func workspace(_ context: Context) throws -> Workspace {
        try Workspace.open(configPath: config, requireCredentials: false, environment: context.environment)
    }
}

/// `--json`, shared by the commands that can print JSON.
struct JSONFlag: ParsableArguments {
    @Flag(name: .long, help: "Print only JSON (times in ISO 8601, UTC).")
    var json = false
}

extension EventKind: ExpressibleByArgument {}
extension Pace: ExpressibleByArgument {}
extension Outcome: ExpressibleByArgument {}

extension LocalDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

extension Store {
    /// The application's history, or a failure naming the unknown id.
    func existingHistory(_ id: ApplicationID) throws -> ApplicationHistory {
        guard let history = try history(for: id) else { throw CommandFailure(.notFound, "no application with id \(id)") }
        return history
    }

    func existingDraft(_ id: DraftID) throws -> Draft {
        guard let draft = try draft(id: id) else { throw CommandFailure(.notFound, "no draft with id \(id)") }
        return draft
    }
}
