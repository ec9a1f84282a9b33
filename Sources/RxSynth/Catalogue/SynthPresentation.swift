/// One presentation of the generator's catalogue: a real BNF code and name with the prescribing
/// facts the generator needs.
public struct SynthPresentation: Sendable, Equatable {
    /// The 15-character BNF presentation code.
    public var code: String
    /// The BNF presentation name.
    public var name: String
    /// The 9-character BNF chemical substance code (the code's first nine characters).
    public var chemicalCode: String
    /// The chemical substance name.
    public var chemicalName: String
    /// The usual pack quantity written to QUANTITY (tablets, inhalers, pens…).
    public var packSize: Double
    /// A second pack quantity seen for this presentation, or zero if there is none.
    public var alternativePackSize: Double
    /// Net ingredient cost per unit of quantity, in pounds.
    public var unitPrice: Double
    /// ADQ usage per unit of quantity (zero where no ADQ is defined).
    public var adqPerUnit: Double
    /// National popularity: items per 1,000 registered patients per month.
    public var weight: Double
    /// The presentation's category.
    public var category: PresentationCategory
    /// A SNOMED-CT-formatted identifier (synthetic, with a valid Verhoeff check digit).
    public var snomedCode: String

    /// The two-digit BNF chapter.
    public var chapter: Int {
        let digits = code.utf8.prefix(2).map { Int($0) - 48 }
        return digits.count == 2 ? digits[0] * 10 + digits[1] : 0
    }

    /// Creates a presentation.
    public init(code: String, name: String, chemicalCode: String, chemicalName: String,
                packSize: Double, alternativePackSize: Double, unitPrice: Double, adqPerUnit: Double,
                weight: Double, category: PresentationCategory, snomedCode: String) {
        self.code = code; self.name = name; self.chemicalCode = chemicalCode
        self.chemicalName = chemicalName; self.packSize = packSize
        self.alternativePackSize = alternativePackSize; self.unitPrice = unitPrice
        self.adqPerUnit = adqPerUnit; self.weight = weight; self.category = category
        self.snomedCode = snomedCode
    }
}
