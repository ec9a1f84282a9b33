import Testing
import RxData
@testable import RxSynth

@Suite("Planted outliers")
struct PlantedOutlierTests {
    /// Items per practice code and category over three months.
    static func itemsByCategory(_ config: SynthConfiguration) throws -> (SyntheticDataset, [String: [PresentationCategory: Int]]) {
        let data = try SyntheticDataset(config)
        var category: [String: PresentationCategory] = [:]
        for p in data.catalogue.presentations { category[p.code] = p.category }
        var totals: [String: [PresentationCategory: Int]] = [:]
        for m in 0..<config.months {
            let sink = MemorySink()
            try data.writeEPD(monthOffset: m, to: sink)
            for r in CSVTestSplitter.records(sink.bytes).dropFirst() {
                let code = CSVTestSplitter.text(r[8])
                guard code != "-", let c = category[CSVTestSplitter.text(r[16])] else { continue }
                totals[code, default: [:]][c, default: 0] += Int(CSVTestSplitter.text(r[20]))!
            }
        }
        return (data, totals)
    }

    static let run: (SyntheticDataset, [String: [PresentationCategory: Int]]) = try! itemsByCategory(
        SynthConfiguration(practices: 300, months: 3, seed: 2024, presentationsPerPractice: 200))

    static func planted(_ kind: PlantedOutlier.Kind) -> Set<String> {
        Set(run.0.plantedOutliers.filter { $0.kind == kind }.map(\.practiceCode))
    }

    static func quantile(_ values: [Double], _ q: Double) -> Double {
        let s = values.sorted()
        return s[Int(Double(s.count - 1) * q)]
    }

    @Test("high-dose ICS share of planted practices is above the 90th percentile of the others")
    func highDoseICS() {
        func share(_ t: [PresentationCategory: Int]) -> Double? {
            let high = t[.icsHigh, default: 0]
            let all = high + t[.icsMedium, default: 0] + t[.icsLow, default: 0]
            return all >= 20 ? Double(high) / Double(all) : nil
        }
        let planted = Self.planted(.highDoseICS)
        #expect(planted.count >= 2)
        let others = Self.run.1.filter { !planted.contains($0.key) }.compactMap { share($0.value) }
        let p90 = Self.quantile(others, 0.9), median = Self.quantile(others, 0.5)
        for code in planted {
            let s = share(Self.run.1[code]!)!
            #expect(s > p90 && s > median * 1.4, "\(code): share \(s), others' median \(median), p90 \(p90)")
        }
    }

    @Test("oral prednisolone per 1,000 patients of planted practices is high")
    func prednisolone() {
        let data = Self.run.0
        let planted = Self.planted(.oralPrednisolone)
        func rate(_ p: SynthPractice) -> Double {
            Double(Self.run.1[p.code]?[.oralPrednisolone, default: 0] ?? 0) / Double(p.baseListSize) * 1000
        }
        let others = data.hierarchy.practices.filter { $0.isStandardPractice && !planted.contains($0.code) && $0.baseListSize > 3000 }.map(rate)
        let median = Self.quantile(others, 0.5)
        for p in data.hierarchy.practices where planted.contains(p.code) {
            #expect(rate(p) > median * 2, "\(p.code): \(rate(p)) vs median \(median)")
        }
    }

    @Test("originator-only practices have no biosimilar or generic-level biologic rows")
    func originatorOnly() {
        let planted = Self.planted(.originatorOnlyBiologics)
        #expect(!planted.isEmpty)
        for code in planted {
            let t = Self.run.1[code] ?? [:]
            #expect(t[.biologicBiosimilar, default: 0] == 0)
            #expect(t[.biologicGeneric, default: 0] == 0)
            #expect(t[.biologicOriginator, default: 0] > 0)
        }
        // while the others do prescribe biosimilars
        #expect(Self.run.1.values.reduce(0) { $0 + $1[.biologicBiosimilar, default: 0] } > 100)
    }

    @Test("the catalogue holds the required families with biosimilars cheaper than originators")
    func catalogue() {
        let c = SynthCatalogue.standard.presentations
        #expect(c.count > 4000)
        for cat in [PresentationCategory.icsHigh, .icsMedium, .icsLow, .saba, .oralPrednisolone,
                    .biologicOriginator, .biologicBiosimilar] {
            #expect(c.contains { $0.category == cat }, "\(cat)")
        }
        for chemical in ["0601012V0", "1001030S0", "0606010U0", "0606020Z0", "0901060I0"] {
            let orig = c.filter { $0.chemicalCode == chemical && $0.category == .biologicOriginator }.map(\.unitPrice)
            let bios = c.filter { $0.chemicalCode == chemical && $0.category == .biologicBiosimilar }.map(\.unitPrice)
            #expect(!orig.isEmpty && !bios.isEmpty && bios.max()! < orig.min()!, "\(chemical)")
        }
        for name in ["Atorvastatin", "Omeprazole", "Amlodipine", "Metformin", "Levothyrox", "Ramipril", "Sertraline"] {
            #expect(c.contains { $0.name.hasPrefix(name) && $0.weight > 1 }, "\(name)")
        }
    }
}
