extension OrgDirectory {
    /// The nation codes of the directory's prescribers.
    public var nations: Set<String> { Set(practices.values.compactMap { $0.parents[.nation] }) }

    /// A nation's name: the directory's, else England's or Scotland's by its GSS code (`E92…`,
    /// `S92…`); nil for another code the directory does not name.
    public func nationName(of code: String) -> String? {
        names[.nation]?[code] ?? (code.hasPrefix("E92") ? "England" : code.hasPrefix("S92") ? "Scotland" : nil)
    }

    /// The one nation the prescribers are in, named from the directory (`England`, `Scotland`),
    /// or "National" when they are in several or none is known: the label of national lines
    /// and columns.
    public var nationName: String {
        let codes = nations
        guard codes.count == 1, let code = codes.first else { return "National" }
        return nationName(of: code) ?? "National"
    }

    /// The directory of one nation's prescribers (nil: those no record places in a nation); names
    /// are kept whole.
    public func restricted(toNation nation: String?) -> OrgDirectory {
        OrgDirectory(practices: practices.filter { $0.value.parents[.nation] == nation }, names: names)
    }
}
