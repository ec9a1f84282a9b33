import Testing
import RxData
@testable import RxAtlas

@Suite struct MeasureDefinitionTests {
    @Test func sidesNameTheirStoreColumns() throws {
        let ics = try BNFFilter(["0302000C0", "0302000N0"])
        let m = MeasureDefinition(id: "ics_per_1000", name: "ICS per 1,000", isPercentage: false, lowIsGood: true,
                                  isCostBased: false, numerator: .init(quantity: .items, filter: ics),
                                  denominator: .init(quantity: .listSize, filter: nil), minimumDenominator: 1)
        #expect(m.numerator.quantity.measure == .items)
        #expect(m.denominator.quantity.measure == nil)
        #expect(MeasureDefinition.SideQuantity(rawValue: "actual_cost") == .actualCost)
    }
}
