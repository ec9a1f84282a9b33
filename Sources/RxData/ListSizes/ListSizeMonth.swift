/// Registered patients per practice for one month.
public struct ListSizeMonth: Sendable, Equatable {
    /// The month the list applies to.
    public var month: YearMonth
    /// Patients per practice code.
    public var practices: [String: PracticeList]

    /// Creates a month of list sizes.
    public init(month: YearMonth, practices: [String: PracticeList] = [:]) {
        self.month = month
        self.practices = practices
    }
}

/// One practice's registered list: the total and, when published, counts by sex and age band.
public struct PracticeList: Sendable, Equatable, Codable {
    /// All registered patients.
    public var total: Int64
    /// Patients by age band label as published (`0_4`, `75+`, `0-4`…), males.
    public var male: [String: Int64]
    /// Patients by age band label as published, females.
    public var female: [String: Int64]

    /// Creates a list.
    public init(total: Int64, male: [String: Int64] = [:], female: [String: Int64] = [:]) {
        self.total = total
        self.male = male
        self.female = female
    }
}
