import Foundation

/// Messages the employer's side writes back, as real people and mail
/// systems write them. `inReplyTo` is the bare Message-ID of our message.
enum EmployerMail {
    static func date() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: Date())
    }

    static func messageID() -> String { "<\(UUID().uuidString)@employer.test>" }

    /// A person answers: an invitation to the next round.
    static func invitation(inReplyTo id: String, subject: String) -> String {
        """
        From: Dana Roe <hr@employer.test>
        To: Morgan Lee <candidate@example.test>
        Subject: Re: \(subject)
        Date: \(date())
        Message-ID: \(messageID())
        In-Reply-To: <\(id)>
        References: <\(id)>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        Hi Morgan,

        thank you for your patience. We would like to invite you to a second
        interview with the team next week. Could you let me know your availability?

        Best,
        Dana

        """
    }

    /// A person declines the candidate.
    static func rejection(subject: String) -> String {
        """
        From: Dana Roe <hr@employer.test>
        To: Morgan Lee <candidate@example.test>
        Subject: Your application for the Platform Engineer position
        Date: \(date())
        Message-ID: \(messageID())
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        Dear Morgan,

        thank you for your interest in the Platform Engineer position and for the
        time you spent with us. Unfortunately, we have decided to move forward with
        other candidates whose experience more closely matches our needs.

        We wish you all the best in your search.

        Kind regards,
        Dana Roe

        """
    }

    /// The contact's out-of-office answer to our message.
    static func outOfOffice(inReplyTo id: String, subject: String) -> String {
        """
        From: Dana Roe <hr@employer.test>
        To: Morgan Lee <candidate@example.test>
        Subject: Automatic reply: \(subject)
        Date: \(date())
        Message-ID: \(messageID())
        In-Reply-To: <\(id)>
        References: <\(id)>
        Auto-Submitted: auto-replied
        X-Autoreply: yes
        Precedence: auto_reply
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        Thank you for your message. I am out of the office with limited access
        to email and will respond as soon as possible after my return.

        Dana Roe

        """
    }

    /// A delivery status notification (RFC 3464) for our message to `recipient`,
    /// as Postfix writes one.
    static func bounce(of id: String, subject: String, recipient: String) -> String {
        let boundary = "DSN.\(UUID().uuidString)"
        return """
            From: Mail Delivery System <MAILER-DAEMON@mx.employer.test>
            To: candidate@example.test
            Subject: Undelivered Mail Returned to Sender
            Date: \(date())
            Message-ID: \(messageID())
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="\(boundary)"

            This is a MIME-encapsulated message.

            --\(boundary)
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mx.employer.test.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            <\(recipient)>: host mx.employer.test[192.0.2.25] said: 550 5.1.1
                <\(recipient)>: Recipient address rejected: User unknown in virtual mailbox
                table (in reply to RCPT TO command)

            --\(boundary)
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.employer.test
            Arrival-Date: \(date())

            Final-Recipient: rfc822; \(recipient)
            Original-Recipient: rfc822;\(recipient)
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.employer.test
            Diagnostic-Code: smtp; 550 5.1.1 <\(recipient)>: Recipient address rejected:
                User unknown in virtual mailbox table

            --\(boundary)
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            From: Morgan Lee <candidate@example.test>
            To: Dana Roe <\(recipient)>
            Subject: \(subject)
            Message-ID: <\(id)>

            --\(boundary)--

            """
    }
}
