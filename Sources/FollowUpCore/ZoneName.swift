import Foundation

/// Which time-zone names followupd accepts, for the config's
/// `identity.timezone` and fuctl's `--tz` alike: a region (IANA
/// `Area/Location`) or UTC. An abbreviation ("EST") or a fixed offset
/// ("GMT+1", "Etc/GMT-1") ignores daylight saving, so every time after a
/// change would be an hour off.
public enum ZoneName {
    /// Why `name` is refused, in words that end a sentence; nil when it is fine.
    public static func problem(_ name: String) -> String? {
        let isRegion = name.contains("/") && !name.hasPrefix("Etc/")
        guard isRegion || ["UTC", "Etc/UTC"].contains(name) else {
            return "\"\(name)\" is an abbreviation or a fixed offset, which ignores daylight saving; use an IANA name like America/New_York or Europe/Berlin"
        }
        guard TimeZone(identifier: name) != nil else {
            return "unknown time zone \"\(name)\" (use an IANA name like America/New_York or Europe/Berlin)"
        }
        return nil
    }
}
