import Foundation

/// Writes one practice-month of prescribing rows into a ``RowBuffer``: England's EPD (2025+
/// EPD_SNOMED layout) or Scotland's Prescriptions in the Community (``Layout``). The draws are
/// the same in both; only the row text differs.
struct EPDRowWriter {
    /// The row layout written.
    enum Layout: Sendable {
        /// EPD: `YEAR_MONTH,` + the prescriber's prefix + the presentation's columns + amounts.
        case epd
        /// PITC: the prescriber's prefix (`HBT,GPPractice,`) + the presentation's columns +
        /// `NumberOfPaidItems,PaidQuantity,GrossIngredientCost,PaidDateMonth`.
        case pitc
    }

    /// The PITC header (the layout of the files from 2023 on).
    static let pitcHeader = ["HBT", "GPPractice", "DMDCode", "BNFItemCode", "BNFItemDescription", "ClassOfPreparationCode",
                             "PrescribedType", "NumberOfPaidItems", "PaidQuantity", "GrossIngredientCost", "PaidDateMonth"]

    /// The 27 column names of the 2025+ EPD_SNOMED layout, in order.
    static let header = ["YEAR_MONTH", "REGIONAL_OFFICE_NAME", "REGIONAL_OFFICE_CODE", "ICB_NAME", "ICB_CODE",
        "PCO_NAME", "PCO_CODE", "PRACTICE_NAME", "PRACTICE_CODE", "ADDRESS_1", "ADDRESS_2", "ADDRESS_3",
        "ADDRESS_4", "POSTCODE", "BNF_CHEMICAL_SUBSTANCE_CODE", "BNF_CHEMICAL_SUBSTANCE", "BNF_PRESENTATION_CODE",
        "BNF_PRESENTATION_NAME", "BNF_CHAPTER_PLUS_CODE", "QUANTITY", "ITEMS", "TOTAL_QUANTITY", "ADQ_USAGE", "NIC",
        "ACTUAL_COST", "UNIDENTIFIED", "SNOMED_CODE"]

    /// A prescriber as the writer sees it.
    struct Prescriber {
        /// `YEAR_MONTH` excluded: `REGION,…,POSTCODE,` as CSV bytes.
        var prefix: [UInt8]
        /// Key of the prescriber's random streams.
        var key: UInt64
        var listSize: Int
        var effects: PracticeEffects
        var originatorOnly: Bool
        var unidentified: Bool
    }

    let model: PrescribingModel
    let seed: UInt64
    var layout: Layout = .epd

    /// Seasonal factor for respiratory and steroid prescribing (winter peak), by calendar month.
    static func respiratorySeason(_ month: Int) -> Double { 1 + 0.12 * cos(2 * Double.pi * Double(month - 1) / 12) }
    /// Seasonal factor for everything else.
    static func generalSeason(_ month: Int) -> Double { 1 + 0.03 * cos(2 * Double.pi * Double(month - 1) / 12) }

    /// Writes the rows of `prescriber` for month `monthOrdinal`; returns the number of rows.
    func write(_ prescriber: Prescriber, monthOrdinal: Int, calendarMonth: Int, monthBytes: [UInt8],
               into out: RowBuffer) throws -> Int {
        var rng = Xoshiro256StarStar(keys: seed, prescriber.key, UInt64(monthOrdinal), 0x524F_5753)
        let scale = Double(prescriber.listSize) / 1000 * max(0.5, 1 + 0.04 * rng.standardNormal())
        let size = pow(Double(prescriber.listSize) / PrescribingModel.referenceListSize, 0.35)
        let respSeason = Self.respiratorySeason(calendarMonth), genSeason = Self.generalSeason(calendarMonth)
        let discount = 0.9279 + 0.004 * sin(Double(monthOrdinal))
        let c = model.inclusion * size
        var rows = 0
        let pitc = layout == .pitc
        var multipliers = [Double](repeating: 0, count: 24 * 11)
        var computed = [Bool](repeating: false, count: 24 * 11)
        for (i, e) in model.entries.enumerated() {
            let slot = e.slot
            if !computed[slot] {
                multipliers[slot] = prescriber.effects.multiplier(e.category, chapter: e.chapter,
                                                                  originatorOnly: prescriber.originatorOnly)
                computed[slot] = true
            }
            let season = (e.category == .general || e.category.isBiologic) ? genSeason : respSeason
            let mean = e.weight * scale * multipliers[slot] * season
            var items: Int
            if e.isFocus {
                items = rng.poisson(mean: mean)
                if items == 0 { continue }
            } else {
                let q = min(1, c * e.weight)
                let stable = SplitMix64.unit(seed, prescriber.key, UInt64(i), 0x494E_434C)
                guard stable < q * 0.9 || rng.uniform() < q * 0.1 else { continue }
                items = max(1, rng.poisson(mean: mean / q))
            }
            if e.altPack10 > 0 && items >= 2 && rng.uniform() < PrescribingModel.splitProbability {
                let first = 1 + Int(rng.next() % UInt64(items - 1))
                if pitc {
                    emitPITC(e, pack10: e.pack10, items: first, prescriber, monthBytes, &rng, out)
                    emitPITC(e, pack10: e.altPack10, items: items - first, prescriber, monthBytes, &rng, out)
                } else {
                    emit(e, pack10: e.pack10, items: first, prescriber, monthBytes, discount, &rng, out)
                    emit(e, pack10: e.altPack10, items: items - first, prescriber, monthBytes, discount, &rng, out)
                }
                rows += 2
            } else {
                if pitc {
                    emitPITC(e, pack10: e.pack10, items: items, prescriber, monthBytes, &rng, out)
                } else {
                    emit(e, pack10: e.pack10, items: items, prescriber, monthBytes, discount, &rng, out)
                }
                rows += 1
            }
            try out.flushIfNeeded()
        }
        return rows
    }

    /// One PITC row (``Layout/pitc``): the draws are those of ``emit``, the text PITC's.
    @inline(never)
    private func emitPITC(_ e: PrescribingModel.Entry, pack10: Int, items: Int, _ p: Prescriber, _ monthBytes: [UInt8],
                          _ rng: inout Xoshiro256StarStar, _ out: RowBuffer) {
        let total10 = pack10 * items
        let quantity = Double(total10) / 10
        var pence = Int((quantity * e.unitPrice * 100).rounded())
        if pence == 0 { pence = 1 }
        if rng.next() % 20_000 == 0 { pence = -pence }   // adjustments, as published
        out.append(p.prefix)
        model.pitcText.withUnsafeBufferPointer { t in out.append(UnsafeBufferPointer(rebasing: t[e.pitcMiddle])) }
        out.append(int: items)
        out.append(byte: 0x2C)
        out.append(fixed: total10, decimals: 1)
        out.append(byte: 0x2C)
        out.append(fixed: pence, decimals: 2)
        out.append(byte: 0x2C)
        out.append(monthBytes)
        out.append(byte: 0x0A)
    }

    @inline(__always)
    private func emit(_ e: PrescribingModel.Entry, pack10: Int, items: Int, _ p: Prescriber, _ monthBytes: [UInt8],
                      _ discount: Double, _ rng: inout Xoshiro256StarStar, _ out: RowBuffer) {
        let total10 = pack10 * items
        let quantity = Double(total10) / 10
        var pence = Int((quantity * e.unitPrice * 100).rounded())
        if pence == 0 { pence = 1 }
        var actual = Int((Double(pence) * 1000 * discount).rounded())
        if rng.next() % 20_000 == 0 { pence = -pence; actual = -actual }   // adjustments, as published
        let adq = Int((quantity * e.adqPerUnit * 100_000).rounded())
        out.append(monthBytes)
        out.append(p.prefix)
        model.text.withUnsafeBufferPointer { t in
            out.append(UnsafeBufferPointer(rebasing: t[e.middle]))
        }
        out.append(fixed: pack10, decimals: 1)
        out.append(byte: 0x2C)
        out.append(int: items)
        out.append(byte: 0x2C)
        out.append(fixed: total10, decimals: 1)
        out.append(byte: 0x2C)
        out.append(fixed: adq, decimals: 5, trim: true)
        out.append(byte: 0x2C)
        out.append(fixed: pence, decimals: 2)
        out.append(byte: 0x2C)
        out.append(fixed: actual, decimals: 5, trim: true)
        model.text.withUnsafeBufferPointer { t in
            out.append(UnsafeBufferPointer(rebasing: t[p.unidentified ? e.tailUnidentified : e.tailIdentified]))
        }
    }
}
