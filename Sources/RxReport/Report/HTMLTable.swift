/// A table of the HTML report: sortable by any column in the browser, paged, and capped at a
/// number of rows so a national-scale table stays small (the note under it says how many rows
/// the full result has and where they are).
struct HTMLTable {
    /// One cell: its text (escaped when rendered), an optional numeric sort key and an optional
    /// link to an anchor in the report.
    struct Cell {
        var text: String
        var sort: Double?
        var anchor: String?

        init(_ text: String, sort: Double? = nil, anchor: String? = nil) {
            self.text = text
            self.sort = sort
            self.anchor = anchor
        }

        /// A number cell: formatted text, sorted by value (NaN sorts first, shown as a dash).
        static func number(_ v: Double, digits: Int = 1) -> Cell {
            Cell(ReportFormat.number(v, digits: digits), sort: v.isFinite ? v : -Double.greatestFiniteMagnitude)
        }

        /// A pounds cell.
        static func pounds(_ v: Double) -> Cell {
            Cell(ReportFormat.pounds(v), sort: v.isFinite ? v : -Double.greatestFiniteMagnitude)
        }
    }

    /// The table's id (unique in the report).
    var id: String
    /// The caption.
    var caption: String
    /// Column titles; a numeric column is right-aligned.
    var columns: [(title: String, numeric: Bool)]
    /// The rows, in the order shown.
    var rows: [[Cell]]
    /// Where the full table is, for the note under a capped table.
    var fullTableNote = "the CSV outputs of the matching rxatlas command hold every row"

    /// The table's HTML: at most `maximumRows` rows, `pageRows` a page.
    func html(maximumRows: Int, pageRows: Int) -> String {
        var s = "<div class=\"table-wrap\"><table class=\"sortable\" id=\"\(HTML.escape(id))\" data-page=\"\(pageRows)\">"
        s += "<caption>\(HTML.escape(caption))</caption><thead><tr>"
        for c in columns { s += "<th\(c.numeric ? " class=\"num\"" : "") scope=\"col\">\(HTML.escape(c.title))</th>" }
        s += "</tr></thead><tbody>"
        for row in rows.prefix(maximumRows) {
            s += "<tr>"
            for (k, cell) in row.enumerated() {
                let numeric = k < columns.count && columns[k].numeric
                s += "<td"
                if numeric { s += " class=\"num\"" }
                if let v = cell.sort { s += " data-v=\"\(v)\"" }
                s += ">"
                if let a = cell.anchor {
                    s += "<a href=\"#\(HTML.escape(a))\">\(HTML.escape(cell.text))</a>"
                } else {
                    s += HTML.escape(cell.text)
                }
                s += "</td>"
            }
            s += "</tr>"
        }
        s += "</tbody></table>"
        if rows.count > maximumRows {
            s += "<p class=\"note\">Showing the first \(maximumRows) of \(rows.count) rows in this order; \(HTML.escape(fullTableNote)).</p>"
        } else if rows.isEmpty {
            s += "<p class=\"note\">No rows.</p>"
        }
        return s + "</div>"
    }
}
