import Foundation
import Testing
import RxData
@testable import RxAtlas

/// Over the bundled synthetic sample (datasets/sample, 12 months × 150 prescribers): the kernel's
/// catalogued quantities and costs equal sums read straight from the CSV files, and the analysis'
/// national figures and roll-ups follow from them.
@Suite(.serialized) struct BiosimilarFidelityTests {
    /// The sample's directory, found from this file (<root>/Tests/RxAtlasTests/Biosimilars/).
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets/sample").path
    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sample)) ?? [])
            .filter { $0.hasPrefix("epd_") && $0.hasSuffix(".csv.gz") }.sorted().map { sample + "/" + $0 }
    }

    /// Exact decimal text → 10⁻⁵ units, written independently of the ingest parser.
    static func fixed(_ text: Substring) -> Int64 {
        var s = text.trimmingCharacters(in: .whitespaces)[...]
        let negative = s.hasPrefix("-")
        if negative { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        var value = Int64(parts[0].isEmpty ? "0" : String(parts[0]))! * 100_000
        if parts.count > 1 {
            let frac = String(parts[1].prefix(5)).padding(toLength: 5, withPad: "0", startingAt: 0)
            value += Int64(frac)!
        }
        return negative ? -value : value
    }

    /// Per BNF code of a catalogued chemical: (quantity, NIC, actual cost) over every file.
    /// Lines holding a catalogued chemical code are found by a byte search, then split in full.
    static func directSums(chemicals: Set<String>) throws -> [String: [Int64]] {
        var out: [String: [Int64]] = [:]
        for file in files {
            let bytes = try LineChunks.readAll(path: file)
            let text = { (r: Range<Int>) in String(decoding: bytes[r], as: UTF8.self).trimmingCharacters(in: .newlines) }
            var lineStarts = Set<Int>()
            // strstr (glibc) over the NUL-terminated buffer finds every occurrence quickly.
            var terminated = bytes
            terminated.append(0)
            terminated.withUnsafeBufferPointer { b in
                b.withMemoryRebound(to: CChar.self) { c in
                    let base = c.baseAddress!
                    for chemical in chemicals {
                        var from = base
                        while let hit = strstr(from, chemical) {
                            var start = UnsafePointer(hit) - base
                            while start > 0 && b[start - 1] != 0x0A { start -= 1 }
                            lineStarts.insert(start)
                            from = UnsafePointer(hit) + 9
                        }
                    }
                }
            }
            let headerEnd = bytes.firstIndex(of: 0x0A)! + 1
            let header = MeasureKernelFidelityTests.fields(Substring(text(0..<headerEnd)))
            let code = header.firstIndex(of: "BNF_PRESENTATION_CODE")!
            let quantity = header.firstIndex(of: "TOTAL_QUANTITY")!, nic = header.firstIndex(of: "NIC")!
            let actual = header.firstIndex(of: "ACTUAL_COST")!
            for start in lineStarts {
                let end = (bytes[start...].firstIndex(of: 0x0A) ?? bytes.count - 1) + 1
                let f = MeasureKernelFidelityTests.fields(Substring(text(start..<end)))
                let c = String(f[code])
                guard chemicals.contains(String(c.prefix(9))) else { continue }
                let v = [fixed(f[quantity]), fixed(f[nic]), fixed(f[actual])]
                out[c] = zip(out[c] ?? [0, 0, 0], v).map(+)
            }
        }
        return out
    }

    @Test(.enabled(if: !files.isEmpty)) func catalogedSumsEqualTheCSV() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-bios-fidelity-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try StoreIngest(options: IngestOptions(files: Self.files, orgMapping: Self.sample + "/orgs.csv.gz",
                                                   softwareVersion: "test")).run(store: dir.path)
        let store = try Store.open(at: dir.path)
        let catalogue = try BiosimilarCatalogue.builtIn()
        let totals = try BiosimilarKernel.totals(store: store, catalogue: catalogue)
        let nicTotals = try BiosimilarKernel.totals(store: store, catalogue: catalogue, costBasis: .nic)
        #expect(totals.months.count == 12)
        let direct = try Self.directSums(chemicals: catalogue.chemicals)
        #expect(direct.count > 50)

        // Kernel entries summed per presentation: exactly the CSV's sums.
        var kernel: [String: [Int64]] = [:]
        #expect(totals.count == nicTotals.count && totals.cell == nicTotals.cell)
        for e in 0..<totals.count {
            let c = totals.cells[Int(totals.cell[e])].description
            kernel[c] = zip(kernel[c] ?? [0, 0, 0], [totals.quantity[e], nicTotals.cost[e], totals.cost[e]]).map(+)
        }
        #expect(Set(kernel.keys) == Set(direct.keys))
        for (code, sums) in direct { #expect(kernel[code] == sums, "\(code)") }

        // The national row of each molecule: originator quantity and cost from the CSV sums.
        let result = try BiosimilarAnalysis.run(totals, catalogue: catalogue)
        for molecule in result.molecules {
            var quantity = 0.0, cost = 0.0
            for (code, sums) in direct {
                guard let cls = catalogue.classify(BNFCode(code)!), catalogue.molecules[cls.molecule] == molecule,
                      cls.role == .originator, cls.group != nil else { continue }
                quantity += Double(sums[0]) / 100_000 * cls.factor
                cost += Double(sums[2]) / 100_000
            }
            let nation = result.opportunities.first { $0.molecule == molecule && $0.level == .nation }
            #expect(abs((nation?.originatorQuantity ?? 0) - quantity) < 1e-6 * max(1, quantity), "\(molecule)")
            #expect(abs((nation?.originatorCost ?? 0) - cost) < 1e-6 * max(1, cost), "\(molecule)")
        }
        // The sample's synthetic catalogue has biosimilars for glargine, teriparatide, denosumab,
        // filgrastim and adalimumab, so those have savings; every ICB reconciles with its practices.
        for molecule in ["insulin glargine", "teriparatide", "denosumab", "filgrastim", "adalimumab"] {
            #expect((result.opportunities.first { $0.molecule == molecule && $0.level == .nation }?.fullSwitch ?? 0) > 0, "\(molecule)")
        }
        let practices = result.opportunities.filter { $0.level == .practice }
        for icb in result.opportunities where icb.level == .icb {
            let members = practices.filter { $0.molecule == icb.molecule && result.practiceICB[$0.orgCode] == icb.orgCode }
            for key in [\BiosimilarOpportunity.fullSwitch, \.targetUptake, \.pricePerUnit, \.originatorCost] {
                let sum = members.reduce(0) { $0 + $1[keyPath: key] }
                #expect(abs(icb[keyPath: key] - sum) < 1e-6 * max(1, sum))
            }
        }
        #expect(result.opportunities.allSatisfy { $0.fullSwitch >= 0 && $0.targetUptake >= 0 && $0.pricePerUnit >= 0 })

        // The sample's planted outliers show: originator-only practices prescribe no biosimilar
        // and no generic-level biologic; low-uptake practices sit far below the national uptake.
        let planted = try CSVRecordReader.read(path: Self.sample + "/planted_outliers.csv").dropFirst()
        let nationalUptake = BiosimilarSavings.uptake(
            originator: result.opportunities.filter { $0.level == .nation }.reduce(0) { $0 + $1.originatorQuantity },
            biosimilar: result.opportunities.filter { $0.level == .nation }.reduce(0) { $0 + $1.biosimilarQuantity })
        var seen = 0
        for p in planted where p.trimmed(4).contains("biolog") || p.trimmed(4).contains("biosimilar") {
            let rows = practices.filter { $0.orgCode == p.trimmed(0) }
            #expect(!rows.isEmpty)
            seen += 1
            if p.trimmed(4) == "originator_only_biologics" {
                #expect(rows.allSatisfy { $0.biosimilarQuantity == 0 && $0.genericQuantity == 0 && $0.fullSwitch >= 0 })
            } else {
                let uptake = BiosimilarSavings.uptake(originator: rows.reduce(0) { $0 + $1.originatorQuantity },
                                                      biosimilar: rows.reduce(0) { $0 + $1.biosimilarQuantity })
                #expect(uptake < nationalUptake / 2, "\(p.trimmed(0)) uptake \(uptake), national \(nationalUptake)")
            }
        }
        #expect(seen == 4)
    }
}
