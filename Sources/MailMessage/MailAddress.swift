import Foundation

/// A mailbox: an optional display name and an address.
public struct MailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The decoded display name, or nil when there is none.
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }

    /// The address as addresses compare: lower case, without surrounding
    /// angle brackets or spaces.
    public var normalized: String {
        address.trimmingScalars { $0 == "<" || $0 == ">" || $0 == " " || $0 == "\t" }.lowercased()
    }

    /// The part after the last "@", lower case, without a trailing dot; empty when there is none.
    public var domain: String {
        let address = normalized
        guard let at = address.lastIndex(of: "@") else { return "" }
        return address[address.index(after: at)...].trimmingScalars { $0 == "." }
    }

    /// The part before the last "@", lower case (all of it when there is no "@").
    public var localPart: String {
        let address = normalized
        guard let at = address.lastIndex(of: "@") else { return address }
        return String(address[..<at])
    }

    /// Whether `address` is an addr-spec this project can send to: an ASCII
    /// dot-atom local part (at most 64 bytes) "@" a host name of letter/digit/hyphen
    /// labels, 254 bytes at most. Quoted local parts, domain literals and
    /// internationalized addresses are refused: SMTPUTF8 is not used.
    public static func isValid(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= 64, !domain.isEmpty else { return false }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~".utf8)
        for atom in local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !atom.isEmpty, atom.allSatisfy(atext.contains) else { return false }
        }
        let labelChars = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-".utf8)
        for label in domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.count <= 63, label.allSatisfy(labelChars.contains),
                  label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else { return false }
        }
        return true
    }
}

/// A parsed address list entry: a mailbox, or a named group of mailboxes.
public struct AddressGroup: Hashable, Sendable {
    /// The group's display name; nil for mailboxes outside any group.
    public var name: String?
    public var members: [MailAddress]
}
