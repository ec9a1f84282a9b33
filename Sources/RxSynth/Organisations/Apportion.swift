/// Splits integer totals among weighted parts, the way the hierarchy is built: every part gets
/// at least `minimum`, none more than its cap, the rest in proportion to the weights by the
/// largest-remainder rule (deterministic; ties go to the earlier part).
enum Apportion {
    static func split(_ total: Int, weights: [Double], minimum: Int = 1, caps: [Int]? = nil) -> [Int] {
        let n = weights.count
        guard n > 0 else { return [] }
        var result = [Int](repeating: minimum, count: n)
        if let caps { for i in 0..<n { result[i] = min(result[i], caps[i]) } }
        var remaining = total - result.reduce(0, +)
        while remaining > 0 {
            let open = (0..<n).filter { caps == nil || result[$0] < caps![$0] }
            if open.isEmpty { break }
            let sum = open.reduce(0.0) { $0 + max(weights[$1], 1e-12) }
            var shares: [(Int, Double)] = []
            var given = 0
            for i in open {
                let exact = Double(remaining) * max(weights[i], 1e-12) / sum
                var whole = Int(exact)
                if let caps { whole = min(whole, caps[i] - result[i]) }
                result[i] += whole
                given += whole
                shares.append((i, exact - Double(whole)))
            }
            remaining -= given
            if remaining > 0 {
                shares.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                for (i, _) in shares where remaining > 0 {
                    if caps == nil || result[i] < caps![i] { result[i] += 1; remaining -= 1 }
                }
            }
        }
        return result
    }
}
