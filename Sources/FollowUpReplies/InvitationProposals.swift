import Foundation
import FollowUpCore
import MailMessage

/// What an invitation no application knows does: it proposes an interview
/// for the user to accept, or withdraws one it proposed. Pure.
public enum ProposalEffect: Hashable, Sendable {
    case propose(Proposal)
    /// A cancellation: a proposal with this UID is withdrawn.
    case withdraw(uid: String)
}

extension ReplyContext {
    /// An invitation from someone no application knows that looks like an
    /// interview (its words, or a scheduling system sent it). Not the user's
    /// own, not a reply to one, not a standing meeting, not a colleague's,
    /// not one whose interview is more than a week past at `now`. The caller
    /// has found no application for it and no bulk mail in it.
    public func proposalEffect(of message: IncomingMessage, fallbackZone: TimeZone, now: Date) -> ProposalEffect? {
        guard let invitation = message.invitation, invitation.isComplete, let uid = invitation.uid, !uid.isEmpty,
              event(withInvitation: uid) == nil,
              !(invitation.organizer.map { isUser($0.address) } ?? false) else { return nil }
        if invitation.method == "CANCEL" || invitation.status == "CANCELLED" { return .withdraw(uid: uid) }
        let scheduler = [message.from, invitation.organizer].compactMap { relays.system(sending: $0) }
            .first { ($0.kind == .scheduling || $0.kind == .applicantTracking) && !$0.carriesAnyMeeting }
        // A webinar is published to many; only a scheduling system's own calendar file may be too.
        guard invitation.method == "REQUEST" || (scheduler != nil && [nil, "PUBLISH"].contains(invitation.method)),
              !invitation.recurring, invitation.recurrenceID == nil else { return nil }
        // A mailing list's invitation (a hiring event, a webinar) is for many.
        guard scheduler != nil || message.bulkHeaders.isEmpty else { return nil }
        guard invitation.attendees.isEmpty || invitation.attendees.contains(where: { isUser($0.address) }) else { return nil }
        guard let start = invitation.start, !start.isAllDay,
              let (startInstant, end) = invitation.meetingTimes(fallback: fallbackZone),
              end.addingTimeInterval(Proposal.keptAfterEnd) > now else { return nil }
        let guess = InvitationGuess(invitation, user: userAddresses, relays: relays)
        guard let contact = guess.contact, !isColleague(contact) else { return nil }
        let words = PlainWords.normalize([invitation.summary, invitation.description].compactMap { $0?.prefix(4096) }
            .joined(separator: "\n"))
        let evidence: String
        if let found = InvitationGuess.interviewWords.matches(in: words).first?.capture(0, in: words) {
            evidence = "it says \u{201C}\(found)\u{201D}"
        } else if let scheduler {
            evidence = "\(scheduler.name) sent it"
        } else {
            return nil
        }
        return .propose(Proposal(uid: uid, sequence: invitation.sequence, summary: Self.oneLine(invitation.summary ?? message.subject),
                                 start: startInstant, end: end, timeZone: start.ianaZone.flatMap { $0 == "UTC" ? nil : $0 },
                                 location: invitation.location.map(Self.oneLine), contactName: contact.name.map(Self.oneLine),
                                 contactEmail: contact.address, company: guess.company.map(Self.oneLine),
                                 role: guess.role.map(Self.oneLine), evidence: evidence, receivedAt: message.internalDate))
    }

    /// A stranger's text, as one short line: it reaches a notice, a terminal and a phone's lock screen.
    /// Controls become spaces; format characters (bidi overrides, zero-width ones) that could make it
    /// read as something else are dropped.
    static func oneLine(_ text: String) -> String {
        let visible = text.prefix(1000).unicodeScalars.filter { $0.properties.generalCategory != .format }
            .map { $0.isControlCharacter ? " " : $0 }
        let flat = String(String.UnicodeScalarView(visible))
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return flat.count <= 160 ? flat : String(flat.prefix(159)) + "\u{2026}"
    }

    /// Someone at the user's own company (not a free-mail provider's): a meeting, not an interview.
    private func isColleague(_ address: MailAddress) -> Bool {
        userAddresses.contains { mine in
            let domain = MailDomain.of(mine)
            return !MailDomain.isFreeMail(domain) && MailDomain.isWithin(address.domain, domain)
        }
    }
}
