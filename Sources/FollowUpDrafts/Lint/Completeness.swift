import FollowUpCore

/// The whole-draft rules: concise (word limits, the second check-in shorter
/// than the first), personal (name, role, company, talking point), grateful,
/// and a polite call to action in check-ins.
enum Completeness {
    static func findings(body: String, context: LintContext) -> [Finding] {
        let folded = WordTokenizer.words(in: body).map(\.folded)
        var findings = length(body: body, context: context)
        if !mentionsContact(context.contactName, in: folded) {
            findings.append(Finding(kind: .missingContactName,
                                    message: "address \(context.contactName) by name", range: nil))
        }
        if !Wording.contains(context.role, in: folded) {
            findings.append(Finding(kind: .missingRole, message: "name the role: \(context.role)", range: nil))
        }
        if !Wording.contains(context.company, in: folded) {
            findings.append(Finding(kind: .missingCompany, message: "name the company: \(context.company)", range: nil))
        }
        let points = context.talkingPoints.filter { !WordTokenizer.words(in: $0).isEmpty }
        if context.kind == .thankYou, !points.isEmpty, !points.contains(where: { mentionsTalkingPoint($0, in: folded) }) {
            let listed = points.map { "\"\($0)\"" }.joined(separator: " or ")
            findings.append(Finding(kind: .missingTalkingPoint,
                                    message: "mention what you talked about: \(listed)", range: nil))
        }
        if !folded.contains(where: isGratitude) {
            findings.append(Finding(kind: .missingGratitude,
                                    message: "thank them (for their time, the conversation, their consideration)", range: nil))
        }
        if context.kind.checkInSlot != nil,
           !callToAction.contains(where: { Wording.contains($0, in: folded) }) {
            findings.append(Finding(kind: .missingCallToAction,
                                    message: "ask politely about the next steps or the timeline", range: nil))
        }
        return findings
    }

    private static func length(body: String, context: LintContext) -> [Finding] {
        let counted = Lint.countedWords(in: body)
        let limit = context.kind.wordLimit
        var findings: [Finding] = []
        if counted.count > limit {
            findings.append(Finding(kind: .tooLong,
                                    message: "\(counted.count) words; a \(context.kind.rawValue) has at most \(limit) (word \(limit + 1) is here)",
                                    range: counted[limit]))
        }
        if context.kind == .secondCheckIn, let first = context.sentCheckInBody {
            let firstCount = Lint.wordCount(first)
            if counted.count >= firstCount {
                findings.append(Finding(kind: .notShorterThanCheckIn,
                                        message: "\(counted.count) words; keep it shorter than the check-in you sent (\(firstCount) words)",
                                        range: nil))
            }
        }
        return findings
    }

    /// Any word of the name but a title will do, so the salutation ("Dear
    /// José", "Dear Dr. Okafor"), the full name and "Dear Ms. Müller" all
    /// address José Müller or Dr. Ana Okafor; "Dear Dr.," alone does not.
    private static func mentionsContact(_ name: String, in folded: [String]) -> Bool {
        let parts = WordTokenizer.words(in: name)
            .filter { Salutation.title($0.text) == nil }
            .map(\.folded).filter { $0.count >= 2 }
        return parts.isEmpty || parts.contains { folded.contains($0) }
    }

    /// At least half of the talking point's content words (4+ letters, not
    /// filler), so a rephrased mention counts but a missing one does not.
    private static func mentionsTalkingPoint(_ point: String, in folded: [String]) -> Bool {
        let words = WordTokenizer.words(in: point).map(\.folded)
        let content = words.filter { $0.count >= 4 && !filler.contains($0) }
        guard !content.isEmpty else { return Wording.contains(point, in: folded) }
        let present = Set(folded)
        let found = content.filter { present.contains($0) }.count
        return found * 2 >= content.count
    }

    private static let filler: Set<String> = ["about", "your", "their", "with", "from", "that", "this", "have", "were", "what", "which", "into"]

    private static func isGratitude(_ word: String) -> Bool {
        word.hasPrefix("thank") || word.hasPrefix("appreciat") || word.hasPrefix("grateful") || word == "gratitude"
    }

    /// Asking about next steps or the timeline (001, 003 "ask about the timeline", 004 "Call to Action").
    private static let callToAction = ["next step", "next steps", "timeline", "timing", "an update", "any update",
                                       "hear from you", "hearing from you", "hear back", "hearing back",
                                       "the status", "where things stand", "your decision"]
}
