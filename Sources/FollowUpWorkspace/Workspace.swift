import Foundation
import FollowUpConfig
import FollowUpCore
import FollowUpDrafts
import FollowUpStore
import Spelling

/// What both programs open first: the validated config, the policy's
/// settings, the database and the draft writer.
public final class Workspace: Sendable {
    public let config: Config
    public let settings: PolicySettings
    public let store: Store
    public let writer: DraftWriter

    public init(config: Config, store: Store, writer: DraftWriter) {
        self.config = config
        self.settings = config.settings
        self.store = store
        self.writer = writer
    }

    /// Opens everything the config names. `requireCredentials` is false for
    /// commands that never log in to a mail server. `checkTemplates`: compile
    /// the templates now, so that a broken one stops followupd at its start
    /// (exit 78); fuctl compiles them when it first writes a draft.
    public static func open(configPath: String?, requireCredentials: Bool, checkTemplates: Bool = true,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Workspace {
        let config = try Config.load(path: configPath, environment: environment, requireCredentials: requireCredentials)
        let store = try Store(path: config.daemon.database)
        return Workspace(config: config, store: store, writer: try makeWriter(config, checkTemplates: checkTemplates))
    }

    /// The draft writer the config describes: the templates (the shipped ones,
    /// replaced by the override directory's files), compiled now or at the
    /// first draft, and the speller. `fuctl config check` builds it to refuse
    /// what followupd would refuse.
    /// - Throws: `TemplateError` for a template that cannot be used, when `checkTemplates`.
    public static func makeWriter(_ config: Config, checkTemplates: Bool = true) throws -> DraftWriter {
        let overrides = URL(fileURLWithPath: config.templates.dir)
        let compile: @Sendable () throws -> DraftComposer = {
            let exists = FileManager.default.fileExists(atPath: overrides.path)
            return try DraftComposer(templates: TemplateLoader.load(overrideDirectory: exists ? overrides : nil))
        }
        let composer = checkTemplates ? try compile() : nil
        return DraftWriter(templates: { try composer ?? compile() },
                           speller: try LazyHunspellSpeller(dictionary: HunspellSpeller.defaultDictionary),
                           sender: Sender(name: config.identity.name, signature: config.identity.signature),
                           senderEmail: config.identity.email, askForFeedback: config.settings.askForFeedback)
    }

    /// What a tick may have loaded that the next may not need: the spelling
    /// dictionary, opened again when a draft is written or linted.
    public func releaseBetweenTicks() {
        (writer.speller as? LazyHunspellSpeller)?.close()
    }

    /// Random bytes for Message-IDs, from the system's generator.
    public static func randomBytes(_ count: Int = 16) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
