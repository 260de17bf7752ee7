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
        try Workspace.open(configPath: config, requireCredentials: false, checkTemplates: false, environment: context.environment)
    }
}

/// `--limit N --page K`: a listing of thousands shows one page, which
/// SQLite picks, so its cost is the page's whatever is stored.
struct PageOption: ParsableArguments {
    @Option(name: .long, help: "Rows per page (0: every row).")
    var limit = 50
    @Option(name: .long, help: "Which page, from 1.")
    var page = 1

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 (every row) or more") }
        guard page >= 1 else { throw ValidationError("--page counts from 1") }
    }

    var range: Store.PageRange { Store.PageRange(limit: limit == 0 ? nil : limit, offset: limit * (page - 1)) }

    /// The line under a page that does not show every row: which rows, and how to see the next.
    func footer(shown: Int, total: Int, command: String) -> String? {
        let first = range.offset + 1, last = range.offset + shown
        guard shown < total else { return nil }
        if shown == 0 { return "Page \(page) is past the last: \(total) in all (\(command) --page 1)." }
        let next = last < total ? "; the next: \(command)\(limit == 50 ? "" : " --limit \(limit)") --page \(page + 1)" : ""
        return "Rows \(first)–\(last) of \(total)\(next) (--limit 0 shows every row)."
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

/// `--country`/`--region`: where the employer is, so the send window stays closed on its public holidays.
struct HolidayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The employer's country (ISO 3166, like DE or US): no follow-up goes out on its public holidays.",
                               valueName: "CC"))
    var country: String?
    @Option(help: ArgumentHelp("The region within --country whose holidays differ (DE: BY, BE…; GB: ENG, WLS, SCT, NIR).",
                               valueName: "CODE"))
    var region: String?

    func validate() throws {
        if region != nil && country == nil { throw ValidationError("--region needs --country") }
        if let country, let problem = HolidayPlace.problem(country: country, region: region) {
            throw ValidationError("--country/--region: " + problem)
        }
    }

    /// The place as stored: upper case, the region without its country prefix.
    var place: HolidayPlace? { country.flatMap { HolidayPlace(country: $0, region: region) } }

    /// When none was given and the zone's country has known holidays: how to keep them.
    static func hint(zone: String, place: HolidayPlace?) -> String? {
        guard place == nil, let guess = HolidayPlace.of(timeZone: zone) else { return nil }
        let region = HolidayPlace.regions(of: guess.country).isEmpty ? "" : " [--region R]"
        return "hint: no public holidays are kept for it; if the employer is in \(guess.country), "
            + "fuctl update ID --country \(guess.country)\(region) keeps the send window closed on them"
    }
}
