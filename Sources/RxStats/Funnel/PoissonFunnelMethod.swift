/// How PHE's exact Poisson funnel limits (ratios and rates) are solved.
///
/// PHEindicatormethods v2.1.0 (`R/utils.R`, `poisson_funnel`) finds the expected count at
/// which an observed count sits on the limit by bisection over `v` in (0, 1), with
/// `λ = (1 + obs) v / (1 − v)`, stopping once the step `dv` is at most 1e-7. Its answers
/// differ from the exact chi-square quantiles by up to about 5e-5 relative (at 1 event,
/// 99.8% upper limit), with a median difference near 1e-7.
public enum PoissonFunnelMethod: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Replicates PHE's bisection step for step (the comparisons use R's `ppois`), so the
    /// published values are matched to their printed precision.
    case bisection
    /// The exact answer from the chi-square (gamma) quantile: for the lower limit the
    /// expected count is `qchisq(1 − p, 2(O + 1)) / 2`, for the upper limit `qchisq(p, 2O) / 2`.
    case chiSquare
}
