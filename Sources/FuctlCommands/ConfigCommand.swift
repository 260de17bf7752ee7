import ArgumentParser
import FollowUpConfig
import FollowUpDrafts
import FollowUpWorkspace
import Foundation

/// `fuctl config …`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Work with the config file.", subcommands: [Check.self])

    /// `fuctl config check`: validate and print the effective config, secrets masked.
    struct Check: FuctlCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the config and the templates; print the config with every default filled in and secrets masked.",
            discussion: """
                The templates are loaded and compiled as followupd loads them (shipped ones, replaced by the files \
                of [templates] dir). With --secrets, the IMAP and SMTP passwords are fetched from their sources \
                (running password_command, reading password_file); each source is reported as ok or failed, \
                never with the secret or the command's output. Exit 78 for any problem.
                """)

        @OptionGroup var options: ConfigOption
        @Flag(help: "Also fetch the IMAP and SMTP passwords and report whether each source works.")
        var secrets = false

        func run(in context: Context) throws {
            let config = try Config.load(path: options.config, environment: context.environment, requireCredentials: false)
            do {
                _ = try Workspace.makeWriter(config)
            } catch let error as TemplateError {
                context.console.error("\(error)")
                throw ExitCode(FuctlMain.configError)
            }
            context.console.write(config.effectiveDescription())
            let overrides = FileManager.default.fileExists(atPath: config.templates.dir)
            context.console.print("\n# templates: ok, " + (overrides ? "the shipped ones and the files in \(config.templates.dir)"
                                                                : "the shipped ones (no directory \(config.templates.dir))"))
            guard secrets else { return }
            var failed = false
            for (section, source) in [("imap", config.imap.account.password), ("smtp", config.smtp.password)] {
                do {
                    _ = try source.resolve(environment: context.environment)
                    context.console.print("# \(section) password (\(source)): ok")
                } catch let error as SecretError {
                    failed = true
                    context.console.error("\(section) password: \(error)")
                }
            }
            if failed { throw ExitCode(FuctlMain.configError) }
        }
    }
}
