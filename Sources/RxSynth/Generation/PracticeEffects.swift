/// A practice's random effects: mean-one gamma multipliers per prescribing area (overdispersion
/// beyond Poisson), a biosimilar propensity, and an age tilt of its list; plus any planted outlier.
struct PracticeEffects: Sendable {
    /// Overall prescribing volume (CV ≈ 0.25).
    var overall: Double
    /// Per BNF chapter (index = chapter number, CV ≈ 0.3).
    var chapter: [Double]
    /// ICS and SABA inhalers (CV ≈ 0.4).
    var respiratory: Double
    /// Extra multiplier on high-dose ICS only: variation in the high-dose share (CV ≈ 0.29).
    var highDoseTilt: Double
    /// Oral prednisolone (CV ≈ 0.5).
    var oralSteroid: Double
    /// Biologics overall (CV ≈ 0.58).
    var biologic: Double
    /// Fraction of brand-level biologic prescribing that goes to biosimilars (Beta(2,2)).
    var biosimilarShare: Double
    /// Age structure of the list: positive = older (and more prescribing).
    var ageTilt: Double

    /// Neutral effects (used for the unidentified-prescriber bucket).
    static let neutral = PracticeEffects(overall: 1, chapter: Array(repeating: 1, count: 24), respiratory: 1,
                                         highDoseTilt: 1, oralSteroid: 1, biologic: 1, biosimilarShare: 0.5, ageTilt: 0)

    /// The effects of practice `index`, from the seed.
    init(seed: UInt64, practice index: Int, planted: PlantedOutlier.Kind?) {
        var rng = Xoshiro256StarStar(keys: seed, UInt64(index), 0x4546_4654)
        ageTilt = 0.3 * rng.standardNormal()
        overall = rng.meanOneGamma(shape: 16) * (1 + 0.5 * ageTilt)
        chapter = (0..<24).map { _ in rng.meanOneGamma(shape: 11) }
        respiratory = rng.meanOneGamma(shape: 6)
        highDoseTilt = rng.meanOneGamma(shape: 12)
        oralSteroid = rng.meanOneGamma(shape: 4)
        biologic = rng.meanOneGamma(shape: 3)
        biosimilarShare = rng.beta(2, 2)
        switch planted {
        case .highDoseICS?: highDoseTilt = max(1, highDoseTilt) * PlantedOutlier.Kind.highDoseICS.factor
        case .oralPrednisolone?: oralSteroid = max(1, oralSteroid) * PlantedOutlier.Kind.oralPrednisolone.factor
        case .originatorOnlyBiologics?: biosimilarShare = 0; biologic = max(1, biologic)
        case .lowBiosimilarUptake?: biosimilarShare = PlantedOutlier.Kind.lowBiosimilarUptake.factor; biologic = max(1, biologic)
        case nil: break
        }
    }

    private init(overall: Double, chapter: [Double], respiratory: Double, highDoseTilt: Double, oralSteroid: Double,
                 biologic: Double, biosimilarShare: Double, ageTilt: Double) {
        self.overall = overall; self.chapter = chapter; self.respiratory = respiratory
        self.highDoseTilt = highDoseTilt; self.oralSteroid = oralSteroid; self.biologic = biologic
        self.biosimilarShare = biosimilarShare; self.ageTilt = ageTilt
    }

    /// The multiplier on the expected items of a presentation of `category` in `chapter`.
    func multiplier(_ category: PresentationCategory, chapter ch: Int, originatorOnly: Bool) -> Double {
        let base = overall * chapter[min(max(ch, 0), 23)]
        switch category {
        case .general: return base
        case .icsLow, .icsMedium, .icsNebuliser, .saba: return base * respiratory
        case .icsHigh: return base * respiratory * highDoseTilt
        case .oralPrednisolone: return base * oralSteroid
        case .biologicOriginator: return overall * biologic * (originatorOnly ? 2 : 2 * (1 - biosimilarShare))
        case .biologicBiosimilar: return overall * biologic * 2 * biosimilarShare
        case .biologicGeneric: return originatorOnly ? 0 : overall * biologic
        case .biologicOther: return overall * biologic
        }
    }
}
