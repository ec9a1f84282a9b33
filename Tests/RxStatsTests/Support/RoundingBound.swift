/// Tolerances derived from the size of the problem, so that they hold for every correct BLAS
/// kernel (kernels sum in different orders and may fuse multiply–adds), not for one machine.
///
/// The bounds are Higham's (*Accuracy and Stability of Numerical Algorithms*, 2nd ed.): a sum of
/// n terms computed in any order has an absolute error at most γₙ·Σ|xᵢ|, γₙ = nε/(1 − nε). When
/// two computations of the same quantity are compared, both errors count.
enum RoundingBound {
    /// γₙ for unit roundoff u = ε/2 (the model Higham uses), widened to ε for a margin.
    static func gamma(_ n: Int) -> Double {
        let nu = Double(n) * Double.ulpOfOne
        return nu / (1 - nu)
    }

    /// The largest difference between two computations of an n-term sum whose terms' absolute
    /// values add up to `magnitude`.
    static func sum(terms n: Int, magnitude: Double) -> Double {
        2 * gamma(n) * magnitude
    }
}
