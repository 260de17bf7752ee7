/// One mailbox of a `LIST` answer: its name as the server spells it
/// (modified UTF-7, the identity to send back), the hierarchy delimiter and
/// the attributes (`\Junk`, `\Noselect`, …), which RFC 6154 lets a server put
/// on a plain LIST.
public struct ListedMailbox: Hashable, Sendable {
    public var name: String
    public var delimiter: Character?
    public var attributes: Set<String>

    public init(name: String, delimiter: Character? = nil, attributes: Set<String> = []) {
        self.name = name
        self.delimiter = delimiter
        self.attributes = Set(attributes.map { $0.lowercased() })
    }

    /// The name as a person reads it; the wire form when it does not decode.
    public var displayName: String { ModifiedUTF7.decode(name) ?? name }

    /// Whether the server has the attribute (`\Junk`), ignoring case.
    public func has(_ attribute: String) -> Bool { attributes.contains(attribute.lowercased()) }

    /// A name that cannot be opened: a level of the hierarchy, or gone.
    public var selectable: Bool { !has("\\Noselect") && !has("\\NonExistent") }

    /// RFC 6154's attributes that say what a mailbox is for.
    public static let specialUses: Set<String> = ["\\all", "\\archive", "\\drafts", "\\flagged", "\\junk", "\\sent", "\\trash", "\\important"]

    public var hasSpecialUse: Bool { !attributes.isDisjoint(with: Self.specialUses) }
}

extension IMAPResponseSummary {
    /// Every `* LIST` of the answer.
    public var mailboxes: [ListedMailbox] {
        responses.compactMap { response -> ListedMailbox? in
            guard case .data(nil, "LIST", let values) = response, values.count >= 3,
                  let attributes = values[0].list, let name = values[2].text else { return nil }
            let delimiter = values[1].text.flatMap(\.first)
            return ListedMailbox(name: name, delimiter: delimiter, attributes: Set(attributes.compactMap(\.text)))
        }
    }
}
