/// Ranks with ties shared ("1224" ranking, as sports tables rank): a value's rank is one more
/// than the number of values strictly better; equal values share a rank, and the next rank
/// skips. Missing values (NaN) are not ranked and not counted.
public enum CompetitionRank {
    /// One value's rank among `values`, highest first (lowest first with `descending` false).
    public struct Rank: Sendable, Equatable {
        /// 1 for the best.
        public var rank: Int
        /// How many values were ranked (the finite ones).
        public var of: Int
        /// Whether another value shares this rank.
        public var tied: Bool

        /// "3 of 42", or "=3 of 42" when the rank is shared.
        public var text: String { "\(tied ? "=" : "")\(rank) of \(of)" }
    }

    /// The rank of `values[index]`, or nil when it is missing.
    public static func rank(of index: Int, in values: [Double], descending: Bool = true) -> Rank? {
        let v = values[index]
        guard !v.isNaN else { return nil }
        var better = 0, equal = 0, ranked = 0
        for w in values where !w.isNaN {
            ranked += 1
            if w == v { equal += 1 } else if descending ? w > v : w < v { better += 1 }
        }
        return Rank(rank: better + 1, of: ranked, tied: equal > 1)
    }
}
