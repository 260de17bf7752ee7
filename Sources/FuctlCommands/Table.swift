/// Aligned columns for human output: a header row, then one row per item.
struct Table {
    var headers: [String]
    var rows: [[String]] = []
    /// False for a two-column list of facts, which needs no header.
    var showsHeaders = true

    init(_ headers: String...) { self.headers = headers }

    mutating func add(_ cells: String...) { rows.append(cells) }

    /// Each column as wide as its widest cell, two spaces apart; no trailing blanks.
    var text: String {
        let all = (showsHeaders ? [headers] : []) + rows
        let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
