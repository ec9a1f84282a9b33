import Foundation

/// The catalogue prepared for fast row generation: per presentation its precomputed CSV bytes,
/// fixed-point pack sizes, and the inclusion rate that makes an average practice produce the
/// configured number of rows.
///
/// Two ways a presentation gets a row in a practice-month:
/// - focus presentations (ICS, SABA, oral prednisolone, biologics) follow their national rates:
///   items ~ Poisson(rate × list/1000 × practice effects × season), no row when zero;
/// - general presentations are included with probability `q = min(1, c·weight·size^0.35)`
///   (mostly stable from month to month), and then items ~ max(1, Poisson(mean/q)), so expected
///   volume still follows the national rate. `c` is solved once so that practices spread as in England
///   average `presentationsPerPractice` rows.
struct PrescribingModel: Sendable {
    struct Entry: Sendable {
        var weight: Double
        var category: PresentationCategory
        var chapter: Int
        /// Index of the (chapter, category) slot of the practice-effect table.
        var slot: Int
        var isFocus: Bool
        var pack10: Int
        var altPack10: Int
        var unitPrice: Double
        var adqPerUnit: Double
        /// Range in ``text`` of `CHEM_CODE,CHEM_NAME,CODE,NAME,CHAPTER_PLUS,`.
        var middle: Range<Int>
        /// Range in ``text`` of `,N,SNOMED\r\n` (and `,Y,…` for unidentified rows).
        var tailIdentified: Range<Int>
        var tailUnidentified: Range<Int>
        /// Range in ``pitcText`` of PITC's `DMDCode,BNFItemCode,BNFItemDescription,ClassOfPreparationCode,PrescribedType,`.
        var pitcMiddle: Range<Int>
    }

    /// Plain-data entries (no references, so the row loop does no reference counting).
    let entries: [Entry]
    /// The precomputed CSV bytes of all entries, back to back.
    let text: [UInt8]
    /// The PITC columns of all entries, back to back (apart, so that EPD rows touch only ``text``).
    let pitcText: [UInt8]
    /// The general-inclusion constant `c`.
    let inclusion: Double
    /// Probability that a row with two or more items and a second pack size is split in two.
    static let splitProbability = 0.15
    /// The list size the row target refers to.
    static let referenceListSize = 9500.0

    /// BNF chapter names as EPD writes BNF_CHAPTER_PLUS_CODE (`03: Respiratory System`).
    static let chapterNames: [Int: String] = [
        1: "Gastro-Intestinal System", 2: "Cardiovascular System", 3: "Respiratory System",
        4: "Central Nervous System", 5: "Infections", 6: "Endocrine System",
        7: "Obstetrics, Gynaecology and Urinary-Tract Disorders", 8: "Malignant Disease and Immunosuppression",
        9: "Nutrition and Blood", 10: "Musculoskeletal and Joint Diseases", 11: "Eye",
        12: "Ear, Nose and Oropharynx", 13: "Skin", 14: "Immunological Products and Vaccines",
        15: "Anaesthesia", 18: "Preparations used in Diagnosis", 19: "Other Drugs and Preparations",
        20: "Dressings", 21: "Appliances", 22: "Incontinence Appliances", 23: "Stoma Appliances",
    ]

    init(catalogue: SynthCatalogue, rowsPerPractice: Int) {
        var entries: [Entry] = []
        var text: [UInt8] = [], pitcText: [UInt8] = []
        func add(_ bytes: [UInt8]) -> Range<Int> {
            let start = text.count
            text += bytes
            return start..<text.count
        }
        for p in catalogue.presentations {
            let ch = p.chapter
            let chapterText = String(format: "%02d: %@", ch, Self.chapterNames[ch] ?? "Other")
            var middle: [UInt8] = []
            for field in [p.chemicalCode, p.chemicalName, p.code, p.name, chapterText] {
                middle += CSVField.encode(field)
                middle.append(0x2C)
            }
            let snomed = Array(p.snomedCode.utf8)
            var pitc: [UInt8] = snomed + [0x2C]
            // A brand (product other than AA) is prescribed as an AMP, a generic as a VMP.
            let brand = p.code.count >= 11 && !p.code.dropFirst(9).hasPrefix("AA")
            for field in [p.code, p.name, "1", brand ? "AMP" : "VMP"] {
                pitc += CSVField.encode(field)
                pitc.append(0x2C)
            }
            entries.append(Entry(
                weight: p.weight, category: p.category, chapter: ch,
                slot: min(ch, 23) * 11 + PresentationCategory.allCases.firstIndex(of: p.category)!, isFocus: p.category != .general,
                pack10: max(1, Int((p.packSize * 10).rounded())), altPack10: Int((p.alternativePackSize * 10).rounded()),
                unitPrice: p.unitPrice, adqPerUnit: p.adqPerUnit, middle: add(middle),
                tailIdentified: add(Array(",N,".utf8) + snomed + [0x0D, 0x0A]),
                tailUnidentified: add(Array(",Y,".utf8) + snomed + [0x0D, 0x0A]),
                pitcMiddle: pitcText.count..<(pitcText.count + pitc.count)))
            pitcText += pitc
        }
        self.entries = entries
        self.text = text
        self.pitcText = pitcText

        // Expected rows per practice, averaged over practices at 20 list sizes spread as in
        // England (5th, 10th … 95th percentile and a large one), with neutral effects.
        let sizes = (1...20).map { Double(ListSizeDistribution.england.sample((Double($0) - 0.5) / 20)) }
        var focusRows = 0.0
        for size in sizes {
            for e in entries where e.isFocus {
                let mean = e.weight * size / 1000
                let present = 1 - exp(-mean)
                let split = e.altPack10 > 0 ? Self.splitProbability * max(0, present - mean * exp(-mean)) : 0
                focusRows += (present + split) / Double(sizes.count)
            }
        }
        let general = entries.filter { !$0.isFocus }
        func generalRows(_ c: Double) -> Double {
            var rows = 0.0
            for size in sizes {
                let factor = pow(size / Self.referenceListSize, 0.35)
                for e in general {
                    let q = min(1, c * factor * e.weight)
                    guard q > 0 else { continue }
                    let mean = max(e.weight * size / 1000 / q, 1)
                    let twoPlus = 1 - exp(-mean) * (1 + mean)
                    rows += q * (1 + (e.altPack10 > 0 ? Self.splitProbability * twoPlus : 0))
                }
            }
            return rows / Double(sizes.count)
        }
        let target = max(Double(rowsPerPractice) - focusRows, Double(rowsPerPractice) * 0.05)
        var lo = 1e-9, hi = 1e9
        for _ in 0..<60 {
            let mid = (lo * hi).squareRoot()
            if generalRows(mid) < target { lo = mid } else { hi = mid }
        }
        inclusion = hi
    }
}
