extension Unicode.Scalar {
    /// A C0 or C1 control, DEL, or a Unicode line or paragraph separator:
    /// what may not stand in a one-line value (a header, a name) nor reach a
    /// terminal raw. The config, fuctl's input and its output share this rule.
    public var isControlCharacter: Bool {
        value < 0x20 || (0x7F..<0xA0).contains(value) || value == 0x2028 || value == 0x2029
    }
}
