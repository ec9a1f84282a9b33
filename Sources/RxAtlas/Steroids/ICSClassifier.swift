import RxData

/// Classifies inhaled corticosteroid presentations by the BTS/NICE/SIGN 2024 adult daily-dose
/// bands and by OpenPrescribing's per-actuation high-dose thresholds, from
/// ``ICSReferenceTables``.
///
/// **Which presentations are ICS:** BNF section 3.2 (codes beginning `0302`) and the former
/// codes of ICS products filed elsewhere before NHSBSA code changes (every chemical with a rule,
/// e.g. `0301011AB` Trimbow and `0301011Y0` Relvar before they moved to `0302000AA`/`0302000V0`).
///
/// **Matching**, most specific first:
/// 1. a product-level rule covering chars 1–13 (a brand that differs from its generic
///    equivalent, or has none);
/// 2. the rules for the chemical and the generic-equivalent chars 14–15: one rule applies as it
///    is; several (one generic equivalent used by a pressurised and a powder inhaler, as after
///    the 2020 Pulvinal code change) are told apart by the device the presentation's name
///    states (``ICSDevice/stated(in:)``).
/// A presentation no rule places is returned unclassified, with the reason.
///
/// **BTS/NICE/SIGN 2024:** daily dose = micrograms per actuation × actuations a day at the
/// licensed standard adult dosing; classified by the corticosteroid's (and, for beclometasone,
/// particle's) band. **OpenPrescribing:** micrograms per actuation against the first matching
/// threshold: high, or not (``ICSDoseClass/low``). Combination inhalers classify by their ICS
/// component; nebulisers are ``ICSDoseClass/excluded`` under both rules.
public struct ICSClassifier: Sendable {
    /// The reference tables.
    public let tables: ICSReferenceTables
    private let chemicals: Set<String>
    private let byGeneric: [String: [ICSDoseRule]]
    private let byProduct: [String: [ICSDoseRule]]

    /// Creates a classifier over the tables.
    public init(tables: ICSReferenceTables) {
        self.tables = tables
        chemicals = Set(tables.rules.map(\.chemical))
        var g: [String: [ICSDoseRule]] = [:], p: [String: [ICSDoseRule]] = [:]
        for r in tables.rules {
            if let product = r.product, let fs = r.formStrength {
                p[r.chemical + product + fs, default: []].append(r)
            } else {
                g[r.chemical + r.genericEquivalent, default: []].append(r)
            }
        }
        byGeneric = g
        byProduct = p
    }

    /// Whether a presentation is an inhaled corticosteroid (see the type's documentation).
    public func isICS(_ code: BNFCode) -> Bool {
        let text = code.description
        return text.hasPrefix("0302") || (code.count >= 9 && chemicals.contains(String(text.prefix(9))))
    }

    /// Classifies every ICS presentation among `codes` (others are skipped), in code order.
    public func classifyAll(_ codes: some Sequence<BNFCode>, names: [BNFCode: String]) -> [ICSClassification] {
        Set(codes).filter(isICS).sorted().map { classify($0, name: names[$0]) }
    }

    /// Classifies one presentation.
    public func classify(_ code: BNFCode, name: String?) -> ICSClassification {
        var out = ICSClassification(code: code, name: name, rule: nil, matchedBy: "", nice2024: nil, nice2024Rule: "",
                                    openPrescribing: nil, openPrescribingRule: "", unclassifiedReason: "")
        let text = code.description
        guard code.count == 15 else {
            out.unclassifiedReason = "not a 15-character presentation code"
            return out
        }
        let chemical = String(text.prefix(9))
        let ge = String(text.suffix(2))
        let stated = name.flatMap(ICSDevice.stated(in:))
        func pick(_ candidates: [ICSDoseRule], _ what: String) -> (ICSDoseRule?, String) {
            if candidates.count == 1 { return (candidates[0], what) }
            guard let stated else {
                let devices = candidates.map(\.device.rawValue).joined(separator: " and ")
                return (nil, "\(what) has rules for \(devices); the presentation's name does not state its device")
            }
            guard let r = candidates.first(where: { $0.device == stated }) else {
                return (nil, "\(what) has no rule for the \(stated.rawValue) its name states")
            }
            return (r, "\(what), \(stated.rawValue) by name")
        }

        let rule: ICSDoseRule?
        let how: String
        let candidates: [ICSDoseRule]
        if let product = byProduct[String(text.prefix(13))] {
            candidates = product
            (rule, how) = pick(product, "product \(text.prefix(13))")
        } else if let generic = byGeneric[chemical + ge] {
            candidates = generic
            (rule, how) = pick(generic, "generic equivalent \(chemical)%\(ge)")
        } else {
            out.unclassifiedReason = ge == "A0"
                ? "no generic equivalent (A0) and no product rule for \(text.prefix(13))"
                : "no rule for chemical \(chemical) with generic equivalent \(ge)"
            return out
        }
        guard let rule else {
            // Several rules and no device to choose between them: a rule set still classifies the
            // presentation when every candidate gives the same class under it (a 400 mcg/dose
            // beclometasone is high-dose per actuation whatever the device); it is unclassified
            // only under a rule set whose candidates disagree.
            let classes = candidates.filter { $0.device != .nebuliser }.map(self.classes)
            guard !classes.isEmpty, classes.count == candidates.count else {
                out.unclassifiedReason = how
                return out
            }
            out.matchedBy = how + "; classified where every candidate agrees"
            if let c = classes[0].nice, classes.allSatisfy({ $0.nice == c }) {
                out.nice2024 = c
                out.nice2024Rule = "every candidate rule: \(c.rawValue) (" + classes.map(\.niceRule).joined(separator: " | ") + ")"
            } else {
                out.nice2024Rule = "candidate rules disagree: " + classes.map(\.niceRule).joined(separator: " | ")
            }
            if let c = classes[0].op, classes.allSatisfy({ $0.op == c }) {
                out.openPrescribing = c
                out.openPrescribingRule = "every candidate rule: \(c.rawValue) (" + classes.map(\.opRule).joined(separator: " | ") + ")"
            } else {
                out.openPrescribingRule = "candidate rules disagree: " + classes.map(\.opRule).joined(separator: " | ")
            }
            out.unclassifiedReason = out.isClassified ? "" : how
            return out
        }
        out.rule = rule
        out.matchedBy = how
        if rule.device == .nebuliser {
            out.nice2024 = .excluded
            out.openPrescribing = .excluded
            out.nice2024Rule = "nebuliser: outside the ICS inhaler measures"
            out.openPrescribingRule = out.nice2024Rule
            return out
        }
        let c = classes(rule)
        out.nice2024 = c.nice
        out.nice2024Rule = c.niceRule
        out.openPrescribing = c.op
        out.openPrescribingRule = c.opRule
        if c.nice == nil { out.unclassifiedReason = c.niceRule }
        if c.op == nil { out.unclassifiedReason = [out.unclassifiedReason, c.opRule].filter { !$0.isEmpty }.joined(separator: "; ") }
        return out
    }

    /// The classes an inhaler rule gives under each rule set, with the reasoning.
    func classes(_ rule: ICSDoseRule) -> (nice: ICSDoseClass?, niceRule: String, op: ICSDoseClass?, opRule: String) {
        let mcg = rule.mcgPerActuation!, perDay = rule.actuationsPerDay!
        let what = rule.ics + (rule.particle.isEmpty ? "" : " (\(rule.particle))")
        var nice: ICSDoseClass? = nil, op: ICSDoseClass? = nil
        let niceRule: String, opRule: String
        if let band = tables.band(for: rule) {
            let daily = mcg * perDay
            let c = band.classify(dailyMcg: daily)
            nice = c
            let n = ICSNumber.text
            niceRule = "\(what) \(n(mcg)) mcg x \(n(perDay))/day = \(n(daily)) mcg/day; low <= \(n(band.lowMax)), medium <= \(n(band.mediumMax)): \(c.rawValue)"
        } else {
            niceRule = "no BTS/NICE/SIGN 2024 band for \(what)"
        }
        if let t = tables.threshold(for: rule) {
            let high = t.isHigh(mcg)
            op = high ? .high : .low
            opRule = "\(what) \(ICSNumber.text(mcg)) mcg per actuation, high when \(t.comparisonText): \(high ? "high" : "not high")"
        } else {
            opRule = "no OpenPrescribing threshold for \(what)"
        }
        return (nice, niceRule, op, opRule)
    }
}
