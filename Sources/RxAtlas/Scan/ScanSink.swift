import RxData

/// Receives the rows a block scan selects (``ScanBlocks``). Only the scan layer implements it.
protocol ScanSink {
    /// One selected row: the month's practice id, its presentation id, and its values of the
    /// scan's columns (only the columns the presentation's mask names are current).
    mutating func add(practice: Int, presentation: Int, values: UnsafeMutableBufferPointer<Int64>)
}

/// Adds each selected row's value of each key's column into `acc[rowBase[practice] + key]`.
struct SumSink: ScanSink {
    let start: UnsafeBufferPointer<Int32>
    let key: UnsafeBufferPointer<Int32>
    /// Per key entry (parallel to `key`): the column index it reads.
    let column: UnsafeBufferPointer<Int32>
    let rowBase: UnsafeBufferPointer<Int>
    let acc: UnsafeMutableBufferPointer<Int64>

    @inline(__always)
    mutating func add(practice: Int, presentation q: Int, values: UnsafeMutableBufferPointer<Int64>) {
        let base = rowBase[practice]
        var h = Int(start[q])
        let hi = Int(start[q &+ 1])
        while h < hi {
            acc[base &+ Int(key[h])] &+= values[Int(column[h])]
            h &+= 1
        }
    }
}

/// ``SumSink`` for requests with one column and at most one key per presentation (chemical
/// items): the key is read straight from `keyOf[presentation]`.
struct SingleKeySink: ScanSink {
    let keyOf: UnsafeBufferPointer<Int32>
    let rowBase: UnsafeBufferPointer<Int>
    let acc: UnsafeMutableBufferPointer<Int64>

    @inline(__always)
    mutating func add(practice: Int, presentation q: Int, values: UnsafeMutableBufferPointer<Int64>) {
        acc[rowBase[practice] &+ Int(keyOf[q])] &+= values[0]
    }
}

/// Copies each selected row: its practice, its presentation and every column's value.
struct RowSink: ScanSink {
    var practice: [Int32] = []
    var presentation: [Int32] = []
    /// Column-major: column `c` of row `r` at `values[c][r]`.
    var values: [[Int64]]

    init(columns: Int) { values = Array(repeating: [], count: columns) }

    @inline(__always)
    mutating func add(practice p: Int, presentation q: Int, values v: UnsafeMutableBufferPointer<Int64>) {
        practice.append(Int32(truncatingIfNeeded: p))
        presentation.append(Int32(truncatingIfNeeded: q))
        for c in values.indices { values[c].append(v[c]) }
    }
}
