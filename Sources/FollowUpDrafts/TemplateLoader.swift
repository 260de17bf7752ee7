import Foundation

/// Reads the templates: the shipped ones (package resources, also visible in
/// the repository as `config/templates`), each replaced by the user's file of
/// the same name when the override directory has one. The only file I/O of
/// this module; `DraftComposer` works on the strings it returns.
public enum TemplateLoader {
    /// The folder of the shipped templates inside the resource bundle.
    public static var shippedDirectory: URL? {
        Bundle.module.url(forResource: "Templates", withExtension: nil)
    }

    /// Every template, from `overrideDirectory/<name>.mustache` when that file
    /// exists, otherwise the shipped one. A `.mustache` file in the override
    /// directory that names no template is an error (a misspelt file name
    /// would otherwise be ignored silently); other files are ignored.
    public static func load(overrideDirectory: URL? = nil) throws -> TemplateSet {
        guard let shipped = shippedDirectory else {
            throw TemplateError(origin: "shipped templates", reason: "resource folder Templates is missing from the bundle")
        }
        if let overrideDirectory {
            try rejectUnknownFiles(in: overrideDirectory)
        }
        var set = TemplateSet(sources: [:])
        for name in TemplateName.allCases {
            let candidates = [overrideDirectory, shipped].compactMap { $0?.appendingPathComponent(name.fileName) }
            guard let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
                throw TemplateError(origin: shipped.appendingPathComponent(name.fileName).path, reason: "shipped template is missing")
            }
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
