/// Which definition of the systematic component of variation (SCV) to compute.
///
/// Both follow sava's `SCV(oi, ei, approx)` (Schoch, R package sava, `R/SCV.R`): the mean over
/// units of yᵢ² − 1/eᵢ, with yᵢ as below.
public enum SCVForm: Sendable, Equatable {
    /// Diehr et al. (1990), sava's default `approx = TRUE`: yᵢ = (oᵢ − eᵢ)/eᵢ.
    case diehr
    /// McPherson et al. (1982) original log form, sava's `approx = FALSE`:
    /// yᵢ = log oᵢ − log eᵢ (undefined, so nil, when any oᵢ = 0).
    case mcPherson
}
