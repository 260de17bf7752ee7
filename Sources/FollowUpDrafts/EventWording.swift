import FollowUpCore
import Foundation

/// How a message names the event it follows up on.
enum EventWording {
    /// "on Tuesday" while the message goes out within 6 days of the event (the
    /// weekday is then unambiguous), otherwise "on January 12". Without a due
    /// time the date, which is never wrong.
    static func when(_ event: Date, due: Date?, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        if let due,
           let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: event),
                                              to: calendar.startOfDay(for: due)).day,
           (0...6).contains(days) {
            return "on " + format(event, "EEEE", zone)
        }
        return "on " + format(event, "MMMM d", zone)
    }

    /// Where the conversation took place, as a phrase that ends a clause.
    static func place(_ kind: EventKind) -> String {
        switch kind {
        case .interview: return "during the interview"
        case .jobFair: return "at the job fair"
        case .networking: return "during our conversation"
        }
    }

    static func name(_ kind: EventKind) -> String {
        switch kind {
        case .interview: return "interview"
        case .jobFair: return "job fair"
        case .networking: return "networking event"
        }
    }

    static func format(_ date: Date, _ pattern: String, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
