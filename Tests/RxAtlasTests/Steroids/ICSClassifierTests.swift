import Foundation
import Testing
import RxData
@testable import RxAtlas

/// The ICS classification: hand-worked cases for every kind of rule, unseen brands, code
/// changes, and every code of the shared research tables against the published thresholds.
@Suite struct ICSClassifierTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared/data").path
    static var hasShared: Bool { FileManager.default.fileExists(atPath: shared + "/reference/bnf_ics_dose.csv") }
    static let classifier = ICSClassifier(tables: try! ICSReferenceTables.load(directory: root.appendingPathComponent("Sources/RxReference/reference/ics").path))

    static func classify(_ code: String, _ name: String? = nil) -> ICSClassification {
        classifier.classify(BNFCode(code)!, name: name)
    }

    /// (code, name, NICE 2024 class, OpenPrescribing high?, why) — each worked by hand from the
    /// bands (mcg × actuations a day) and the per-actuation thresholds.
    static let handWorked: [(String, String?, ICSDoseClass, Bool, String)] = [
        ("0302000ABBCABAD", "Fostair 200micrograms/dose / 6micrograms/dose inhaler", .high, true,
         "extrafine BDP 200 x 4 = 800 > 400; BDP/formoterol 200 >= 200"),
        ("0302000ABBCAAAB", nil, .medium, false, "extrafine BDP 100 x 4 = 400, > 200 and <= 400; 100 < 200"),
        ("0302000C0BPABBF", "Clenil Modulite_Inha 100mcg (200D)", .low, false, "standard BDP 100 x 4 = 400 <= 400; 100 < 250"),
        ("0302000C0BPADBW", "Clenil Modulite_Inha 250mcg (200D)", .high, true, "standard BDP 250 x 4 = 1000 > 800; 250 >= 250"),
        ("0302000C0BJABBF", "Qvar 100_Inha 100mcg (200 D)", .medium, false,
         "product rule: Qvar is extrafine, 100 x 4 = 400 medium (the shared generic equivalent BF is standard: low)"),
        ("0302000K0BDACAU", "Symbicort_Turbohaler 400mcg/12mcg (60 D)", .medium, true, "budesonide 400 x 2 = 800 <= 800; 400 >= 320"),
        ("0302000K0BHABAU", "DuoResp Spiromax_Inh 320mcg/9mcg (60 D)", .medium, true, "by its generic equivalent AU"),
        ("0302000K0BBAKAK", "Pulmicort_Turbohaler 100mcg (200 D)", .low, false, "budesonide 100 x 4 = 400 <= 400"),
        ("0302000U0BBABAB", "Alvesco 160_Inh 160mcg (120 D) CFF", .low, true, "ciclesonide 160 x 1 = 160 <= 160; 160 >= 160"),
        ("0302000V0BBAAAA", "Relvar Ellipta_Inha 184mcg/22mcg (30 D)", .high, true, "fluticasone furoate 184 > 92; 184 >= 184"),
        ("0302000Z0BBAAAA", "Trelegy Ellipta 92microg/55microg/22microg/dose dry pdr inh", .medium, false, "fluticasone furoate 92"),
        ("0302000R0BBADAD", "Asmanex Twisthaler_D/P Inh 400mcg (60 D)", .medium, false, "mometasone 400 x 1 <= 400; 400 is not > 400"),
        ("0302000N0BCAFBG", "Seretide 250_Evohaler 250mcg/25mcg(120D)", .high, true, "FP 250 x 4 = 1000 > 500; pMDI 250 >= 250"),
        ("0302000N0BCABAY", "Seretide 250_Accuhaler 250mcg/50mcg(60D)", .medium, false, "FP 250 x 2 = 500 <= 500; DPI 250 < 500"),
        ("0302000N0BCACAZ", "Seretide 500_Accuhaler 500mcg/50mcg(60D)", .high, true, "FP 500 x 2 = 1000; DPI 500 >= 500"),
        ("0302000AABBABAB", "Trimbow 172microg/dose / 5microg/dose / 9microg/dose inh", .high, true,
         "extrafine BDP 172 x 4 = 688 > 400; triple 172 >= 172"),
        ("0302000AABBAAAA", nil, .medium, false, "extrafine BDP 87 x 4 = 348; 87 < 172"),
        // Code changes: the same products under their former codes.
        ("0301011ABBBACAB", nil, .high, true, "Trimbow 172 before 2025 (0301011AB)"),
        ("0301011ABBBAAA0", nil, .medium, false, "Trimbow 87 before 2025: no generic (A0), product rule"),
        ("0302000C0BQABBZ", "Fostair_Inh 200mcg/6mcg (120D) CFF", .high, true, "Fostair 200 before 2026 (0302000C0%BZ)"),
        ("0301011Y0BBAAAA", nil, .high, true, "Relvar 184 before 2015 (0301011Y0)"),
        ("0302000N0BEAABM", nil, .high, true, "Relvar 184 before 2017 (0302000N0%BM)"),
        // Pulvinal 400 after 2020 shares BS with the breath-actuated pMDI: told apart by name.
        ("0302000C0BLACBS", "Pulvinal Beclomet_Inha 400mcg (100 D)", .medium, true, "DPI 400 x 2 = 800 <= 800; 400 >= 250"),
        ("0302000C0AABSBS", "Beclomet Diprop_Inha B/A 400mcg (100 D)", .high, true, "breath-actuated pMDI 400 x 4 = 1600"),
        // A brand never seen: product ZZ with the generic equivalent of Fostair 200 pMDI.
        ("0302000ABZZABAD", nil, .high, true, "unseen brand classifies with its generic equivalent AD"),
        ("0302000K0ZZAAAH", nil, .medium, true, "unseen budesonide 400 dry powder brand"),
    ]

    @Test func handWorkedCases() {
        for (code, name, nice, opHigh, why) in Self.handWorked {
            let c = Self.classify(code, name)
            #expect(c.isClassified, "\(code) classified (\(why)): \(c.unclassifiedReason)")
            #expect(c.nice2024 == nice, "\(code) NICE 2024: \(why); got \(String(describing: c.nice2024)) by \(c.nice2024Rule)")
            #expect(c.openPrescribing == (opHigh ? .high : .low), "\(code) OpenPrescribing: \(why); \(c.openPrescribingRule)")
            #expect(!c.nice2024Rule.isEmpty && !c.openPrescribingRule.isEmpty && !c.matchedBy.isEmpty)
        }
    }

    @Test func rulesAreReportedWithTheirArithmetic() {
        let c = Self.classify("0302000K0BDACAU", "Symbicort_Turbohaler 400mcg/12mcg (60 D)")
        #expect(c.nice2024Rule == "budesonide 400 mcg x 2/day = 800 mcg/day; low <= 400, medium <= 800: medium")
        #expect(c.openPrescribingRule == "budesonide 400 mcg per actuation, high when >= 320: high")
        #expect(c.matchedBy == "generic equivalent 0302000K0%AU")
        #expect(Self.classify("0302000C0BJABBF").matchedBy == "product 0302000C0BJAB")
    }

    @Test func nebulisersAreExcludedNotUnclassified() {
        for code in ["0302000K0BBAGAI", "0302000K0AABDBD", "0302000N0BBAVAV"] {
            let c = Self.classify(code)
            #expect(c.isClassified && !c.isInhaler, "\(code)")
            #expect(c.nice2024 == .excluded && c.openPrescribing == .excluded)
        }
    }

    @Test func unclassifiedPresentationsAreListedWithAReason() {
        let unknownStrength = Self.classify("0302000K0AAZZZZ")
        #expect(!unknownStrength.isClassified && unknownStrength.isInhaler)
        #expect(unknownStrength.unclassifiedReason == "no rule for chemical 0302000K0 with generic equivalent ZZ")
        let newChemical = Self.classify("0302000X0AAAAAA")
        #expect(Self.classifier.isICS(BNFCode("0302000X0AAAAAA")!) && !newChemical.isClassified)
        let ambiguous = Self.classify("0302000C0BLACBS", nil)
        #expect(!ambiguous.isClassified)
        #expect(ambiguous.unclassifiedReason.contains("has rules for DPI and pMDI"))
        // classifyAll keeps them, skips non-ICS codes, and sorts.
        let all = Self.classifier.classifyAll(["0301011R0AAAPAP", "0302000X0AAAAAA", "0302000C0BPABBF"].map { BNFCode($0)! },
                                              names: [:])
        #expect(all.map(\.code.description) == ["0302000C0BPABBF", "0302000X0AAAAAA"])
        #expect(all.filter { !$0.isClassified }.count == 1)
    }

    @Test func devicesStatedByName() {
        #expect(ICSDevice.stated(in: "Pulmicort_Turbohaler 400mcg (50 D)") == .dpi)
        #expect(ICSDevice.stated(in: "Beclomet/Formoterol_Inh 100/6 (120D) Dry") == .dpi)
        #expect(ICSDevice.stated(in: "Flixotide_Evohaler 250mcg (120 D)") == .pMDI)
        #expect(ICSDevice.stated(in: "Beclomet Diprop_Inha B/A 400mcg (100 D)") == .pMDI)
        #expect(ICSDevice.stated(in: "Pulmicort_Respule 250mcg/ml 2ml Ud") == .nebuliser)
        #expect(ICSDevice.stated(in: "Beclomet Diprop_Inha 100mcg (100 D)") == nil)  // "_Inha" says nothing
    }

    /// The published thresholds, written here independently of the reference tables: the
    /// BTS/NICE/SIGN 2024 adult bands (micrograms a day: low max, medium max) and
    /// OpenPrescribing's per-actuation rule (SOURCES.md, reviewed 2026-02).
    static func expectedNICE(ics: String, particle: String, daily: Double) -> ICSDoseClass {
        let bands: [String: (Double, Double)] = [
            "beclometasone/standard": (400, 800), "beclometasone/extrafine": (200, 400), "budesonide/": (400, 800),
            "ciclesonide/": (160, 320), "fluticasone_furoate/": (0, 92), "fluticasone_propionate/": (250, 500),
            "mometasone/": (200, 400),
        ]
        let (low, medium) = bands["\(ics)/\(particle)"]!
        return daily <= low ? .low : daily <= medium ? .medium : .high
    }

    static func expectedOpenPrescribing(ics: String, particle: String, description: String, device: String, mcg: Double) -> Bool {
        let d = description.lowercased()
        switch ics {
        case "beclometasone":
            if d.contains("trimbow") { return mcg >= 172 }
            if particle == "extrafine" && (d.contains("formoterol") || d.contains("fostair") || d.contains("/dose / 6") || d.contains("6micrograms")) {
                return mcg >= 200
            }
            return mcg >= 250
        case "budesonide": return mcg >= 320
        case "ciclesonide": return mcg >= 160
        case "fluticasone_furoate": return mcg >= 184
        case "fluticasone_propionate": return device == "pMDI" ? mcg >= 250 : mcg >= 500
        case "mometasone": return mcg > 400
        default: Issue.record("unknown ICS \(ics)"); return false
        }
    }

    /// Every presentation of the shared research table (180 codes: current, former and
    /// replaced), classified by code and name, checked against the thresholds above applied to
    /// the table's strength, device and standard dosing — and against the table's own classes.
    @Test(.enabled(if: hasShared, "needs ../shared/data/reference/bnf_ics_dose.csv"))
    func everyResearchTableCodeAgainstThePublishedThresholds() throws {
        let records = try CSVRecordReader.read(path: Self.shared + "/reference/bnf_ics_dose.csv")
        let header = records[0].fields
        func col(_ n: String) -> Int { header.firstIndex(of: n)! }
        var checked = 0
        for r in records.dropFirst() {
            let code = r.fields[col("bnf_code")], name = r.fields[col("description")]
            let c = Self.classify(code, name.replacingOccurrences(of: " [name taken from replacement code]", with: ""))
            #expect(c.isClassified, "\(code) \(name): \(c.unclassifiedReason)")
            let device = r.fields[col("device")]
            if device == "nebuliser" {
                #expect(c.nice2024 == .excluded, "\(code)")
                continue
            }
            let mcg = Double(r.fields[col("ics_mcg_per_actuation")])!
            let perDay = Double(r.fields[col("assumed_actuations_per_day")])!
            let ics = r.fields[col("ics")], particle = r.fields[col("bdp_particle")]
            let nice = Self.expectedNICE(ics: ics, particle: particle, daily: mcg * perDay)
            let op = Self.expectedOpenPrescribing(ics: ics, particle: particle, description: name, device: device, mcg: mcg)
            #expect(c.nice2024 == nice, "\(code) \(name): expected \(nice), got \(String(describing: c.nice2024)) (\(c.nice2024Rule))")
            #expect(c.openPrescribing == (op ? .high : .low), "\(code) \(name): \(c.openPrescribingRule)")
            // The research table's own columns agree.
            #expect(r.fields[col("dose_category_nice2024")] == nice.rawValue, "research table \(code)")
            #expect((r.fields[col("op_high_dose_rule_2024")] == "Y") == op, "research table \(code)")
            checked += 1
        }
        #expect(checked >= 160)
    }

    /// NHSBSA's code changes (2015–2026): wherever the former or the new code classifies, both
    /// do, with the same classes under both rules.
    @Test(.enabled(if: hasShared, "needs ../shared/data/reference/bnf_code_mapping.csv"))
    func classificationHoldsAcrossCodeChanges() throws {
        var names: [String: String] = [:]
        for r in try CSVRecordReader.read(path: Self.shared + "/reference/bnf_ics_dose.csv").dropFirst() {
            names[r.fields[0]] = r.fields[6].replacingOccurrences(of: " [name taken from replacement code]", with: "")
        }
        var pairs = 0
        for r in try CSVRecordReader.read(path: Self.shared + "/reference/bnf_code_mapping.csv").dropFirst() {
            let old = r.fields[0], new = r.fields[1]
            guard let o = BNFCode(old), let n = BNFCode(new), Self.classifier.isICS(o) || Self.classifier.isICS(n) else { continue }
            // A moved product keeps its name: the new code is named as the old one when unnamed.
            let name = names[old] ?? names[new]
            let a = Self.classify(old, name), b = Self.classify(new, names[new] ?? name)
            guard a.isClassified || b.isClassified else { continue }
            #expect(a.isClassified && b.isClassified, "\(old) -> \(new): \(a.unclassifiedReason) / \(b.unclassifiedReason)")
            #expect(a.nice2024 == b.nice2024, "\(old) -> \(new) NICE 2024")
            #expect(a.openPrescribing == b.openPrescribing, "\(old) -> \(new) OpenPrescribing")
            pairs += 1
        }
        #expect(pairs >= 35, "ICS code changes checked: \(pairs)")
    }
}

extension ICSClassifierTests {
    /// The built-in `ics_high_dose` measure (BNF filters written by hand from the same
    /// OpenPrescribing thresholds) selects exactly the research-table inhalers this classifier
    /// calls high under OpenPrescribing's rule, and its denominator exactly the inhalers.
    @Test(.enabled(if: hasShared, "needs ../shared/data/reference/bnf_ics_dose.csv"))
    func agreesWithTheBuiltInHighDoseMeasure() throws {
        let m = try #require(try MeasureLibrary.builtIn().first { $0.id == "ics_high_dose" })
        let numerator = try #require(m.numerator.filter), denominator = try #require(m.denominator.filter)
        for r in try CSVRecordReader.read(path: Self.shared + "/reference/bnf_ics_dose.csv").dropFirst() {
            let code = BNFCode(r.fields[0])!
            let c = Self.classify(r.fields[0], r.fields[6])
            #expect(denominator.matches(code) == c.isInhaler, "\(code) denominator")
            #expect(numerator.matches(code) == (c.openPrescribing == .high), "\(code) \(r.fields[6])")
        }
    }
}

extension ICSClassifierTests {
    /// Beclometasone 400 micrograms/dose breath-actuated inhaler (a pMDI, high-dose in the
    /// research table): "breath actuated" names a pMDI; and with no device word at all, each rule
    /// set still classifies it where every candidate rule agrees.
    @Test func breathActuatedIsAPressurisedInhalerAndAgreeingCandidatesClassify() {
        #expect(ICSDevice.stated(in: "Beclometasone 400micrograms/dose breath actuated inhaler") == .pMDI)
        #expect(ICSDevice.stated(in: "Qvar 100 Easi-Breathe") == .pMDI)
        let named = Self.classify("0302000C0AABSBS", "Beclometasone 400micrograms/dose breath actuated inhaler")
        #expect(named.isClassified && named.rule?.device == .pMDI, "\(named.unclassifiedReason)")
        #expect(named.openPrescribing == .high && named.nice2024 == .high)
        let unnamed = Self.classify("0302000C0AABSBS", "Beclomet Diprop 400mcg (100 D)")
        #expect(unnamed.openPrescribing == .high, "per actuation it is high whatever the device: \(unnamed.openPrescribingRule)")
        #expect(unnamed.rule == nil && unnamed.matchedBy.contains("every candidate agrees"))
    }
}

/// A share counts a presentation on both sides or on neither.
@Suite struct SteroidMeasureSidesTests {
    @Test func anUnclassifiedInhalerLeavesBothSidesOfAShare() throws {
        let classifier = ICSClassifier(tables: try ICSReferenceTables.builtIn())
        let classified = classifier.classify(BNFCode("0302000C0AABSBS")!, name: "Beclometasone 400micrograms/dose breath actuated inhaler")
        var unclassified = classifier.classify(BNFCode("0302000C0AAAAAA")!, name: "Beclomet Diprop 50mcg inhaler CFC free")
        unclassified.nice2024 = nil   // as when its candidate rules disagree under BTS/NICE/SIGN
        unclassified.unclassifiedReason = "candidate rules disagree"
        let defs = try SteroidMeasures.definitions(classifications: [classified, unclassified], library: try MeasureLibrary.builtIn())
        let nice = try #require(defs.first { $0.id == SteroidMeasures.highDoseNICE })
        let op = try #require(defs.first { $0.id == SteroidMeasures.highDoseOpenPrescribing })
        let code = unclassified.code
        #expect(try #require(nice.numerator.filter).matches(code) == false)
        #expect(try #require(nice.denominator.filter).matches(code) == false, "unclassified under NICE: in neither side")
        #expect(try #require(op.denominator.filter).matches(code) == true, "classified under OpenPrescribing's rule: counted there")
        #expect(try #require(nice.denominator.filter).matches(classified.code))
    }
}
