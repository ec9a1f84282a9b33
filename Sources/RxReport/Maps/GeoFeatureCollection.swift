import Foundation
import RxData

/// A point on a map in British National Grid metres (x easting, y northing).
public struct GridPoint: Sendable, Equatable {
    /// Easting (m).
    public var x: Double
    /// Northing (m).
    public var y: Double

    /// Creates a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// The coordinate reference system a GeoJSON file's coordinates are in.
public enum GeoCRS: String, Sendable, Equatable {
    /// WGS84 longitude/latitude in degrees (RFC 7946 GeoJSON; `urn:ogc:def:crs:OGC:1.3:CRS84`,
    /// EPSG:4326), projected here to the British National Grid.
    case wgs84
    /// British National Grid eastings/northings in metres (EPSG:27700), used as they are.
    case britishNationalGrid
}

/// One area of a map: its properties (as text) and its polygons, each a list of rings (the
/// first the outer boundary, the rest holes) in British National Grid metres.
public struct GeoFeature: Sendable {
    /// The feature's properties, numbers and booleans as their JSON text.
    public var properties: [String: String]
    /// Polygons → rings → points, projected.
    public var polygons: [[[GridPoint]]]
}

/// A GeoJSON FeatureCollection (or a single Feature or bare Polygon/MultiPolygon geometry) read
/// with Foundation's JSONSerialization, its coordinates projected to the British National Grid.
///
/// The CRS is taken from the legacy `crs` member when it names EPSG:27700 or CRS84/EPSG:4326;
/// otherwise from the coordinates: all within ±180/±90 means longitude/latitude, all within the
/// grid's extent (−100 km…800 km E, −100 km…1,400 km N) means eastings/northings; anything else
/// is refused. Polygon and MultiPolygon geometries are drawn (holes included); null geometries
/// give a feature with no polygons; other geometry types are refused, naming the feature.
public struct GeoFeatureCollection: Sendable {
    /// The features, in file order.
    public var features: [GeoFeature]
    /// The CRS the file was in.
    public var sourceCRS: GeoCRS
    /// The file read (for messages).
    public var file: String

    /// Reads and projects a GeoJSON file.
    /// - Throws: ``RxData/InputError`` naming the file (and the feature and member at fault).
    public static func read(path: String) throws -> GeoFeatureCollection {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw InputError(file: path, reason: "cannot be read: \(error.localizedDescription)", isUnreadable: true)
        }
        return try parse(data, file: path)
    }

    /// Parses and projects GeoJSON bytes (`file` names them in errors).
    public static func parse(_ data: Data, file: String) throws -> GeoFeatureCollection {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw InputError(file: file, reason: "not valid JSON: \(error.localizedDescription)")
        }
        guard let object = root as? [String: Any], let type = object["type"] as? String else {
            throw InputError(file: file, field: "type", reason: "not a GeoJSON object (no 'type' member)")
        }
        // Raw features: properties and coordinates still in the file's CRS.
        var raw: [(properties: [String: String], polygons: [[[GridPoint]]])] = []
        switch type {
        case "FeatureCollection":
            guard let features = object["features"] as? [Any] else {
                throw InputError(file: file, field: "features", reason: "a FeatureCollection needs a 'features' array")
            }
            for (i, f) in features.enumerated() {
                guard let feature = f as? [String: Any], feature["type"] as? String == "Feature" else {
                    throw InputError(file: file, field: "features[\(i)]", reason: "not a Feature object")
                }
                raw.append(try parseFeature(feature, index: i, file: file))
            }
        case "Feature":
            raw.append(try parseFeature(object, index: 0, file: file))
        default:
            raw.append(([:], try parseGeometry(object, where: "geometry", file: file)))
        }
        let crs = try detectCRS(object, points: raw.lazy.flatMap { $0.polygons.joined().joined() }, file: file)
        let features = raw.map { f in
            GeoFeature(properties: f.properties, polygons: crs == .britishNationalGrid ? f.polygons : f.polygons.map { polygon in
                polygon.map { ring in
                    ring.map { p in
                        let g = BritishNationalGrid.project(longitude: p.x, latitude: p.y)
                        return GridPoint(x: g.easting, y: g.northing)
                    }
                }
            })
        }
        return GeoFeatureCollection(features: features, sourceCRS: crs, file: file)
    }

    /// The features' values of property `key`, failing with the properties present when a
    /// feature lacks it.
    public func keys(_ key: String) throws -> [String] {
        try features.enumerated().map { i, f in
            guard let v = f.properties[key] else {
                let known = Set(features.flatMap { $0.properties.keys }).sorted().joined(separator: ", ")
                throw InputError(file: file, field: key, reason: "feature \(i) has no property '\(key)' (properties: \(known))")
            }
            return v
        }
    }

    static func parseFeature(_ feature: [String: Any], index: Int, file: String) throws -> ([String: String], [[[GridPoint]]]) {
        var properties: [String: String] = [:]
        if let p = feature["properties"] as? [String: Any] {
            for (k, v) in p { properties[k] = text(v) }
        }
        guard let geometry = feature["geometry"], !(geometry is NSNull) else { return (properties, []) }
        guard let g = geometry as? [String: Any] else {
            throw InputError(file: file, field: "features[\(index)].geometry", reason: "not a geometry object")
        }
        return (properties, try parseGeometry(g, where: "features[\(index)].geometry", file: file))
    }

    static func parseGeometry(_ g: [String: Any], where field: String, file: String) throws -> [[[GridPoint]]] {
        let type = g["type"] as? String ?? "(none)"
        func ring(_ any: Any, _ path: String) throws -> [GridPoint] {
            guard let positions = any as? [Any] else { throw InputError(file: file, field: path, reason: "a ring must be an array of positions") }
            return try positions.enumerated().map { k, p in
                guard let xy = p as? [Any], xy.count >= 2, let x = number(xy[0]), let y = number(xy[1]), x.isFinite, y.isFinite else {
                    throw InputError(file: file, field: "\(path)[\(k)]", reason: "a position must be [x, y] numbers")
                }
                return GridPoint(x: x, y: y)
            }
        }
        func polygon(_ any: Any, _ path: String) throws -> [[GridPoint]] {
            guard let rings = any as? [Any] else { throw InputError(file: file, field: path, reason: "a polygon must be an array of rings") }
            return try rings.enumerated().map { try ring($1, "\(path)[\($0)]") }
        }
        switch type {
        case "Polygon":
            guard let c = g["coordinates"] else { throw InputError(file: file, field: "\(field).coordinates", reason: "missing") }
            return [try polygon(c, "\(field).coordinates")]
        case "MultiPolygon":
            guard let c = g["coordinates"] as? [Any] else {
                throw InputError(file: file, field: "\(field).coordinates", reason: "a MultiPolygon needs an array of polygons")
            }
            return try c.enumerated().map { try polygon($1, "\(field).coordinates[\($0)]") }
        default:
            throw InputError(file: file, field: "\(field).type",
                             reason: "geometry type '\(type)' cannot be drawn as an area (Polygon or MultiPolygon expected)")
        }
    }

    static func detectCRS<S: Sequence>(_ object: [String: Any], points: S, file: String) throws -> GeoCRS where S.Element == GridPoint {
        if let crs = object["crs"] as? [String: Any], let props = crs["properties"] as? [String: Any], let name = props["name"] as? String {
            if name.contains("27700") { return .britishNationalGrid }
            if name.contains("CRS84") || name.contains("4326") { return .wgs84 }
            throw InputError(file: file, field: "crs", reason: "coordinate reference system '\(name)' is not supported (WGS84/CRS84 or EPSG:27700)")
        }
        var degrees = true, grid = true, any = false
        for p in points {
            any = true
            if abs(p.x) > 180 || abs(p.y) > 90 { degrees = false }
            if p.x < -100_000 || p.x > 800_000 || p.y < -100_000 || p.y > 1_400_000 { grid = false }
            if !degrees && !grid { break }
        }
        if !any || degrees { return .wgs84 }
        if grid { return .britishNationalGrid }
        throw InputError(file: file, field: "coordinates",
                         reason: "coordinates are neither longitude/latitude degrees nor British National Grid metres")
    }

    static func number(_ any: Any) -> Double? {
        if let n = any as? NSNumber { return n.doubleValue }
        return nil
    }

    static func text(_ any: Any) -> String {
        switch any {
        case let s as String: return s
        case is NSNull: return ""
        case let n as NSNumber:
            let d = n.doubleValue
            return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
        default: return "\(any)"
        }
    }
}
