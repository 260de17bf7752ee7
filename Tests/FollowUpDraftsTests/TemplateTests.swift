import FollowUpCore
import FollowUpDrafts
import Foundation
import Testing

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
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
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
        sources[.checkIn] = "{{% CONTENT_TYPE: TEXT}}\nSubject: {{no_such_value}}\n\nDear {{contact_name}},\n"
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
}
