import Foundation
import Testing
@testable import RxAtlas
import RxData

/// A cost basis the data do not have is refused, naming the months; the default is the best one
/// the data have.
@Suite struct BiosimilarCostBasisTests {
    @Test func scottishDataHaveNoActualCost() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-basis-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let csv = dir + "/pitc.csv"
        try ("HBT,GPPractice,BNFItemCode,BNFItemDescription,NumberOfPaidItems,PaidQuantity,GrossIngredientCost,PaidDateMonth\n"
             + "S08000015,10002,1001030S0BBAAAA,Humira 40mg/0.4ml inj pfs,4,8,1234.56,202301\n"
             + "S08000015,10002,1001030S0BCAAAB,Amgevita 40mg/0.8ml inj pfs,2,4,400.00,202302\n").write(toFile: csv, atomically: true, encoding: .utf8)
        _ = try StoreIngest(options: IngestOptions(files: [csv], softwareVersion: "test")).run(store: dir + "/store")
        let store = try Store.open(at: dir + "/store")
        let error = #expect(throws: StoreError.self) {
            _ = try BiosimilarKernel.totals(store: store, catalogue: try BiosimilarCatalogue.builtIn(path: nil), costBasis: .actual)
        }
        #expect(error?.reason.contains("no actual cost for 2 month(s) (2023-01, 2023-02)") == true, "\(String(describing: error))")
        #expect(try BiosimilarCostBasis.best(store: store) == .nic)
        let totals = try BiosimilarKernel.totals(store: store, catalogue: try BiosimilarCatalogue.builtIn(path: nil), costBasis: .nic)
        #expect(totals.costBasis == .nic && totals.cost.reduce(0, +) > 0, "savings on the basis the data have are not £0")
    }
}
