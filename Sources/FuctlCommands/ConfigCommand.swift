import ArgumentParser
import FollowUpConfig
import FollowUpWorkspace

/// `fuctl config …`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Work with the config file.", subcommands: [Check.self])

    /// `fuctl config check`: validate and print the effective config, secrets masked.
    struct Check: FuctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the config and print it with every default filled in and secrets masked.")

        @OptionGroup var options: ConfigOption

        func run(in context: Context) throws {
            let config = try Config.load(path: options.config, environment: context.environment, requireCredentials: false)
            _ = try config.policySettings()
            context.console.write(config.effectiveDescription())
        }
    }
}
