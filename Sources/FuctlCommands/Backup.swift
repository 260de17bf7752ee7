import ArgumentParser

/// `fuctl backup FILE`: a consistent copy of the database, safe while followupd runs.
struct Backup: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database (applications, drafts, the send history) to a new file.",
        discussion: """
            The copy is consistent even while followupd runs, and private (mode 0600). To restore it, \
            stop followupd and put the copy in place of the database (see the README, "A damaged database").
            """)

    @OptionGroup var options: ConfigOption
    @Argument(help: "The new file to write; it must not exist.") var file: String

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        try workspace.store.backup(to: file)
        context.console.print("database copied to \(file)")
    }
}
