import ArgumentParser
import FollowUpStore
import FollowUpConfig
import Foundation

/// fuctl's whole life: parse, run, map the outcome to an exit code.
public enum FuctlMain {
    public static let ok: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 2
    /// `fuctl status`: followupd is not running (or has never run).
    public static let notRunning: Int32 = 3
    /// EX_CONFIG from sysexits.h.
    public static let configError: Int32 = 78

    /// Runs one command line (without the program name) and returns the exit code.
    public static func run(arguments: [String], context: Context) -> Int32 {
        let command: ParsableCommand
        do {
            command = try Fuctl.parseAsRoot(movingConfigAfterSubcommand(arguments))
        } catch {
            return report(parseError: error, console: context.console)
        }
        if command is Fuctl {
            // No subcommand: a usage error that shows what there is.
            context.console.error(Fuctl.helpMessage())
            return usage
        }
        guard let runnable = command as? FuctlCommand else {
            // ArgumentParser's own commands (`help SUBCOMMAND`) end by throwing what to print.
            var builtIn = command
            do {
                try builtIn.run()
                return ok
            } catch {
                return report(parseError: error, console: context.console)
            }
        }
        do {
            try runnable.run(in: context)
            return ok
        } catch let e as ConfigError {
            context.console.error(e.description)
            return configError
        } catch let e as StoreError where e.code == .unusable {
            context.console.error("fuctl: \(e)")
            return configError
        } catch let e as ValidationError {
            context.console.error("fuctl: \(e.message)")
            return usage
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            context.console.error("fuctl: \(error)")
            return failure
        }
    }

    /// `fuctl --config FILE status` as `fuctl status --config FILE`: the option
    /// belongs to each subcommand, but people write it first, as with git -C.
    /// Only a leading `--config FILE` or `--config=FILE` moves, to just after
    /// the subcommand's name (both names for a group like `config check`).
    static func movingConfigAfterSubcommand(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first {
            if first == "--config", rest.count >= 2 {
                leading += rest.prefix(2)
                rest = rest.dropFirst(2)
            } else if first.hasPrefix("--config=") {
                leading.append(first)
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        guard !leading.isEmpty, let name = rest.first, !name.hasPrefix("-") else { return arguments }
        let group = Fuctl.configuration.subcommands.first { $0._commandName == name }
        let isGroup = group.map { !$0.configuration.subcommands.isEmpty } ?? false
        let path = isGroup && rest.count >= 2 && !rest[rest.startIndex + 1].hasPrefix("-") ? 2 : 1
        return Array(rest.prefix(path)) + leading + Array(rest.dropFirst(path))
    }

    /// Help and completion scripts go to standard output with 0; anything else is a usage error.
    private static func report(parseError error: Error, console: Console) -> Int32 {
        let message = Fuctl.fullMessage(for: error)
        let code = Fuctl.exitCode(for: error)
        if code == .success {
            console.print(message)
            return ok
        }
        console.error(message)
        return usage
    }
}
