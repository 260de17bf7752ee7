import FollowUpCore
@testable import FollowUpDrafts
import Foundation
import Testing
import TestSupport

@Suite struct TemplateTests {
    private func shippedSources() throws -> [TemplateName: String] {
        try TemplateLoader.load().sources
    }

    private func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("drafts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func everyTemplateShipsInTheBinary() throws {
        let set = try TemplateLoader.load()
        #expect(Set(set.sources.keys) == Set(TemplateName.allCases))
        _ = try DraftComposer(templates: set)
    }

    /// The compiled-in copies are generated from config/templates: they must not drift.
    @Test func theShippedTemplatesAreThoseInConfigTemplates() throws {
        let root = TestEnvironment.packageRoot
        let config = root.appendingPathComponent("config/templates")
        let shipped = try shippedSources()
        for name in TemplateName.allCases {
            let text = try String(contentsOf: config.appendingPathComponent(name.fileName), encoding: .utf8)
            #expect(text == shipped[name], "config/templates/\(name.fileName) changed: run scripts/embed-templates.sh")
        }
    }

    @Test func overrideDirectoryWinsFileByFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mine = "{{% CONTENT_TYPE: TEXT}}\nSubject: Checking in, {{contact_name}}\n\nHello {{contact_name}}.\n"
        try mine.write(to: dir.appendingPathComponent("check_in.mustache"), atomically: true, encoding: .utf8)
        try "notes".write(to: dir.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        let set = try TemplateLoader.load(overrideDirectory: dir)
        let shipped = try shippedSources()
        #expect(set.sources[.checkIn] == mine)
        #expect(set.origins[.checkIn] == dir.appendingPathComponent("check_in.mustache").path)
        for name in TemplateName.allCases where name != .checkIn {
            #expect(set.sources[name] == shipped[name])
        }
        let composer = try DraftComposer(templates: set)
        let draft = try composer.render(Fixtures.request(.checkIn))
        #expect(draft == RenderedDraft(subject: "Checking in, Anna Schmidt", body: "Hello Anna Schmidt.\n"))
        #expect(try composer.render(Fixtures.request(.secondCheckIn)).body.contains("check in once more"))
    }

    @Test func misspeltOverrideFileIsAnError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "x".write(to: dir.appendingPathComponent("thankyou.mustache"), atomically: true, encoding: .utf8)
        #expect { try TemplateLoader.load(overrideDirectory: dir) } throws: { error in
            "\(error)".contains("thankyou.mustache") && "\(error)".contains("thank_you.mustache")
        }
    }

    @Test func templateWithoutTextPragmaIsRejected() throws {
        var sources = try shippedSources()
        sources[.news] = "Subject: News\n\nDear {{contact_name}},\n"
        #expect { try DraftComposer(templates: TemplateSet(sources: sources, origins: [.news: "/t/news.mustache"])) } throws: { error in
            "\(error)".hasPrefix("/t/news.mustache:1:1: must start with {{% CONTENT_TYPE: TEXT}}")
        }
    }

    @Test func mustacheSyntaxErrorNamesFileAndLine() throws {
        var sources = try shippedSources()
        sources[.news] = "{{% CONTENT_TYPE: TEXT}}\nSubject: News\n\n{{#news}}\n{{news}}\n{{/offer}}\n"
        #expect { try DraftComposer(templates: TemplateSet(sources: sources, origins: [.news: "/t/news.mustache"])) } throws: { error in
            guard let error = error as? TemplateError else { return false }
            return error.origin == "/t/news.mustache" && error.line == 6
        }
    }

    @Test func templateWithoutSubjectLineIsRejected() throws {
        var sources = try shippedSources()
        sources[.checkIn] = "{{% CONTENT_TYPE: TEXT}}\nDear {{contact_name}},\n"
        #expect(throws: TemplateError.self) { try DraftComposer(templates: TemplateSet(sources: sources)) }
    }

    @Test func emptyRenderedSubjectIsAnError() throws {
        var sources = try shippedSources()
        sources[.checkIn] = "{{% CONTENT_TYPE: TEXT}}\nSubject: {{offer}}\n\nDear {{contact_name}},\n"
        let composer = try DraftComposer(templates: TemplateSet(sources: sources, origins: [.checkIn: "/t/check_in.mustache"]))
        #expect { try composer.render(Fixtures.request(.checkIn)) } throws: { error in
            "\(error)" == "/t/check_in.mustache: the subject line rendered empty"
        }
    }

    @Test func missingTemplateIsRejected() throws {
        var sources = try shippedSources()
        sources[.competingOffer] = nil
        #expect { try DraftComposer(templates: TemplateSet(sources: sources)) } throws: { error in
            "\(error)".contains("competing_offer.mustache")
        }
    }

    @Test func unknownVariableIsAnErrorNamingFileLineAndTheKnownVariables() throws {
        var sources = try shippedSources()
        sources[.thankYou] = "{{% CONTENT_TYPE: TEXT}}\nSubject: Thanks\n\nDear {{salutation}},\n\nBest regards,\n  {{sigature}}\n"
        #expect { try DraftComposer(templates: TemplateSet(sources: sources, origins: [.thankYou: "/t/thank_you.mustache"])) } throws: { error in
            guard let error = error as? TemplateError else { return false }
            return error.origin == "/t/thank_you.mustache" && error.line == 7 && error.column == 3
                && error.reason.hasPrefix("unknown variable {{sigature}} (did you mean {{signature}}?); the variables are: ")
                && TemplateVariable.names.allSatisfy(error.reason.contains)
        }
    }

    @Test(arguments: ["{{#talking_point}}{{.}}{{/talking_point}}", "{{{company}}} {{& role}}", "{{ contact_name }}",
                      "{{! a comment about {{anything}} }}", "{{^news}}no news{{/news}}"])
    func knownVariablesInEveryTagFormCompile(tag: String) throws {
        var sources = try shippedSources()
        sources[.news] = "{{% CONTENT_TYPE: TEXT}}\nSubject: News\n\n\(tag) {{news}}\n"
        _ = try DraftComposer(templates: TemplateSet(sources: sources))
    }

    @Test(arguments: ["{{#offers}}x{{/offers}}", "{{^ask_feedback}}x{{/ask_feedback}}", "{{{Company}}}", "{{> footer}}"])
    func unknownNamesInAnyTagFormAreRejected(tag: String) throws {
        var sources = try shippedSources()
        sources[.news] = "{{% CONTENT_TYPE: TEXT}}\nSubject: News\n\n\(tag) {{news}}\n"
        #expect { try DraftComposer(templates: TemplateSet(sources: sources)) } throws: { error in
            (error as? TemplateError)?.line == 4
        }
    }

    /// Every documented variable is one the composer fills in: a template using
    /// them all renders none of them empty.
    @Test func everyDocumentedVariableRenders() throws {
        var sources = try shippedSources()
        sources[.rejectionReply] = "{{% CONTENT_TYPE: TEXT}}\nSubject: All\n\n"
            + TemplateVariable.names.map { "\($0)=[{{\($0)}}]" }.joined(separator: "\n") + "\n"
        var request = Fixtures.request(.rejectionReply, offer: "It is remote.", askForFeedback: true)
        request.news = "I passed."
        let body = try DraftComposer(templates: TemplateSet(sources: sources)).render(request).body
        for name in TemplateVariable.names {
            #expect(body.contains("\(name)=[") && !body.contains("\(name)=[]"), "\(name): \(body)")
        }
    }

    @Test func unclosedSectionPointsAtItsOpeningTag() throws {
        var sources = try shippedSources()
        sources[.news] = "{{% CONTENT_TYPE: TEXT}}\nSubject: News\n\nDear {{salutation}},\n\n  {{#news}}{{news}}\n\nBest regards,\n"
        #expect { try DraftComposer(templates: TemplateSet(sources: sources, origins: [.news: "/t/news.mustache"])) } throws: { error in
            "\(error)" == "/t/news.mustache:6:3: section {{#news}} opened here is never closed; close it with {{/news}}"
        }
    }

    @Test func unclosedTagIsAnErrorAtTheTag() throws {
        var sources = try shippedSources()
        sources[.news] = "{{% CONTENT_TYPE: TEXT}}\nSubject: News\n\nDear {{contact_name,\n"
        #expect { try DraftComposer(templates: TemplateSet(sources: sources, origins: [.news: "/t/news.mustache"])) } throws: { error in
            "\(error)" == "/t/news.mustache:4:6: this {{ is never closed with }}"
        }
    }
}

/// The interview round's templates by their kind's name, for short tests.
extension TemplateName {
    static let thankYou = TemplateName(kind: .thankYou, event: .interview)
    static let checkIn = TemplateName(kind: .checkIn, event: .interview)
    static let news = TemplateName(kind: .news, event: .interview)
    static let competingOffer = TemplateName(kind: .competingOffer, event: .interview)
    static let rejectionReply = TemplateName(kind: .rejectionReply, event: .interview)
}

/// The transform call a tag may wrap its name in, read by hand as the
/// regular expression it replaced read it.
@Suite struct TemplateTransformTests {
    @Test func aTransformCallIsUnwrappedAsTheRegularExpressionDid() {
        let cases = ["lowercased(company)", "  capitalized(contact_name) ", "uppercased(lowercased(role))", "company", "(company)",
                     "lower cased(company)", "lowercased(company", "lowercased)company(", "f()", "f(a)(b)", "f(\n)", "\tf(x)\n",
                     "é(x)", "f_1(x.y)", "", " ", "f(x) y"]
        for text in cases {
            let reference = Substring(text).wholeMatch(of: /\s*\w+\((.*)\)\s*/).map { String($0.1) }
            #expect(TemplateCheck.transformArgument(Substring(text)).map(String.init) == reference, "\(text.debugDescription)")
        }
    }

    @Test func aTemplateMayUseATransformOfAKnownVariable() throws {
        let source = "{{% CONTENT_TYPE: TEXT}}\nSubject: Hi\n\nDear {{capitalized(contact_name)}}\n"
        #expect(throws: Never.self) { try TemplateCheck.validate(source, origin: "t.mustache") }
        #expect(throws: TemplateError.self) { try TemplateCheck.validate(source.replacingOccurrences(of: "contact_name", with: "contact_nam"), origin: "t.mustache") }
    }
}
