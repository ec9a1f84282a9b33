/// Everything read from one list-size file.
public struct ListSizeFile: Sendable, Equatable {
    /// The file read.
    public var path: String
    /// The layout detected from its header.
    public var layout: ListSizeLayout
    /// The lists, one entry per month covered, in month order.
    public var months: [ListSizeMonth]
    /// Data rows read (the header and empty lines excluded).
    public var rowsRead: Int
    /// Rows read but not used, counted by reason (for example `ORG_TYPE CCG` for the
    /// area-level rows of a national file).
    public var skipped: [String: Int]
    /// The practices the file describes: postcode, and for the wide file the name and the
    /// codes and names of the areas above each practice.
    public var orgs: OrgDirectory

    /// Creates a result.
    public init(path: String, layout: ListSizeLayout, months: [ListSizeMonth], rowsRead: Int,
                skipped: [String: Int] = [:], orgs: OrgDirectory = OrgDirectory()) {
        self.path = path
        self.layout = layout
        self.months = months
        self.rowsRead = rowsRead
        self.skipped = skipped
        self.orgs = orgs
    }

    /// Rows skipped, all reasons together.
    public var rowsSkipped: Int { skipped.values.reduce(0, +) }

    /// The months covered, in order.
    public var coveredMonths: [YearMonth] { months.map(\.month) }

    /// The list for `month`, when the file covers it.
    public subscript(month: YearMonth) -> ListSizeMonth? { months.first { $0.month == month } }
}
