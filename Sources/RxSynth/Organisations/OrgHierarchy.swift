import Foundation

/// The organisations of a synthetic dataset: regions → ICBs → sub-ICBs → PCNs → practices.
///
/// At national scale (6,500 prescribers) it has the shape of England: 7 regions, the 42 real ICB
/// footprints, 106 sub-ICB locations and 1,250 PCNs. Smaller datasets keep the proportions but
/// concentrate in fewer ICBs (`42·(N/6500)^0.6` ICBs, `106·(N/6500)^0.8` sub-ICBs,
/// `1250·N/6500` PCNs), taken region by region, so that 150 practices sit in about four ICBs of
/// one or two regions. Built from the seed alone; no prescribing rows are involved.
public struct OrgHierarchy: Sendable {
    /// Regions that have at least one ICB in the dataset.
    public let regions: [SynthRegion]
    /// ICBs in file order.
    public let icbs: [SynthICB]
    /// Sub-ICB locations in file order.
    public let subICBs: [SynthSubICB]
    /// PCNs in file order.
    public let pcns: [SynthPCN]
    /// Prescribers in file order (grouped by sub-ICB and PCN).
    public let practices: [SynthPractice]

    /// The national-scale counts the hierarchy is proportioned on.
    public static let nationalPractices = 6500, nationalICBs = 42, nationalSubICBs = 106, nationalPCNs = 1250

    /// Builds the hierarchy for `practiceCount` prescribers.
    public init(practiceCount n: Int, seed: UInt64,
                listSizes: ListSizeDistribution = .england) throws {
        guard n >= 1 else { throw SynthError.invalidConfiguration("--practices must be at least 1") }
        let f = Double(n) / Double(Self.nationalPractices)
        let nICB = min(Self.nationalICBs, n, max(1, Int((Double(Self.nationalICBs) * pow(f, 0.6)).rounded())))
        let nSub = min(n, max(nICB, min(Self.nationalSubICBs, Int((Double(Self.nationalSubICBs) * pow(f, 0.8)).rounded()))))
        let nPCN = min(n, max(nSub, Int((Double(Self.nationalPCNs) * f).rounded())))
        var rng = Xoshiro256StarStar(keys: seed, 0x4849_4552)
        var names = NameForge(seed: seed)

        // ICBs: regions in a seeded order, footprints within a region in code order.
        let footprints = ICBFootprint.all
        var regionCodes: [String] = []
        for fp in footprints where !regionCodes.contains(fp.regionODSCode) { regionCodes.append(fp.regionODSCode) }
        regionCodes.sort()
        for i in stride(from: regionCodes.count - 1, to: 0, by: -1) {
            regionCodes.swapAt(i, Int(rng.next() % UInt64(i + 1)))
        }
        let ordered = regionCodes.flatMap { code in footprints.filter { $0.regionODSCode == code } }
        let chosen = Array(ordered.prefix(nICB))
        var regions: [SynthRegion] = []
        var icbs: [SynthICB] = []
        for fp in chosen {
            if !regions.contains(where: { $0.code == fp.regionODSCode }) {
                regions.append(SynthRegion(code: fp.regionODSCode, onsCode: fp.regionONSCode, name: fp.regionName.uppercased()))
            }
            icbs.append(SynthICB(code: fp.odsCode, onsCode: fp.onsCode, name: "NHS \(fp.shortName) INTEGRATED CARE BOARD",
                                 region: regions.firstIndex { $0.code == fp.regionODSCode }!))
        }

        // Practices per ICB, sub-ICBs per ICB, practices per sub-ICB.
        let icbPractices = Apportion.split(n, weights: (0..<nICB).map { _ in rng.gamma(shape: 4) })
        let icbSubs = Apportion.split(nSub, weights: icbPractices.map(Double.init), caps: icbPractices)
        var subICBs: [SynthSubICB] = []
        var subPractices: [Int] = []
        for (i, icb) in icbs.enumerated() {
            let split = Apportion.split(icbPractices[i], weights: (0..<icbSubs[i]).map { _ in rng.gamma(shape: 3) })
            for count in split {
                let k = subICBs.count
                let letters = Array("ABCDEFGHJKLMNPQRSTVWXY")
                let code = String(format: "%02d%@", 1 + k / letters.count, String(letters[k % letters.count]))
                let short = icb.name.replacingOccurrences(of: " INTEGRATED CARE BOARD", with: "")
                subICBs.append(SynthSubICB(code: code, name: "\(short) ICB - \(code)", icb: i))
                subPractices.append(count)
            }
        }

        // PCNs per sub-ICB and practices per PCN.
        let subPCNs = Apportion.split(nPCN, weights: subPractices.map(Double.init), caps: subPractices)
        var pcns: [SynthPCN] = []
        var practices: [SynthPractice] = []
        var letterCounters: [Character: Int] = [:]
        let regionLetters: [String: [Character]] = ["Y56": ["E", "F"], "Y58": ["L"], "Y59": ["G", "H", "J", "K"],
            "Y60": ["C", "M"], "Y61": ["D"], "Y62": ["N", "P"], "Y63": ["A", "B"]]
        for (s, sub) in subICBs.enumerated() {
            let split = Apportion.split(subPractices[s], weights: (0..<subPCNs[s]).map { _ in rng.gamma(shape: 4) })
            let icb = icbs[sub.icb]
            let area = NameForge.postcodeAreas[Int(SplitMix64.hash(seed, UInt64(sub.icb), 0x5043) % UInt64(NameForge.postcodeAreas.count))]
            for count in split {
                let pcnIndex = pcns.count
                let town = names.place()
                let direction = ["", " NORTH", " SOUTH", " EAST", " WEST", " CENTRAL"][Int(rng.next() % 6)]
                pcns.append(SynthPCN(code: String(format: "U%05d", 10001 + pcnIndex * 37 % 89999),
                                     name: "\(town)\(direction) PCN", subICB: s))
                for _ in 0..<count {
                    let letters = regionLetters[regions[icb.region].code] ?? ["Y"]
                    let letter = letters[Int(rng.next() % UInt64(letters.count))]
                    let number = 81001 + letterCounters[letter, default: 0]
                    letterCounters[letter, default: 0] += 1
                    let size = listSizes.sample(rng.uniform())
                    practices.append(SynthPractice(
                        index: practices.count, code: "\(letter)\(number)", name: names.practiceName(),
                        address: names.address(town: town), postcode: names.postcode(area: area), setting: 4,
                        hasListSize: true, baseListSize: size,
                        monthlyGrowth: 0.001 + 0.002 * rng.standardNormal(),
                        pcn: pcnIndex, subICB: s, icb: sub.icb, region: icb.region))
                }
            }
        }

        // A few prescribers without a registered list: non-standard settings and closed practices.
        if n >= 20 {
            let nonStandard = max(1, Int((Double(n) * 0.012).rounded()))
            let closed = max(1, Int((Double(n) * 0.004).rounded()))
            var order = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            for (k, p) in order.prefix(nonStandard).enumerated() {
                let kind = k % 3
                let setting = [3, 2, 1][kind]
                let label = ["OUT OF HOURS SERVICE", "WALK-IN CENTRE", "COMMUNITY PRESCRIBING HUB"][kind]
                practices[p].setting = setting
                practices[p].hasListSize = false
                practices[p].code = String(format: "Y0%04d", 1000 + k)
                practices[p].name = NameForge.latin1("\(pcns[practices[p].pcn].name.replacingOccurrences(of: " PCN", with: "")) \(label)")
                practices[p].baseListSize = 1500 + Int(rng.next() % 2500)
            }
            for p in order.dropFirst(nonStandard).prefix(closed) { practices[p].hasListSize = false }
        }
        self.regions = regions; self.icbs = icbs; self.subICBs = subICBs; self.pcns = pcns
        self.practices = practices
    }
}
