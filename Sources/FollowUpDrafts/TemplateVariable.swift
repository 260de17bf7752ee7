/// The variables a template may use. Anything else is refused when the
/// templates are compiled (`DraftComposer.init`), so a misspelt `{{sigature}}`
/// is an error naming its file and line instead of rendering as nothing.
public enum TemplateVariable: String, CaseIterable, Hashable, Sendable {
    /// What follows "Dear": the first given name ("Dana" for Dana Roe), or a
    /// title and the last name ("Dr. Okafor" for Dr. Ana Okafor).
    case salutation
    /// The contact's name as recorded ("Dana Roe").
    case contactName = "contact_name"
    case role
    case company
    /// "interview", "job fair", "networking event".
    case eventName = "event_name"
    /// The day of the event as the message can say it: "on Tuesday" while the
    /// message goes out within 6 days of it, otherwise "on January 12".
    case eventWhen = "event_when"
    /// Where the conversation was: "during the interview", "at the job fair",
    /// "during our conversation".
    case eventWhere = "event_where"
    /// "Tuesday": wrong once a week has passed; templates should use `event_when`.
    case eventDay = "event_day"
    /// "January 12".
    case eventDate = "event_date"
    /// Sections present only for their kind of event.
    case interview
    case jobFair = "job_fair"
    case networking
    /// A phrase that follows "our conversation about …": up to two recorded
    /// talking points joined with "and". A section: absent when none was recorded.
    case talkingPoint = "talking_point"
    /// The user's news, as whole sentences. A section.
    case news
    /// The user's words about a competing offer, as whole sentences. A section.
    case offer
    /// A section: present when the rejection reply should ask for feedback.
    case askForFeedback = "ask_for_feedback"
    case senderName = "sender_name"
    /// The closing lines under "Best regards,".
    case signature

    /// Every variable's name, sorted: what an error about an unknown one lists.
    public static var names: [String] { allCases.map(\.rawValue).sorted() }
}
