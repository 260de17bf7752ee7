import MailMessage

/// Domain names as reply matching compares them.
public enum MailDomain {
    /// The domain of an address: after the last `@`, lower case, no trailing dot.
    static func of(_ address: String) -> String {
        let lower = address.lowercased()
        let domain = lower.lastIndex(of: "@").map { String(lower[lower.index(after: $0)...]) } ?? lower
        return domain.trimmingScalars { $0 == "." || $0 == " " || $0 == ">" }
    }

    /// `domain` is `parent` or one of its subdomains. Compared label-wise, so
    /// `mail.acme.com` is in `acme.com` but `notacme.com` and
    /// `acme.com.evil.io` are not.
    static func isWithin(_ domain: String, _ parent: String) -> Bool {
        let domain = of(domain), parent = of(parent)
        guard !parent.isEmpty else { return false }
        return domain == parent || domain.hasSuffix("." + parent)
    }

    /// Providers anyone can get an address at: a sender there says nothing
    /// about the company they work for.
    public static func isFreeMail(_ domain: String) -> Bool {
        let domain = of(domain)
        // The domain or a parent of it, looked up: this runs for every message read.
        var parent = Substring(domain)
        while !parent.isEmpty {
            if freeMailDomains.contains(String(parent)) { return true }
            guard let dot = parent.firstIndex(of: ".") else { break }
            parent = parent[parent.index(after: dot)...]
        }
        // Families registered under many country suffixes: hotmail.co.uk, yahoo.com.br, gmx.at.
        // Only a bare country or generic suffix may follow, so live.acme.com stays a company's.
        let labels = domain.split(separator: ".").map(String.init)
        guard let family = labels.first, freeMailFamilies.contains(family) else { return false }
        let suffix = labels.dropFirst()
        return (1...2).contains(suffix.count) && suffix.allSatisfy { $0.count <= 3 }
    }

    private static let freeMailFamilies: Set<String> = [
        "hotmail", "outlook", "live", "windowslive", "msn", "yahoo", "ymail", "gmx", "yandex",
        "aol", "icloud", "fastmail", "zoho", "protonmail",
    ]

    private static let freeMailDomains: Set<String> = [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
        "passport.com", "windowslive.com", "yahoo.com", "ymail.com", "rocketmail.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "aim.com", "proton.me", "protonmail.com",
        "protonmail.ch", "pm.me", "gmx.com", "gmx.net", "gmx.de", "gmx.at", "gmx.ch", "web.de",
        "t-online.de", "freenet.de", "posteo.de", "posteo.net", "mailbox.org", "mail.ru", "bk.ru",
        "inbox.ru", "list.ru", "yandex.com", "yandex.ru", "ya.ru", "rambler.ru", "zoho.com",
        "zohomail.com", "zohomail.eu", "fastmail.com", "fastmail.fm", "fastmail.net",
        "hey.com", "tutanota.com", "tutanota.de", "tuta.io", "tutamail.com", "hushmail.com",
        "mail.com", "email.com", "usa.com", "post.com", "gmx.us", "inbox.com", "lycos.com",
        "naver.com", "daum.net", "hanmail.net", "qq.com", "163.com", "126.com", "yeah.net",
        "sina.com", "sohu.com", "rediffmail.com", "libero.it", "virgilio.it", "alice.it",
        "tiscali.it", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr",
        "seznam.cz", "wp.pl", "o2.pl", "onet.pl", "interia.pl", "btinternet.com",
        "sky.com", "virginmedia.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net",
        "bellsouth.net", "cox.net", "charter.net", "earthlink.net", "shaw.ca", "rogers.com",
        "sympatico.ca", "bigpond.com", "optusnet.com.au", "xtra.co.nz", "uol.com.br",
        "bol.com.br", "terra.com.br",
    ]
}
