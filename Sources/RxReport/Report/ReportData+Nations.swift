import RxAtlas
import RxData

extension ReportData {
    /// The nations whose prescribing the period holds (GSS codes, in code order): from the
    /// coverage record, else from the directory.
    public var nations: [String] {
        if let c = coverage, !c.nations.isEmpty { return c.nations }
        return orgs.nations.sorted()
    }

    /// A nation's name, from the directory (`England`, `Scotland`).
    public func nationName(_ code: String) -> String {
        orgs.nationName(of: code) ?? code
    }

    /// The nation a user named: a GSS code or a name, case-insensitive.
    /// - Throws: ``RxData/InputError`` naming the nations the period holds.
    public func nation(named given: String) throws -> String {
        let wanted = given.lowercased()
        if let code = nations.first(where: { $0.lowercased() == wanted || nationName($0).lowercased() == wanted }) { return code }
        throw InputError(file: storePath, field: "nation", reason: "the period holds no prescribing of '\(given)' (it holds "
                         + nations.map { "\(nationName($0)) (\($0))" }.joined(separator: ", ") + ")")
    }

    /// The report data of one nation: its prescribers, and the results computed for its units
    /// (each analysis computes within a nation, so nothing is recomputed). The coverage record
    /// stays the period's.
    public func restricted(to nation: String) -> ReportData {
        var out = self
        out.orgs = orgs.restricted(toNation: nation)
        var members: [OrgLevel: Set<String>] = [.practice: Set(out.orgs.practices.keys), .nation: [nation]]
        for record in out.orgs.practices.values {
            for (level, code) in record.parents { members[level, default: []].insert(code) }
        }
        func inNation(_ level: OrgLevel, _ code: String) -> Bool { members[level]?.contains(code) ?? false }

        let kept = atlas.results.indices.filter { atlas.results[$0].nation == nation }
        out.atlas.results = kept.map { atlas.results[$0] }
        out.atlas.trends = kept.map { atlas.trends[$0] }
        out.icbMonthly = icbMonthly.filter { $0.nation == nation }
        out.steroids.rows = steroids.rows.filter { $0.nation == nation }
        out.steroids.ranked = steroids.ranked.filter { $0.row.nation == nation }
        out.chemicalOutliers = chemicalOutliers.filter { $0.nation == nation }
        if let b = biosimilars {
            let rows = b.opportunities.indices.filter { inNation(b.opportunities[$0].level, b.opportunities[$0].orgCode) }
            out.biosimilars = BiosimilarResult(
                months: b.months, costBasis: b.costBasis, options: b.options, molecules: b.molecules,
                prices: b.prices.filter { $0.nation == nation }, opportunities: rows.map { b.opportunities[$0] },
                timeCourse: rows.map { b.timeCourse[$0] }, presentations: b.presentations,
                practiceICB: b.practiceICB.filter { inNation(.practice, $0.key) })
            out.biosimilars?.coverage = b.coverage
        }
        return out
    }
}
