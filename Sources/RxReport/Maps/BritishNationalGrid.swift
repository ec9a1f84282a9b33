import Foundation

/// British National Grid (EPSG:27700) eastings and northings from latitude and longitude, by the
/// Ordnance Survey's published method (*A guide to coordinate systems in Great Britain*, OS,
/// v3.6 2020, Annex B and C):
///
/// 1. WGS84 (GRS80 ellipsoid) latitude/longitude → Cartesian, at height 0;
/// 2. the OS's seven-parameter Helmert transformation WGS84 → OSGB36 (stated accuracy about
///    5 m; the definitive OSTN15 grid shift is not used — a map needs metres, not centimetres);
/// 3. Cartesian → OSGB36 latitude/longitude on the Airy 1830 ellipsoid (iterated);
/// 4. the transverse Mercator projection of the National Grid (true origin 49°N 2°W, scale
///    factor 0.9996012717, false origin −100 km N, +400 km E), series to the sixth power.
///
/// A conformal projection made for Great Britain: England drawn with its true shape, unlike
/// longitude and latitude used as x and y (which stretch it east–west by about 1.6 at 52°N).
public enum BritishNationalGrid {
    /// Airy 1830 semi-axes (m).
    static let airyA = 6_377_563.396, airyB = 6_356_256.909
    /// GRS80 semi-axes (m), the WGS84 ellipsoid for this purpose.
    static let grs80A = 6_378_137.000, grs80B = 6_356_752.3141
    /// National Grid projection constants.
    static let f0 = 0.9996012717
    static let lat0 = 49.0 * .pi / 180, lon0 = -2.0 * .pi / 180
    static let e0 = 400_000.0, n0 = -100_000.0

    /// Easting and northing (m) of a WGS84 longitude/latitude in degrees.
    public static func project(longitude: Double, latitude: Double) -> (easting: Double, northing: Double) {
        let (lat, lon) = wgs84ToOSGB36(latitude: latitude * .pi / 180, longitude: longitude * .pi / 180)
        return gridFromOSGB36(latitude: lat, longitude: lon)
    }

    /// Easting and northing of an OSGB36 latitude/longitude in radians: the transverse Mercator
    /// step alone (OS guide, Annex C, equations C1–C3).
    public static func gridFromOSGB36(latitude phi: Double, longitude lambda: Double) -> (easting: Double, northing: Double) {
        let a = airyA, b = airyB
        let e2 = (a * a - b * b) / (a * a)
        let n = (a - b) / (a + b), n2 = n * n, n3 = n2 * n
        let sinPhi = sin(phi), cosPhi = cos(phi), tanPhi = tan(phi)
        let nu = a * f0 / (1 - e2 * sinPhi * sinPhi).squareRoot()
        let rho = a * f0 * (1 - e2) * pow(1 - e2 * sinPhi * sinPhi, -1.5)
        let eta2 = nu / rho - 1
        let dPhi = phi - lat0, sPhi = phi + lat0
        let m = b * f0 * ((1 + n + 5.0 / 4 * n2 + 5.0 / 4 * n3) * dPhi
            - (3 * n + 3 * n2 + 21.0 / 8 * n3) * sin(dPhi) * cos(sPhi)
            + (15.0 / 8 * n2 + 15.0 / 8 * n3) * sin(2 * dPhi) * cos(2 * sPhi)
            - 35.0 / 24 * n3 * sin(3 * dPhi) * cos(3 * sPhi))
        let cos3 = cosPhi * cosPhi * cosPhi, cos5 = cos3 * cosPhi * cosPhi
        let tan2 = tanPhi * tanPhi, tan4 = tan2 * tan2
        let i = m + n0
        let ii = nu / 2 * sinPhi * cosPhi
        let iii = nu / 24 * sinPhi * cos3 * (5 - tan2 + 9 * eta2)
        let iiiA = nu / 720 * sinPhi * cos5 * (61 - 58 * tan2 + tan4)
        let iv = nu * cosPhi
        let v = nu / 6 * cos3 * (nu / rho - tan2)
        let vi = nu / 120 * cos5 * (5 - 18 * tan2 + tan4 + 14 * eta2 - 58 * tan2 * eta2)
        let l = lambda - lon0, l2 = l * l
        let north = i + ii * l2 + iii * l2 * l2 + iiiA * l2 * l2 * l2
        let east = e0 + iv * l + v * l2 * l + vi * l2 * l2 * l
        return (east, north)
    }

    /// WGS84 → OSGB36 latitude/longitude (radians) through the OS's Helmert transformation
    /// (tx −446.448 m, ty +125.157 m, tz −542.060 m, s +20.4894 ppm, rx −0.1502″, ry −0.2470″,
    /// rz −0.8421″; OS guide, section 6.6), ellipsoid heights taken as 0.
    public static func wgs84ToOSGB36(latitude phi: Double, longitude lambda: Double) -> (latitude: Double, longitude: Double) {
        // Geodetic → Cartesian on GRS80.
        let a1 = grs80A, b1 = grs80B
        let e2a = (a1 * a1 - b1 * b1) / (a1 * a1)
        let nu1 = a1 / (1 - e2a * sin(phi) * sin(phi)).squareRoot()
        let x1 = nu1 * cos(phi) * cos(lambda)
        let y1 = nu1 * cos(phi) * sin(lambda)
        let z1 = (1 - e2a) * nu1 * sin(phi)
        // Helmert.
        let arcsec = Double.pi / (180 * 3600)
        let tx = -446.448, ty = 125.157, tz = -542.060
        let s = 20.4894e-6
        let rx = -0.1502 * arcsec, ry = -0.2470 * arcsec, rz = -0.8421 * arcsec
        let x2 = tx + (1 + s) * x1 - rz * y1 + ry * z1
        let y2 = ty + rz * x1 + (1 + s) * y1 - rx * z1
        let z2 = tz - ry * x1 + rx * y1 + (1 + s) * z1
        // Cartesian → geodetic on Airy 1830 (OS guide, B2–B5).
        let a2 = airyA, b2 = airyB
        let e2b = (a2 * a2 - b2 * b2) / (a2 * a2)
        let p = (x2 * x2 + y2 * y2).squareRoot()
        var lat = atan2(z2, p * (1 - e2b))
        for _ in 0..<10 {
            let nu = a2 / (1 - e2b * sin(lat) * sin(lat)).squareRoot()
            let next = atan2(z2 + e2b * nu * sin(lat), p)
            if abs(next - lat) < 1e-13 { lat = next; break }
            lat = next
        }
        return (lat, atan2(y2, x2))
    }
}
