/// The text of every template, and where each came from (for error messages).
/// A plain value: `TemplateLoader` fills it from files, tests from strings.
public struct TemplateSet: Sendable, Hashable {
    public var sources: [TemplateName: String]
    /// A path or "shipped:<file>", shown in errors as `origin:line:column`.
    public var origins: [TemplateName: String]

    public init(sources: [TemplateName: String], origins: [TemplateName: String] = [:]) {
        self.sources = sources
        self.origins = origins
    }

    func origin(of name: TemplateName) -> String {
        origins[name] ?? name.fileName
    }
}
