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
        guard let runnable = command as? FuctlCommand else {
            // The bare root: show the help.
            context.console.print(Fuctl.helpMessage())
            return usage
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

    /// Help and version go to standard output with 0; anything else is a usage error.
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
