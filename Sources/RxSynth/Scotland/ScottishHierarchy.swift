import Foundation
import RxData

/// The organisations of a synthetic Scotland: the 14 real health boards and 31 real HSCPs (the
/// bundled tables), synthetic GP clusters and practices. At national scale (930 practices) it has
/// about 150 clusters. Practices are shared among boards in proportion to their populations
/// (approximate weights below) and within a board among its HSCPs at random; every board and
/// HSCP gets at least one practice when there are enough.
public struct ScottishHierarchy: Sendable {
    /// A board, an HSCP or a cluster: code, name and parent index.
    public struct Unit: Sendable, Equatable {
        public var code: String
        public var name: String
        public var parent: Int
    }

    /// A practice.
    public struct Practice: Sendable, Equatable {
        public var index: Int
        /// Five-digit practice code (`10002`).
        public var code: String
        public var name: [UInt8]
        public var address: [[UInt8]]
        public var postcode: String
        public var baseListSize: Int
        public var monthlyGrowth: Double
        public var cluster: Int, hscp: Int, board: Int
        /// `17J` (GMS) or `17C` (2C, board-run), as the contact file's `PracticeType`.
        public var practiceType: String
        public var dispensing: Bool

        /// The list size in month `offset`.
        public func listSize(monthOffset offset: Int) -> Int {
            max(1, Int((Double(baseListSize) * (1 + monthlyGrowth * Double(offset))).rounded()))
        }
    }

    public let boards: [Unit]
    public let hscps: [Unit]
    public let clusters: [Unit]
    /// In file order: by board, HSCP and cluster.
    public let practices: [Practice]

    /// Scotland's practices at national scale.
    public static let nationalPractices = 930

    /// Population weights of the boards by code (approximate shares, for the generator only).
    static let boardWeights: [String: Double] = [
        "S08000031": 1185, "S08000024": 916, "S08000032": 662, "S08000020": 586, "S08000030": 417, "S08000029": 375,
        "S08000015": 370, "S08000022": 324, "S08000019": 306, "S08000017": 148, "S08000016": 116, "S08000028": 27,
        "S08000026": 23, "S08000025": 22,
    ]

    /// Scotland's list sizes: England's shape, scaled to a mean of about 6,000 patients.
    static let listSizes = ListSizeDistribution(percentiles: ListSizeDistribution.england.percentiles, mean: 6000)

    /// Builds the hierarchy for `practiceCount` practices from the bundled board and HSCP tables.
    public init(practiceCount n: Int, seed: UInt64) throws {
        guard n >= 1 else { throw SynthError.invalidConfiguration("--practices must be at least 1") }
        var rng = Xoshiro256StarStar(keys: seed, 0x5343_4F54)
        var names = NameForge(seed: seed ^ 0x5343)
        let boardRows = ReferenceTable.records("scotland/health_boards.csv").dropFirst().map(\.fields)
        let hscpRows = ReferenceTable.records("scotland/hscps.csv").dropFirst().map(\.fields)
        let boards = boardRows.map { Unit(code: $0[0], name: $0[1], parent: -1) }
        let boardIndex = Dictionary(uniqueKeysWithValues: boards.enumerated().map { ($1.code, $0) })
        let hscps = hscpRows.map { Unit(code: $0[0], name: $0[1], parent: boardIndex[$0[2]]!) }
        self.boards = boards
        self.hscps = hscps

        let perBoard = Apportion.split(n, weights: boards.map { Self.boardWeights[$0.code] ?? 100 }, minimum: n >= boards.count ? 1 : 0)
        var clusters: [Unit] = [], practices: [Practice] = []
        let nClustersPerPractice = 150.0 / Double(Self.nationalPractices)
        for (b, board) in boards.enumerated() {
            let members = hscps.indices.filter { hscps[$0].parent == b }
            let split = Apportion.split(perBoard[b], weights: members.map { _ in rng.gamma(shape: 3) + 0.5 },
                                        minimum: perBoard[b] >= members.count ? 1 : 0)
            for (k, h) in members.enumerated() where split[k] > 0 {
                let nClusters = max(1, Int((Double(split[k]) * nClustersPerPractice).rounded()))
                let sizes = Apportion.split(split[k], weights: (0..<nClusters).map { _ in rng.gamma(shape: 4) })
                for size in sizes where size > 0 {
                    let town = names.place()
                    let cluster = clusters.count
                    clusters.append(Unit(code: "\(hscps[h].code)/\(town.capitalized) Cluster", name: "\(town.capitalized) Cluster", parent: h))
                    for _ in 0..<size {
                        let i = practices.count
                        practices.append(Practice(
                            index: i, code: String(10002 + i * 7), name: names.practiceName(), address: names.address(town: town),
                            postcode: names.postcode(area: ["AB", "DD", "EH", "FK", "G", "IV", "KA", "KY", "ML", "PA", "PH", "TD"][b % 12]),
                            baseListSize: Self.listSizes.sample(rng.uniform()), monthlyGrowth: 0.0005 + 0.0015 * rng.standardNormal(),
                            cluster: cluster, hscp: h, board: b, practiceType: rng.uniform() < 0.92 ? "17J" : "17C",
                            dispensing: board.code == "S08000022" || board.code == "S08000028" ? rng.uniform() < 0.3 : rng.uniform() < 0.02))
                    }
                }
            }
        }
        self.clusters = clusters
        self.practices = practices
    }
}
