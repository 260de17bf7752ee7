import ArgumentParser
import FollowUpConfig
import Foundation

/// fuctl's whole life: parse, run, map the outcome to an exit code.
public enum FuctlMain {
    public static let ok: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 2
    /// EX_CONFIG from sysexits.h.
    public static let configError: Int32 = 78

    /// Runs one command line (without the program name) and returns the exit code.
    public static func run(arguments: [String], context: Context) -> Int32 {
        let command: ParsableCommand
        do {
            command = try Fuctl.parseAsRoot(arguments)
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
