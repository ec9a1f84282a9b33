import Foundation
import Testing
@testable import RxStats

@Suite struct PrincipalComponentsTests {
    /// R's `USArrests` (McNeil, *Interactive Data Analysis*, 1977; World Almanac 1975):
    /// Murder, Assault, UrbanPop, Rape for the 50 US states, alphabetical.
    static let usArrests: [Double] = [
        13.2, 236, 58, 21.2, // Alabama
        10, 263, 48, 44.5, // Alaska
        8.1, 294, 80, 31, // Arizona
        8.8, 190, 50, 19.5, // Arkansas
        9, 276, 91, 40.6, // California
        7.9, 204, 78, 38.7, // Colorado
        3.3, 110, 77, 11.1, // Connecticut
        5.9, 238, 72, 15.8, // Delaware
        15.4, 335, 80, 31.9, // Florida
        17.4, 211, 60, 25.8, // Georgia
        5.3, 46, 83, 20.2, // Hawaii
        2.6, 120, 54, 14.2, // Idaho
        10.4, 249, 83, 24, // Illinois
        7.2, 113, 65, 21, // Indiana
        2.2, 56, 57, 11.3, // Iowa
        6, 115, 66, 18, // Kansas
        9.7, 109, 52, 16.3, // Kentucky
        15.4, 249, 66, 22.2, // Louisiana
        2.1, 83, 51, 7.8, // Maine
        11.3, 300, 67, 27.8, // Maryland
        4.4, 149, 85, 16.3, // Massachusetts
        12.1, 255, 74, 35.1, // Michigan
        2.7, 72, 66, 14.9, // Minnesota
        16.1, 259, 44, 17.1, // Mississippi
        9, 178, 70, 28.2, // Missouri
        6, 109, 53, 16.4, // Montana
        4.3, 102, 62, 16.5, // Nebraska
        12.2, 252, 81, 46, // Nevada
        2.1, 57, 56, 9.5, // New Hampshire
        7.4, 159, 89, 18.8, // New Jersey
        11.4, 285, 70, 32.1, // New Mexico
        11.1, 254, 86, 26.1, // New York
        13, 337, 45, 16.1, // North Carolina
        0.8, 45, 44, 7.3, // North Dakota
        7.3, 120, 75, 21.4, // Ohio
        6.6, 151, 68, 20, // Oklahoma
        4.9, 159, 67, 29.3, // Oregon
        6.3, 106, 72, 14.9, // Pennsylvania
        3.4, 174, 87, 8.3, // Rhode Island
        14.4, 279, 48, 22.5, // South Carolina
        3.8, 86, 45, 12.8, // South Dakota
        13.2, 188, 59, 26.9, // Tennessee
        12.7, 201, 80, 25.5, // Texas
        3.2, 120, 80, 22.9, // Utah
        2.2, 48, 32, 11.2, // Vermont
        8.5, 156, 63, 20.7, // Virginia
        4, 145, 73, 26.2, // Washington
        5.7, 81, 39, 9.3, // West Virginia
        2.6, 53, 66, 10.8, // Wisconsin
        6.8, 161, 60, 15.6, // Wyoming
    ]

    /// `prcomp(USArrests, scale. = TRUE)` prints standard deviations 1.5748783 0.9948694
    /// 0.5971291 0.4164494 and rotation PC1 = (−0.5358995, −0.5831836, −0.2781909,
    /// −0.5434321), PC2 = (0.4181809, 0.1879856, −0.8728062, −0.1673186) (James et al., *An
    /// Introduction to Statistical Learning*, §10.4 lab). SVD is closed-form to machine
    /// precision; the tolerance (5e-7 absolute) is half a unit in R's 7th printed digit.
    /// Loadings are compared up to sign (components are sign-ambiguous).
    @Test func usArrestsScaledMatchesPrcomp() throws {
        let pca = try PrincipalComponents(data: Self.usArrests, rows: 50, columns: 4, scaled: true)
        let sdev = [1.5748783, 0.9948694, 0.5971291, 0.4164494]
        for c in 0..<4 { #expect(abs(pca.standardDeviations[c] - sdev[c]) <= 5e-7) }
        let pc1 = [-0.5358995, -0.5831836, -0.2781909, -0.5434321]
        let pc2 = [0.4181809, 0.1879856, -0.8728062, -0.1673186]
        for (c, published) in [(0, pc1), (1, pc2)] {
            let ours = (0..<4).map { pca.loadings[$0 * 4 + c] }
            let sign: Double = (ours[0] * published[0] < 0) ? -1 : 1
            for j in 0..<4 { #expect(abs(sign * ours[j] - published[j]) <= 5e-7) }
        }
        // Proportion of variance: 0.6201 0.2474 0.0891 0.0434 (summary(prcomp)).
        for (r, e) in zip(pca.explainedVarianceRatio, [0.6201, 0.2474, 0.0891, 0.0434]) { #expect(abs(r - e) <= 5e-5) }
        #expect(relativelyClose(pca.center[1], 170.76, 1e-12))
        // Scores are the scaled data times the loadings: their column variances are sdev².
        for c in 0..<4 {
            let col = (0..<50).map { pca.scores[$0 * 4 + c] }
            let variance = col.map { $0 * $0 }.reduce(0, +) / 49
            #expect(relativelyClose(variance.squareRoot(), pca.standardDeviations[c], 1e-12))
        }
    }

    /// Unscaled PCA of a rank-1 matrix: one component carries all the variance.
    @Test func rankOneDataHasOneComponent() throws {
        let data: [Double] = [1, 2, 2, 4, 3, 6, 4, 8]
        let pca = try PrincipalComponents(data: data, rows: 4, columns: 2)
        #expect(relativelyClose(pca.explainedVarianceRatio[0], 1, 1e-12))
        #expect(relativelyClose(pca.loadings[0], 1 / 5.0.squareRoot(), 1e-12))
        #expect(relativelyClose(pca.loadings[2], 2 / 5.0.squareRoot(), 1e-12))
        #expect(pca.scale == nil)
    }

    @Test func constantColumnCannotBeScaled() {
        #expect(throws: StatsError.self) {
            try PrincipalComponents(data: [1, 5, 2, 5, 3, 5], rows: 3, columns: 2, scaled: true)
        }
    }
}
