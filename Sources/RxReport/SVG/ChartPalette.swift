/// Colour-blind-safe colours for every chart and map.
///
/// - Categories: the Okabe–Ito palette (Okabe & Ito, *Color Universal Design*, 2008), designed to
///   be told apart under the common colour-vision deficiencies.
/// - Ordered classes (quintiles): five steps of viridis (van der Walt & Smith, matplotlib, 2015),
///   perceptually uniform and readable in greyscale and with deuteranopia or protanopia.
public enum ChartPalette {
    /// Okabe–Ito without black, in its published order except that yellow, faint on white,
    /// comes last: orange, sky blue, bluish green, blue, vermillion, reddish purple, yellow.
    public static let categorical = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442"]
    /// Okabe–Ito vermillion: high outliers.
    public static let high = "#D55E00"
    /// Okabe–Ito blue: low outliers.
    public static let low = "#0072B2"
    /// Okabe–Ito orange: overdispersion-adjusted limits.
    public static let adjusted = "#E69F00"
    /// Neutral grey for in-control points.
    public static let neutral = "#8C8C8C"
    /// Near-black for reference lines (the England value).
    public static let reference = "#1A1A1A"
    /// Axis and grid colours.
    public static let axis = "#444444", grid = "#E3E3E3"
    /// Fill for areas with no value.
    public static let missing = "#F2F2F2"
    /// Five viridis classes, lowest to highest: R's `viridisLite::viridis(5)`, dark purple to
    /// yellow.
    public static let quintiles = ["#440154", "#3B528B", "#21908C", "#5DC863", "#FDE725"]

    /// Text colour readable on quintile class `k` (0…4): white on the dark classes, black on the
    /// light ones.
    public static func textOnQuintile(_ k: Int) -> String { k <= 2 ? "#FFFFFF" : "#000000" }

    /// The categorical colour of series `i` (cycling).
    public static func series(_ i: Int) -> String { categorical[((i % categorical.count) + categorical.count) % categorical.count] }
}
