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
        var values: [String: Any] = [
            "contact_name": SubjectLine.oneLine(request.contact.name),
            "role": SubjectLine.oneLine(request.application.role),
            "company": SubjectLine.oneLine(request.application.company),
            "event_name": eventName(request.event.kind),
            "event_day": format(request.event.start, "EEEE", zone),
            "event_date": format(request.event.start, "MMMM d", zone),
            "ask_for_feedback": request.askForFeedback,
            "sender_name": request.sender.name,
            "signature": request.sender.signatureBlock,
        ]
        if let point = phrase(request.talkingPoint) { values["talking_point"] = point }
        if let news = sentences(request.news) { values["news"] = news }
        if let offer = sentences(request.offer) { values["offer"] = offer }
        if request.kind == .news && values["news"] == nil {
            throw DraftRequestError(reason: "a news draft needs the news: what is new (a certification, a publication, a skill)")
        }
        return values
    }

    private static func eventName(_ kind: EventKind) -> String {
        switch kind {
        case .interview: return "interview"
        case .jobFair: return "job fair"
        case .networking: return "networking event"
        }
    }

    private static func format(_ date: Date, _ pattern: String, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }

    /// A phrase that the template ends with its own full stop.
    static func phrase(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = SubjectLine.oneLine(text).trimmingCharacters(in: CharacterSet(charactersIn: ".!?;:, "))
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whole sentences: ends with a full stop unless it already ends a sentence.
    static func sentences(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        return [".", "!", "?"].contains(trimmed.last.map(String.init) ?? "") ? trimmed : trimmed + "."
    }
}
