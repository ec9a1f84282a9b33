/// What both Public Health Scotland list-size layouts say of a practice's areas: its health board
/// and HSCP columns (with their names across the years), giving the practice's `icb` and
/// `subICB` ancestors and Scotland as its nation.
struct PHSAreaColumns {
    static let boardNames = ["HB", "HB2019", "HB2018", "HB2014", "HBT"]
    static let hscpNames = ["HSCP", "HSCP2019", "HSCP2018", "HSCP2016"]

    let board: Int?
    let hscp: Int?

    init(_ header: CSVHeader) {
        board = header.firstIndex(ofAny: Self.boardNames)?.index
        hscp = header.firstIndex(ofAny: Self.hscpNames)?.index
    }

    /// A directory naming Scotland, for the practices read.
    static func directory() -> OrgDirectory {
        var orgs = OrgDirectory()
        orgs.setName("Scotland", level: .nation, code: PrescriberCode.scotlandCode)
        return orgs
    }

    /// The practice `code` of `record`, in Scotland, with its board and HSCP when given.
    func practice(_ code: String, _ record: CSVRecord) -> PracticeRecord {
        var practice = PracticeRecord(code: code, kind: PrescriberCode.kind(of: code), parents: [.nation: PrescriberCode.scotlandCode])
        if let board, case let v = record.trimmed(board), !v.isEmpty { practice.parents[.icb] = v }
        if let hscp, case let v = record.trimmed(hscp), !v.isEmpty { practice.parents[.subICB] = v }
        return practice
    }
}
