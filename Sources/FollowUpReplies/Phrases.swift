/// The wording of employers' replies, in English with a little German and
/// French. Matched against normalized sentences (lower case, straight quotes).
enum Phrases {
    static let rejection: [Pattern] = [
        // move forward / proceed with other candidates, someone else, a different direction
        Pattern(#"\b(?:move|moving|moved|proceed|proceeding|progress|progressing|continue|continuing|go|going|gone|went|pursue|pursuing)(?: forward| ahead)? with (?:(?:an?other|other|different|a different|some other|the other|more (?:qualified|suitable|experienced|senior)) (?:[a-z-]+ )?(?:candidates?|applicants?|profiles?|individuals?|persons?|people|finalists?)|someone else|(?:a |the )?(?:candidates?|applicants?) (?:who|whose|that))\b"#),
        Pattern(#"\bpursu(?:e|ing) (?:other|another|different) (?:[a-z-]+ )?(?:candidates?|applicants?)\b"#),
        Pattern(#"\b(?:go|going|went|move|moving) in a different direction\b"#),
        // will not be moving forward / not proceed with your application
        Pattern(#"(?:\bnot|n't|\bno longer|\bunable to|\bnot able to)(?: be)? (?:moving|move) (?:forward|ahead)\b"#),
        Pattern(#"(?:\bnot|n't|\bno longer|\bunable to|\bnot able to)(?: be)? (?:proceeding|proceed|progressing|progress|advancing|advance|continuing|continue|taking|take|pursuing|pursue|considering|consider|inviting|invite)(?: forward| ahead| further)? (?:with )?(?:(?:your|you|the|this|an?|our) )?(?:[a-z]+ )?(?:application|candidacy|candidature|profile|cv|resume|further|to (?:the )?next)\b"#),
        Pattern(#"\bdecided not to (?:proceed|progress|move|continue|advance|pursue|offer|invite|take|extend|hire|go)\b"#),
        // the position has been filled
        Pattern(#"\b(?:position|role|vacancy|job|opening|post|requisition)s? (?:has|have|was|were|is|had)(?: now| already)?(?: been)? (?:filled|closed|cancell?ed|withdrawn|eliminated)\b"#),
        Pattern(#"\b(?:filled|closed) (?:the|this) (?:position|role|vacancy|opening)\b"#),
        Pattern(#"\b(?:position|role|vacancy|opening) is no longer (?:available|open)\b|\bno longer (?:hiring|recruiting) for\b"#),
        // regret to inform
        Pattern(#"\b(?:regret to (?:inform|advise|tell|let)|we regret that|with regret)\b"#),
        // not selected / unsuccessful
        // passive only: "we have not chosen another candidate" is no rejection
        Pattern(#"(?:\bnot|n't)(?: been)? (?:selected|successful|shortlisted|chosen)\b(?! (?:yet|anyone|anybody|someone|an?|any|the|another|other|between|who)\b)"#),
        Pattern(#"\b(?:application|candidacy|interview)s? (?:was|were|has been|have been|is) unsuccessful\b|\bunsuccessful (?:on this occasion|this time|at this time)\b"#),
        // unable to offer
        Pattern(#"\b(?:unable|not able|cannot|can't|could not|couldn't|won't be able|will not be able|not in a position) to (?:offer|extend|progress|proceed|move forward|continue|advance|invite|make (?:you )?an offer)\b"#),
        Pattern(#"(?:\bnot|n't)(?: be)? (?:offering|extending) (?:you )?(?:an? |the )?(?:offer|position|role|job)\b"#),
        Pattern(#"\b(?:cannot|can't|could not|couldn't|won't|will not|are not able to|aren't able to) (?:offer you|extend (?:you )?(?:an? |the )?offer|make (?:you )?(?:an? )?offer)\b"#),
        // went with someone else
        Pattern(#"\b(?:hired|selected|chosen|chose|went with|gone with|decided on|offered the (?:position|role|job) to|given the (?:position|role|job) to) (?:an?other|a different|an internal|someone else|other)\b|\binternal candidate\b"#),
        Pattern(#"\bnot (?:the |a )?(?:right|best|good|strong|suitable|ideal|close)(?:est)? (?:fit|match)\b"#),
        // the usual closing of a rejection
        Pattern(#"\b(?:keep|retain|hold) your (?:resume|cv|details|information|profile|application) on file\b"#),
        Pattern(#"\bwish you (?:the best|all the best|every success|luck|good luck|success|well)(?: of luck)? (?:in|with|on) (?:your|the) (?:job |career )?(?:search|future|career|endeavou?rs|next)\b"#),
        Pattern(#"\bencourage you to (?:re-?apply|apply (?:again|for (?:other|future)))\b"#),
        // German, French
        Pattern(#"\b(?:für|zugunsten) (?:eine[nrs]?|andere[nrs]?) (?:[a-zäöüß]+ )?(?:kandidat|bewerber)|\bnicht (?:weiter )?berücksichtig|\banderweitig (?:besetzt|vergeben)|\babsage\b"#),
        Pattern(#"\bne (?:[a-z]+ )?(?:pas )?donner (?:une )?suite|\ble regret de vous (?:informer|annoncer)|\bpas (?:été )?retenue?\b|\b(?:un |d')autres? candidat"#),
    ]

    static let nextStep: [Pattern] = [
        // an invitation
        Pattern(#"\binvit(?:e|ing|ation)(?: you)? (?:to|for) (?:a |an |the |our )?(?:[a-z-]+ ){0,2}(?:interviews?|rounds?|stages?|conversations?|calls?|meetings?|chats?|visits?|onsite|on-site|assessments?|sessions?|discussions?)\b|\b(?:interview|onsite) invitation\b"#),
        Pattern(#"\b(?:like|love|want|keen|happy|pleased|excited|delighted|glad) to (?:invite|schedule|set up|arrange|book|organi[sz]e|move you|advance you|progress you|have you (?:back|in|come|meet|speak|talk)|meet you|speak with you again|offer you|extend (?:you )?(?:an? |the )?(?:[a-z]+ )?offer|make you an offer|move forward with you|proceed with you|continue with you|take (?:things|this|your application) (?:forward|further))\b"#),
        Pattern(#"\b(?:move|moving|advance|advancing|progress|progressing) you (?:forward|to|on|through|along)\b"#),
        Pattern(#"\byou(?:'ve| have) (?:been )?(?:selected|shortlisted|chosen|advanced|progressed) (?:for|to)\b"#),
        // an offer
        Pattern(#"\b(?:offer letter|formal offer|verbal offer|written offer|offer of employment|job offer|employment offer|offer package)\b"#),
        Pattern(#"\b(?:pleased|happy|delighted|excited|thrilled|glad) to (?:offer|extend|make|present) (?:you )?(?:an? |the |our )?(?:[a-z]+ )?(?:offer|position|role|job)\b|\bcongratulations\b"#),
        // scheduling
        Pattern(#"\binterview confirmation\b|\b(?:confirm|confirming|confirmed|confirmation of) (?:your |the |our )?(?:next |final |second |third |technical |onsite |on-site |panel )?(?:interview|onsite|on-site|meeting)\b|\b(?:interview|onsite|on-site)s? (?:is |has been |was )?(?:confirmed|scheduled|booked)\b"#),
        Pattern(#"\b(?:your|share your|send (?:me|us) your|let (?:me|us) know your) availability\b|\bwhat (?:times?|days?|dates?) (?:work|would work|suits?)\b|\b(?:are|would) you (?:be )?available\b"#),
        Pattern(#"\b(?:select|choose|pick|book|grab) (?:a |an |your )?(?:time|slot|time slot)\b|\bcalendly\b|\bscheduling link\b"#),
        // documents, references, assessments
        Pattern(#"\b(?:send|provide|share|forward|submit|upload)(?: us| me)? (?:(?:your|a|the|two|three|some|a few|any|copies of|a copy of) )*(?:professional )?(?:references?|referees?|reference contacts?|transcripts?|portfolio|work samples?|writing samples?|code samples?|diplomas?|degree certificates?|certificates?|identification|passport|proof of [a-z]+|right[- ]to[- ]work|salary expectations|documents?|paperwork)\b"#),
        Pattern(#"\b(?:reference|background) checks?\b|\b(?:contact details|details) (?:of|for) (?:two|three|[0-9]|your) (?:references|referees)\b"#),
        Pattern(#"\b(?:take-home|take home|coding|technical) (?:assignment|exercise|test|challenge|assessment|task)\b|\bcomplete (?:the|a|an|our) (?:[a-z-]+ )?(?:assessment|assignment|questionnaire|exercise)\b"#),
        // German, French
        Pattern(#"\beinladen|\beinladung zu|\bvorstellungsgespräch|\bvous inviter|\bentretien\b"#),
    ]

    /// A call or a chat offered to share feedback: what follows a rejection, not a next step.
    static let feedbackOnly = Pattern(#"\b(?:share|give|provide|discuss|offer|walk you through|go over) (?:some |more |detailed |our |the |my )?feedback\b|\bfeedback (?:call|session|conversation|chat|meeting)\b"#)

    static let needMoreTime: [Pattern] = [
        Pattern(#"\b(?:need|needs|needed|require|requires|take|taking|takes|took) (?:a (?:bit|little) |some |slightly )?(?:more|longer|extra|additional) (?:time|days|weeks)\b|\b(?:need|needs|take|taking|takes|took) (?:a (?:bit|little) |slightly )?longer\b"#),
        Pattern(#"\bstill (?:interviewing|reviewing|evaluating|assessing|considering|meeting|finali[sz]ing|working|deciding|discussing|waiting|gathering|collecting|speaking|in the (?:middle|process))\b"#),
        Pattern(#"\b(?:haven't|have not|has not|hasn't|had not|not yet|yet to) (?:made|make|reached|reach|come to|finali[sz]ed|finali[sz]e)(?: a| our| any| the)?(?: final)? decision\b|\bno (?:final )?decision (?:has been|have been|was|yet|so far)\b"#),
        Pattern(#"\b(?:process|timeline|decision|hiring|review)(?: process)? (?:has been |is |was )?(?:delayed|postponed|pushed (?:back|out)|on hold|extended|taking longer)\b"#),
        Pattern(#"\b(?:get|be|come|circle) back to you (?:by|on|within|in|next|early|later|before|after|at the end|once|when|as soon)\b|\bupdate you (?:by|on|within|next|early|later|soon|shortly|before|as soon)\b"#),
        Pattern(#"\b(?:let you know|keep you (?:posted|updated|informed)) (?:by|within|next|early|later|before|as soon|once|when)\b"#),
        Pattern(#"\b(?:expect|hope|plan|aim|intend|anticipate) to (?:make|reach|have|finali[sz]e|share|send|give|get|come to|decide|provide|update)\b"#),
        Pattern(#"\b(?:thank you|thanks) (?:so much |again )?for (?:your|being) (?:patience|patient)\b|\bappreciate your patience\b"#),
        Pattern(#"\b(?:still|remain|remains|are|is) (?:under|in) (?:consideration|review|the running)\b"#),
        Pattern(#"\b(?:update|news|decision|answer|feedback|outcome) (?:for you )?(?:by|within|early|next|later|mid|before|in the (?:coming|next))\b"#),
        // German, French
        Pattern(#"\bnoch etwas zeit|\bnoch keine entscheidung|\bencore un peu de temps|\bpas encore (?:pris )?(?:de |notre )?décision"#),
        Pattern(#"\b(?:dauert|dauern|braucht|brauchen) .{0,40}\b(?:länger|mehr zeit)\b|\bnoch gespräche mit\b|\bhören (?:spätestens )?.{0,30}\bvon uns\b|\bmelden uns (?:spätestens|bis|in|bald)\b"#),
        Pattern(#"\breviendrons vers vous\b|\bvous recontacterons\b|\bau plus tard le\b|\bencore (?:deux|trois|des|quelques) entretiens\b|\bprend(?:ra)? (?:un peu )?plus de temps\b"#),
    ]

    /// "Unfortunately" and its kin: a rejection only next to the candidacy.
    static let regret = Pattern(#"\b(?:unfortunately|sadly|regrettably|leider|malheureusement|(?:i'm|i am|we're|we are) sorry to)\b"#)
    static let candidacy = Pattern(#"\b(?:application|candidacy|candidature|candidates?|applicants?|position|role|offer|profile|opportunity|vacancy|bewerbung|stelle|candidature|poste)\b"#)
}
