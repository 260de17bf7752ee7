import FollowUpCore
import Foundation
import Mustache

/// A rendered draft: what the user approves and the mail carries.
public struct RenderedDraft: Hashable, Sendable {
    public var subject: String
    public var body: String

    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }
}

/// Renders drafts from Mustache templates. Pure: it is given the template
/// texts (see `TemplateLoader`) and a request, and returns strings.
///
/// A template's first line is `{{% CONTENT_TYPE: TEXT}}` (plain text: no HTML
/// escaping, so "O'Brien & Sons" stays as written); its first rendered line is
/// `Subject: …`, then a blank line, then the body. The variables are the
/// cases of `TemplateVariable`; any other name is refused when compiling.
public struct DraftComposer: Sendable {
    private let templates: [TemplateName: MustacheTemplate]
    private let origins: [TemplateName: String]

    /// Compiles every template; throws `TemplateError` naming the file (and
    /// line and column when known) for a missing, malformed or HTML template,
    /// an unknown variable or a section that is not closed.
    public init(templates set: TemplateSet) throws {
        var compiled: [TemplateName: MustacheTemplate] = [:]
        for name in TemplateName.allCases {
            let origin = set.origin(of: name)
            guard let source = set.sources[name] else {
                throw TemplateError(origin: origin, reason: "template is missing")
            }
            guard source.prefixMatch(of: Self.textPragma) != nil else {
                throw TemplateError(origin: origin, line: 1, column: 1,
                                    reason: "must start with {{% CONTENT_TYPE: TEXT}} (plain text, no HTML escaping)")
            }
            try TemplateCheck.validate(source, origin: origin)
            do {
                compiled[name] = try MustacheTemplate(string: source)
            } catch let error as MustacheTemplate.ParserError {
                throw TemplateError(origin: origin, line: error.context.lineNumber, column: error.context.columnNumber,
                                    reason: "Mustache syntax: \(error.error)")
            }
            guard Self.hasSubjectLine(source) else {
                throw TemplateError(origin: origin, reason: "the first line after the pragma must be \"Subject: …\"")
            }
        }
        templates = compiled
        origins = Dictionary(uniqueKeysWithValues: TemplateName.allCases.map { ($0, set.origin(of: $0)) })
    }

    /// The subject and body for `request`. Throws `DraftRequestError` when the
    /// request lacks what its kind needs (news text, a known time zone), and
    /// `TemplateError` when the template's subject renders empty.
    public func render(_ request: DraftRequest) throws -> RenderedDraft {
        guard let template = templates[request.templateName] else {
            throw DraftRequestError(reason: "no template \(request.templateName.fileName)")
        }
        let values = try TemplateValues.of(request)
        let rendered = template.render(values)
        var (subject, body) = Self.split(rendered)
        guard !subject.isEmpty else {
            throw TemplateError(origin: origins[request.templateName] ?? request.templateName.fileName,
                                reason: "the subject line rendered empty")
        }
        if let earlier = request.earlierSubject, !earlier.trimmingCharacters(in: .whitespaces).isEmpty {
            subject = SubjectPrefix.reply(to: earlier)
        }
        return RenderedDraft(subject: subject, body: body)
    }

    nonisolated(unsafe) private static let textPragma = /\s*\{\{%\s*CONTENT_TYPE\s*:\s*TEXT\s*\}\}/
    nonisolated(unsafe) private static let subjectPrefix = /(?i)\s*subject\s*:/

    private static func hasSubjectLine(_ source: String) -> Bool {
        guard let pragma = source.prefixMatch(of: textPragma) else { return false }
        return source[pragma.range.upperBound...].prefixMatch(of: subjectPrefix) != nil
    }

    /// Splits the rendered text at its "Subject:" line and tidies the body:
    /// trailing spaces, double spaces left by empty inline sections, and runs of
    /// blank lines left by empty block sections go, so nothing dangles.
    static func split(_ rendered: String) -> (subject: String, body: String) {
        var lines = rendered.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        var subject = ""
        if let first = lines.first, let match = first.prefixMatch(of: subjectPrefix) {
            subject = SubjectPrefix.oneLine(String(first[match.range.upperBound...]))
            lines.removeFirst()
        }
        var body: [String] = []
        for line in lines {
            let tidy = tidied(line)
            if tidy.isEmpty && (body.last?.isEmpty ?? true) { continue }
            body.append(tidy)
        }
        while body.last?.isEmpty == true { body.removeLast() }
        return (subject, body.joined(separator: "\n") + "\n")
    }

    private static func tidied(_ line: String) -> String {
        let indent = line.prefix(while: { $0 == " " || $0 == "\t" })
        let words = line.dropFirst(indent.count).split(separator: " ", omittingEmptySubsequences: true)
        return words.isEmpty ? "" : String(indent) + words.joined(separator: " ")
    }
}
