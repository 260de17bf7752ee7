/// The language a text is written in, told by its commonest short words:
/// enough to read "03.12." and "12/03/2026" the way its writer meant.
enum TextLanguage: String, CaseIterable {
    case english, german, french, spanish, dutch, italian

    static func of(_ text: String) -> TextLanguage {
        let words = PlainWords.normalize(text).split(whereSeparator: { !$0.isLetter && $0 != "'" })
        var counts: [TextLanguage: Int] = [:]
        for word in words.prefix(400) {
            for language in allCases where language.markers.contains(String(word)) { counts[language, default: 0] += 1 }
        }
        // English wins ties: it is the language the product reads most.
        return allCases.max { (counts[$0] ?? 0, $0 == .english ? 1 : 0) < (counts[$1] ?? 0, $1 == .english ? 1 : 0) } ?? .english
    }

    private var markers: Set<String> {
        switch self {
        case .english: ["the", "and", "i", "you", "is", "will", "be", "to", "of", "my", "on", "until", "with"]
        case .german: ["der", "die", "das", "und", "ich", "nicht", "sie", "bin", "ist", "mit", "bis", "ihre", "ab", "wieder", "im"]
        case .french: ["je", "le", "la", "les", "et", "vous", "nous", "est", "pour", "suis", "serai", "du", "des", "au"]
        case .spanish: ["el", "los", "las", "y", "que", "estoy", "usted", "hasta", "con", "para", "del"]
        case .dutch: ["ik", "het", "een", "niet", "ben", "tot", "en", "van", "met", "weer"]
        case .italian: ["il", "sono", "non", "della", "fino", "sarò", "per", "che", "di"]
        }
    }
}

/// Which number of `03/12/2026` is the day.
enum NumericDateOrder: Equatable {
    case monthFirst, dayFirst
    /// Neither the language nor the country decides: both readings stand, and
    /// the later is taken (no follow-up before either).
    case either

    /// English as written in the US is month first, in Canada either; every
    /// other language, and English elsewhere, day first.
    init(language: TextLanguage, timeZone: String) {
        guard language == .english else {
            self = .dayFirst
            return
        }
        if Self.usZones.contains(where: { timeZone == $0 || timeZone.hasPrefix($0 + "/") }) || timeZone.hasPrefix("US/") {
            self = .monthFirst
        } else if Self.canadianZones.contains(timeZone) || timeZone.hasPrefix("Canada/") {
            self = .either
        } else {
            self = .dayFirst
        }
    }

    /// The zones of tzdata's zone1970.tab for the US (and the Philippines, which writes month first too).
    private static let usZones = [
        "America/New_York", "America/Detroit", "America/Kentucky", "America/Indiana", "America/Chicago",
        "America/Menominee", "America/North_Dakota", "America/Denver", "America/Boise", "America/Phoenix",
        "America/Los_Angeles", "America/Anchorage", "America/Juneau", "America/Sitka", "America/Metlakatla",
        "America/Yakutat", "America/Nome", "America/Adak", "Pacific/Honolulu", "America/Puerto_Rico", "Asia/Manila",
    ]
    private static let canadianZones: Set<String> = [
        "America/St_Johns", "America/Halifax", "America/Glace_Bay", "America/Moncton", "America/Goose_Bay",
        "America/Toronto", "America/Montreal", "America/Iqaluit", "America/Winnipeg", "America/Resolute",
        "America/Rankin_Inlet", "America/Regina", "America/Swift_Current", "America/Edmonton", "America/Cambridge_Bay",
        "America/Inuvik", "America/Creston", "America/Dawson_Creek", "America/Fort_Nelson", "America/Whitehorse",
        "America/Dawson", "America/Vancouver", "America/Yellowknife", "America/Nipigon", "America/Thunder_Bay",
        "America/Rainy_River", "America/Atikokan", "America/Blanc-Sablon",
    ]
}
