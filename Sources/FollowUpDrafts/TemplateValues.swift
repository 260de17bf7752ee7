import FollowUpCore
import Foundation

/// The variables a template sees, built from a request. Optional texts are
/// left out when empty so their sections vanish instead of leaving a
/// half-sentence behind.
enum TemplateValues {
    static func of(_ request: DraftRequest) throws -> [String: Any] {
        guard let zone = TimeZone(identifier: request.application.timeZone) else {
            throw DraftRequestError(reason: "unknown time zone \"\(request.application.timeZone)\"")
        }
        let event = request.event
        var values: [TemplateVariable: Any] = [
            .salutation: Salutation.of(request.contact.name),
            .contactName: SubjectPrefix.oneLine(request.contact.name),
            .role: SubjectPrefix.oneLine(request.application.role),
            .company: SubjectPrefix.oneLine(request.application.company),
            .eventName: EventWording.name(event.kind),
            .eventWhen: EventWording.when(event.start, due: request.due, zone: zone),
            .eventWhere: EventWording.place(event.kind),
            .eventDay: EventWording.format(event.start, "EEEE", zone),
            .eventDate: EventWording.format(event.start, "MMMM d", zone),
            .interview: event.kind == .interview,
            .jobFair: event.kind == .jobFair,
            .networking: event.kind == .networking,
            .askForFeedback: request.askForFeedback,
            .senderName: request.sender.name,
            .signature: request.sender.signatureBlock,
        ]
        if let points = talkingPoints(request.talkingPoints) { values[.talkingPoint] = points }
        if let news = sentences(request.news) { values[.news] = news }
        if let offer = sentences(request.offer) { values[.offer] = offer }
        if request.kind == .news && values[.news] == nil {
            throw DraftRequestError(reason: "a news draft needs the news: what is new (a certification, a publication, a skill)")
        }
        return Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })
    }

    /// The first two talking points as one phrase: "X" or "X and Y"; more
    /// would turn a thank-you into a list.
    static func talkingPoints(_ points: [String]) -> String? {
        let phrases = points.compactMap(phrase).prefix(2)
        return phrases.isEmpty ? nil : phrases.joined(separator: " and ")
    }

    /// A phrase that the template ends with its own full stop.
    static func phrase(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = SubjectPrefix.oneLine(text).trimmingCharacters(in: CharacterSet(charactersIn: ".!?;:, "))
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whole sentences on one line, the first capitalised, ending with a full
    /// stop unless they already end a sentence: "i passed the exam" → "I passed the exam.".
    static func sentences(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = SubjectPrefix.oneLine(text)
        guard let first = trimmed.first else { return nil }
        let capitalised = first.uppercased() + trimmed.dropFirst()
        return [".", "!", "?"].contains(capitalised.last.map(String.init) ?? "") ? capitalised : capitalised + "."
    }
}
