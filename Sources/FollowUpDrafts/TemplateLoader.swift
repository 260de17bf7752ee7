import Foundation

/// Reads the templates: the shipped ones (compiled in from `config/templates`,
/// so an installed binary needs no files beside it), each replaced by the
/// user's file of the same name when the override directory has one. The
/// only file I/O of this module; `DraftComposer` works on the strings it returns.
public enum TemplateLoader {
    /// The shipped templates, by name.
    public static var shipped: TemplateSet {
        var set = TemplateSet(sources: [:])
        for name in TemplateName.allCases {
            set.sources[name] = ShippedTemplates.sources[name.rawValue]
            set.origins[name] = "shipped \(name.fileName)"
        }
        return set
    }

    /// Every template, from `overrideDirectory/<name>.mustache` when that file
    /// exists, otherwise the shipped one. A `.mustache` file in the override
    /// directory that names no template is an error (a misspelt file name
    /// would otherwise be ignored silently); other files are ignored.
    public static func load(overrideDirectory: URL? = nil) throws -> TemplateSet {
        var set = shipped
        guard let overrideDirectory else { return set }
        try rejectUnknownFiles(in: overrideDirectory)
        for name in TemplateName.allCases {
            let file = overrideDirectory.appendingPathComponent(name.fileName)
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            do {
                set.sources[name] = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw TemplateError(origin: file.path, reason: "cannot be read as UTF-8 text")
            }
            set.origins[name] = file.path
        }
        return set
    }

    private static func rejectUnknownFiles(in directory: URL) throws {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw TemplateError(origin: directory.path, reason: "template directory cannot be read")
        }
        let known = Set(TemplateName.allCases.map(\.fileName))
        for entry in entries.sorted() where entry.hasSuffix(".mustache") && !known.contains(entry) {
            let expected = TemplateName.allCases.map(\.fileName).joined(separator: ", ")
            throw TemplateError(origin: directory.appendingPathComponent(entry).path,
                                reason: "no template has this name; expected one of \(expected)")
        }
    }
}
