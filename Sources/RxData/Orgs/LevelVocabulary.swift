/// What each nation calls its organisation levels, for labels a user reads (the CSV `level`
/// column keeps RxAtlas's own keys, `pcn`, `sub-icb`, `icb`): England's PCN, sub-ICB location
/// and ICB are Scotland's GP cluster, HSCP and health board. Scotland has no region.
public struct LevelVocabulary: Sendable, Equatable {
    /// Names by level, lower case except for initialisms.
    public var names: [OrgLevel: String]

    /// England's names.
    public static let england = LevelVocabulary(names: [.practice: "practice", .pcn: "PCN", .subICB: "sub-ICB", .icb: "ICB",
                                                        .region: "region", .nation: "nation"])
    /// Scotland's names.
    public static let scotland = LevelVocabulary(names: [.practice: "practice", .pcn: "GP cluster", .subICB: "HSCP",
                                                         .icb: "health board", .region: "region", .nation: "nation"])
    /// Both nations' names together, for data of both.
    public static let both = LevelVocabulary(names: [.practice: "practice", .pcn: "PCN or GP cluster", .subICB: "sub-ICB or HSCP",
                                                     .icb: "ICB or health board", .region: "region", .nation: "nation"])

    /// The names for data from the nations `codes` (GSS codes: `E92…` England, `S92…`
    /// Scotland); England's when none is known.
    public static func forNations(_ codes: Set<String>) -> LevelVocabulary {
        let scottish = codes.contains { $0.hasPrefix("S92") }, english = codes.contains { $0.hasPrefix("E92") }
        return scottish && english ? .both : scottish ? .scotland : .england
    }

    /// The level's name (`health board`).
    public func name(_ level: OrgLevel) -> String { names[level] ?? level.rawValue }

    /// The level's name as a heading (`Health board`).
    public func title(_ level: OrgLevel) -> String {
        let n = name(level)
        return n.prefix(1).uppercased() + n.dropFirst()
    }

    /// The level's name in the plural (`health boards`, `ICBs`, `HSCPs`).
    public func plural(_ level: OrgLevel) -> String {
        let n = name(level)
        return n.contains(" or ") ? n.replacingOccurrences(of: " or ", with: "s or ") + "s" : n + "s"
    }
}

extension OrgDirectory {
    /// What the directory's nations call their levels.
    public var levelVocabulary: LevelVocabulary { LevelVocabulary.forNations(nations) }
}
