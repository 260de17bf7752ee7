/// Applicant-tracking systems and job-board relays that send mail on behalf of
/// many employers: their sender says nothing about the company until the
/// message names it (POLICY.md "Replies from the employer").
enum ApplicantTrackingSystems {
    /// Whether `domain` is (a subdomain of) a known sending domain.
    static func sends(from domain: String) -> Bool {
        sendingDomains.contains { MailDomain.isWithin(domain, $0) }
    }

    /// Real sending domains; tenants often get their own subdomain
    /// (acme.myworkday.com, us.greenhouse-mail.io), which `isWithin` covers.
    private static let sendingDomains: [String] = [
        "greenhouse.io", "greenhouse-mail.io",                    // Greenhouse
        "lever.co",                                               // Lever (hire.lever.co)
        "myworkday.com", "workday.com", "myworkdayjobs.com",      // Workday
        "smartrecruiters.com", "smartrecruitersmail.com",         // SmartRecruiters
        "icims.com",                                              // iCIMS (talent.icims.com)
        "ashbyhq.com",                                            // Ashby
        "workablemail.com", "workable.com",                       // Workable
        "jobvite.com",                                            // Jobvite
        "taleo.net",                                              // Oracle Taleo
        "oraclecloud.com",                                        // Oracle Recruiting Cloud
        "successfactors.com", "successfactors.eu", "sapsf.com", "sapsf.eu", // SAP SuccessFactors
        "bamboohr.com",                                           // BambooHR
        "recruitee.com",                                          // Recruitee
        "teamtailor.com", "teamtailor-mail.com",                  // Teamtailor
        "personio.de", "personio.com",                            // Personio
        "jazzhr.com", "applytojob.com",                           // JazzHR
        "breezy.hr", "breezyhr.com",                              // Breezy HR
        "pinpointhq.com",                                         // Pinpoint
        "rippling.com", "rippling-mail.com",                      // Rippling
        "dover.com", "dover.io",                                  // Dover
        "gem.com",                                                // Gem
        "brassring.com",                                          // IBM/Infinite BrassRing
        "avature.net",                                            // Avature
        "eightfold.ai",                                           // Eightfold
        "phenompeople.com",                                       // Phenom
        "csod.com", "cornerstoneondemand.com",                    // Cornerstone
        "ultipro.com", "ukg.com",                                 // UKG
        "paylocity.com",                                          // Paylocity
        "adp.com",                                                // ADP Workforce Now
        "freshteam.com",                                          // Freshteam
        "zohorecruit.com", "zohorecruit.eu",                      // Zoho Recruit
        "comeet.co", "comeet.com",                                // Comeet
        "homerun.co",                                             // Homerun
        "join.com",                                               // JOIN
        "softgarden.io", "softgarden.de",                         // softgarden
        "hireology.com", "jobscore.com", "recruiterbox.com", "manatal.com",
        "indeedemail.com",                                        // Indeed's employer relay
    ]
}
