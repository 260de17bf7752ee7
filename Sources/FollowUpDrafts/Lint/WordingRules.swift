import FollowUpCore

/// Words and phrases a draft must not use (POLICY "Never pushy, desperate,
/// informal or an ultimatum"), from the seed articles' "don't" lists: 001
/// "desperate or pushy", 002 "demanding immediate feedback", 003 "Don't"
/// ("final response today", "last opportunity", "immediately"), 004 "Lack of
/// Professionalism" (casual language). Matched as whole words, case-insensitive.
struct WordingRule: Sendable {
    let phrase: [String]
    let kind: LintProblem.Kind
    let advice: String

    init(_ phrase: String, _ kind: LintProblem.Kind, _ advice: String) {
        self.phrase = WordTokenizer.words(in: phrase).map(\.folded)
        self.kind = kind
        self.advice = advice
    }

    private static let pushyAdvice = "sounds pushy; ask politely about the timeline instead"
    private static let desperateAdvice = "sounds desperate; keep the tone confident and positive"
    private static let informalAdvice = "is too informal for a message to an employer"
    private static let ultimatumAdvice = "reads as an ultimatum; never set the employer a deadline"

    static let everywhere: [WordingRule] =
        ["asap", "a.s.a.p", "immediately", "immediate response", "immediate answer", "urgent", "urgently",
         "as soon as possible", "need an answer", "need a response", "need your answer",
         "need to hear back", "final response today", "response today", "answer today",
         "per my last email", "per my previous email", "as i said before", "still waiting",
         "why haven't", "why have you not", "i demand", "i expect an answer",
         "i expect a response"].map { WordingRule($0, .pushy, pushyAdvice) }
        + ["desperate", "desperately", "begging", "i beg", "need this job", "really need this",
           "please please"].map { WordingRule($0, .desperate, desperateAdvice) }
        + ["hey", "hiya", "howdy", "gonna", "wanna", "gotta", "kinda", "sorta", "yeah", "yep", "nope",
           "lol", "btw", "thx", "pls", "plz", "omg", "dude", "cuz", "no worries"]
            .map { WordingRule($0, .informal, informalAdvice) }
        + ["last chance", "last opportunity", "final chance", "final offer", "or else",
           "take it or leave it", "if i don't hear", "if i do not hear", "unless i hear",
           "by end of day", "by the end of the day", "end of day", "eod", "within 24 hours",
           "within 48 hours", "today is your"].map { WordingRule($0, .ultimatum, ultimatumAdvice) }

    /// A competing-offer message says an offer exists and nothing about when
    /// the employer must answer (003 "Don't: ultimatum", POLICY exceptions).
    static let competingOffer: [WordingRule] =
        ["deadline", "respond by", "reply by", "answer by", "decide by", "decision by", "hear back by",
         "hear from you by", "let them know by", "accept by", "expires", "expire", "expiring",
         "time sensitive", "before i accept", "have to accept", "as quickly as possible"]
            .map { WordingRule($0, .ultimatum, "puts a deadline on the employer; say only that the offer exists") }

    static func rules(for kind: MessageKind) -> [WordingRule] {
        kind == .competingOffer ? everywhere + competingOffer : everywhere
    }
}
