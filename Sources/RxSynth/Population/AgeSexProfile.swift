/// Splits a practice list into the 40 five-year age bands by sex of the "Patients Registered at
/// a GP Practice" files. The base shape is England's registered population (rounded ONS mid-year
/// shares); each practice tilts it towards younger or older patients.
public enum AgeSexProfile {
    /// The age-band labels in file order (`0_4` … `90_94`, `95+`).
    public static let bands: [String] = (0..<19).map { "\($0 * 5)_\($0 * 5 + 4)" } + ["95+"]

    /// Percent of the population in each band (both sexes).
    static let share: [Double] = [5.4, 6.0, 6.0, 5.7, 6.0, 6.6, 6.9, 6.7, 6.3, 6.2,
                                  6.9, 6.8, 5.9, 5.0, 4.9, 3.7, 2.4, 1.5, 0.7, 0.2]
    /// Female fraction of each band.
    static let female: [Double] = [0.488, 0.488, 0.487, 0.486, 0.49, 0.5, 0.505, 0.505, 0.503, 0.505,
                                   0.507, 0.507, 0.51, 0.515, 0.525, 0.54, 0.565, 0.6, 0.66, 0.75]

    /// Patients per (sex, band) for a list of `total`, tilted by `ageTilt` (0 = national shape;
    /// positive = older). Returns (female, male), 20 bands each, summing exactly to `total`.
    public static func split(total: Int, ageTilt: Double) -> (female: [Int], male: [Int]) {
        var weights: [Double] = []
        for b in 0..<20 {
            let w = share[b] * exp(ageTilt * (Double(b) - 9.5) / 6)
            weights.append(w * female[b])
            weights.append(w * (1 - female[b]))
        }
        let counts = Apportion.split(total, weights: weights, minimum: 0)
        return ((0..<20).map { counts[2 * $0] }, (0..<20).map { counts[2 * $0 + 1] })
    }
}

import Foundation
