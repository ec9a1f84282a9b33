import RxAtlas
import RxData

/// A measure in `GET /api/v1/measures`.
struct MeasureSummary: Codable, Sendable {
    var id: String, name: String, description: String
    var isPercentage: Bool
    /// nil when the measure has no direction.
    var lowIsGood: Bool?
    var tags: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, description, isPercentage = "is_percentage", lowIsGood = "low_is_good", tags
    }

    init(_ d: MeasureDefinition) {
        id = d.id
        name = d.name
        description = d.description
        isPercentage = d.isPercentage
        lowIsGood = d.hasDirection ? d.lowIsGood : nil
        tags = d.tags
    }
}

/// One month's deciles in `GET /api/v1/measures/{id}/deciles`.
struct DecileRow: Codable, Sendable {
    var month: String
    var nation: String?
    /// p10 … p90; nil where the month has no value.
    var deciles: [Double?]
}

/// `GET /api/v1/atlas/{id}`: the Atlas summary and the funnel's points.
struct AtlasAnswer: Codable, Sendable {
    struct Point: Codable, Sendable {
        var orgCode: String, numerator: Double, denominator: Double, value: Double
        var z: Double?, flag: String?, flagAdjusted: String?
        enum CodingKeys: String, CodingKey {
            case orgCode = "org_code", numerator, denominator, value, z, flag, flagAdjusted = "flag_adjusted"
        }
    }
    var measure: String, level: String, nation: String?, from: String, to: String, units: Int
    var national: Double?, nationalLower95: Double?, nationalUpper95: Double?
    var minimum: Double?, maximum: Double?, foldRange: Double?, p95ToP5: Double?, extremalQuotient: Double?
    var phi: Double?, tau2: Double?
    var points: [Point]

    enum CodingKeys: String, CodingKey {
        case measure, level, nation, from, to, units, national, nationalLower95 = "national_lower95",
             nationalUpper95 = "national_upper95", minimum, maximum, foldRange = "fold_range", p95ToP5 = "p95_p5",
             extremalQuotient = "eq", phi, tau2, points
    }

    init(_ r: AtlasResult) {
        let s = r.summary
        measure = r.measureID
        level = MeasureOutput.levelName(r.level)
        nation = r.nation
        from = r.period.lowerBound.description
        to = r.period.upperBound.description
        units = r.units.count
        national = s?.pooled
        nationalLower95 = s?.pooledLower
        nationalUpper95 = s?.pooledUpper
        minimum = s?.minimum
        maximum = s?.maximum
        foldRange = s?.foldRange
        p95ToP5 = s?.p95ToP5
        extremalQuotient = r.extremalQuotient
        phi = r.funnelAdjusted?.summary.phi
        tau2 = r.funnelAdjusted?.summary.tau2
        points = r.units.indices.map { i in
            Point(orgCode: r.units[i], numerator: r.numerators[i], denominator: r.denominators[i],
                  value: r.numerators[i] / r.denominators[i] * r.multiplier, z: r.funnel?.funnel.z[i],
                  flag: r.funnel?.funnel.flags[i].rawValue, flagAdjusted: r.funnelAdjusted?.funnel.flags[i].rawValue)
        }
    }
}

/// An organisation in search results and `GET /api/v1/orgs/{code}`.
struct OrgSummary: Codable, Sendable, Equatable {
    var level: String, code: String, name: String?
}

/// `GET /api/v1/orgs/{code}`: the organisation, its parents and children, and where it stands on
/// every measure over the Atlas period.
struct OrgAnswer: Codable, Sendable {
    struct Standing: Codable, Sendable {
        var measure: String, name: String, value: Double
        /// The value's 95% interval (from the funnel analysis), when the measure has one.
        var lower95: Double?, upper95: Double?
        /// 1 = highest value, of `units` (the organisation's nation's units at its level).
        var rank: Int, units: Int
        var z: Double?, flag: String?, flagAdjusted: String?
        enum CodingKeys: String, CodingKey {
            case measure, name, value, lower95, upper95, rank, units, z, flag, flagAdjusted = "flag_adjusted"
        }
    }
    var org: OrgSummary
    var parents: [OrgSummary]
    var children: [OrgSummary]
    var from: String, to: String
    var measures: [Standing]
}

/// One organisation × molecule in `GET /api/v1/biosimilars`: uptake, spend and the savings of
/// the scenario asked for (pounds over the period, and annualised).
struct BiosimilarAnswer: Codable, Sendable {
    var molecule: String, level: String, orgCode: String, orgName: String?
    var uptake: Double?, originatorCost: Double, biosimilarCost: Double
    var savingFullSwitch: Double, savingTargetUptake: Double, savingScenario: Double
    var annualisedFullSwitch: Double, annualisedScenario: Double

    enum CodingKeys: String, CodingKey {
        case molecule, level, orgCode = "org_code", orgName = "org_name", uptake, originatorCost = "originator_cost",
             biosimilarCost = "biosimilar_cost", savingFullSwitch = "saving_full_switch", savingTargetUptake = "saving_target_uptake",
             savingScenario = "saving_scenario", annualisedFullSwitch = "annualised_full_switch", annualisedScenario = "annualised_scenario"
    }

    /// The row of opportunity `o` of `result`, whose one sensitivity scenario is the one asked for.
    init(_ o: BiosimilarOpportunity, of result: BiosimilarResult) {
        molecule = o.molecule
        level = MeasureOutput.levelName(o.level)
        orgCode = o.orgCode
        orgName = o.orgName
        uptake = o.uptake.isNaN ? nil : o.uptake
        originatorCost = o.originatorCost
        biosimilarCost = o.biosimilarCost
        savingFullSwitch = o.fullSwitch
        savingTargetUptake = o.targetUptake
        savingScenario = o.sensitivity[0]
        annualisedFullSwitch = result.annualised(o.fullSwitch)
        annualisedScenario = result.annualised(o.sensitivity[0])
    }
}

/// A ranked steroid outlier in `GET /api/v1/steroids/outliers`.
struct SteroidAnswer: Codable, Sendable {
    var measure: String, level: String, nation: String?, rank: Int, orgCode: String, orgName: String?
    var value: Double, national: Double, excess: Double, z: Double?, flagAdjusted: String?, persistent: Bool?

    enum CodingKeys: String, CodingKey {
        case measure, level, nation, rank, orgCode = "org_code", orgName = "org_name", value, national, excess, z,
             flagAdjusted = "flag_adjusted", persistent
    }

    init(_ o: SteroidRankedOutlier) {
        let r = o.row
        measure = r.measureID
        level = MeasureOutput.levelName(r.level)
        nation = r.nation
        rank = o.rank
        orgCode = r.orgCode
        orgName = r.orgName
        value = r.value
        national = r.national
        excess = r.excess
        z = r.z.isNaN ? nil : r.z
        flagAdjusted = r.flagAdjusted?.rawValue
        persistent = r.persistent
    }
}
