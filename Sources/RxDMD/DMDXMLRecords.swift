import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads one dm+d XML file as records: every element whose children are all fields (elements
/// holding text only) is a record of the table ``DMDNames/table(record:list:)`` names, with its
/// fields' text by column. Lists (`<VMPS>`), the root, and elements nested deeper (the GTIN
/// file's `GTINDATA`) are not records. Streams with the system's SAX parser.
final class DMDXMLRecords: NSObject, XMLParserDelegate {
    /// One record: its table and its fields by column, in file order.
    struct Record {
        var table: String
        var fields: [(column: String, value: String)]
    }

    private let file: String
    private let emit: (Record) throws -> Void
    private var stack: [String] = []
    /// Per open element: its fields so far, and whether it has a child that is not a field.
    private var fields: [[(String, String)]] = []
    private var nested: [Bool] = []
    private var text = ""
    private var failure: Error?
    /// Whether the root element has closed.
    private var rootClosed = false
    /// Records read.
    private(set) var count = 0

    private init(file: String, emit: @escaping (Record) throws -> Void) {
        self.file = file
        self.emit = emit
    }

    /// Reads `file`, calling `emit` for each record.
    /// - Returns: how many records were read.
    /// - Throws: ``DMDError`` naming the file and line where the XML is malformed, or what `emit`
    ///   throws.
    static func read(file: String, table rename: @escaping (String) -> String = { $0 }, _ emit: @escaping (Record) throws -> Void) throws -> Int {
        guard let parser = XMLParser(contentsOf: URL(fileURLWithPath: file)) else {
            throw DMDError(file: file, reason: "cannot be read")
        }
        let reader = DMDXMLRecords(file: file) { r in try emit(Record(table: rename(r.table), fields: r.fields)) }
        parser.delegate = reader
        parser.shouldProcessNamespaces = false
        let ok = parser.parse()
        if let failure = reader.failure { throw failure }
        if !ok {
            throw DMDError(file: file, line: parser.lineNumber,
                           reason: "is not well-formed XML: \(parser.parserError.map { "\($0.localizedDescription)" } ?? "the parser stopped")")
        }
        // A file cut short can end without a parse error; its root must have closed.
        guard reader.rootClosed else {
            throw DMDError(file: file, line: parser.lineNumber,
                           reason: "is not well-formed XML: it ends inside <\(reader.stack.first ?? "?")> (cut short?)")
        }
        return reader.count
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        stack.append(name)
        fields.append([])
        nested.append(false)
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let own = fields.removeLast(), hasNested = nested.removeLast()
        stack.removeLast()
        let depth = stack.count
        if depth == 0 { rootClosed = true }
        if own.isEmpty && !hasNested {
            // A field (text only): it belongs to the element above.
            if depth > 0 { fields[depth - 1].append((name, text.trimmingCharacters(in: .whitespacesAndNewlines))) }
        } else {
            if depth > 0 { nested[depth - 1] = true }
            if !hasNested && depth >= 1 {
                let table = DMDNames.table(record: name, list: stack.last)
                let record = Record(table: table, fields: own.map { (DMDNames.column(field: $0.0, table: table), $0.1) })
                do { try emit(record) } catch {
                    failure = error
                    parser.abortParsing()
                }
                count += 1
            }
        }
        text = ""
    }
}

/// A dm+d release that cannot be imported, or a query that cannot run on it.
public struct DMDError: Error, Sendable, CustomStringConvertible {
    /// The file at fault, when there is one.
    public var file: String?
    /// The line, when known.
    public var line: Int?
    /// What is wrong.
    public var reason: String

    /// An error about `file` (at `line`).
    public init(file: String? = nil, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        guard let file else { return reason }
        return file + (line.map { ":\($0)" } ?? "") + ": " + reason
    }
}
