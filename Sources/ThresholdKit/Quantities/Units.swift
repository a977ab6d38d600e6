// Units, their dimensions and their exact scale factors.

/// What a quantity measures. Quantities of different dimensions are never compared: a count of
/// operations is not a rate, and neither is money.
///
/// (Named `QuantityDimension` rather than `Dimension` so that it cannot clash with Foundation's
/// `Dimension` class in code that imports both.)
public enum QuantityDimension: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A count of operations (training compute). Base unit: `FLOP`.
    case operations
    /// A rate of operations (cluster or chip capacity). Base unit: `FLOP/s`.
    case operationsPerSecond = "operations-per-second"
    /// An amount of money in some currency (revenue, spend). Base unit: one unit of the currency.
    case money
    /// A data rate (interconnect). Base unit: `bit/s`.
    case bandwidth
    /// A plain number with no unit (a count of chips, a utilisation, a bare fact before its
    /// default unit is applied).
    case dimensionless

    /// The symbol of the base unit in which values of this dimension are held: `FLOP`, `FLOP/s`,
    /// `bit/s`; `nil` for money (its unit is the currency) and for plain numbers.
    public var baseUnit: String? {
        switch self {
        case .operations: return "FLOP"
        case .operationsPerSecond: return "FLOP/s"
        case .bandwidth: return "bit/s"
        case .money, .dimensionless: return nil
        }
    }

    /// A phrase for messages: "a count of operations (FLOP)", "an amount of money", ….
    public var description: String {
        switch self {
        case .operations: return "a count of operations (FLOP)"
        case .operationsPerSecond: return "a rate of operations (FLOP/s)"
        case .money: return "an amount of money"
        case .bandwidth: return "a bandwidth (bit/s)"
        case .dimensionless: return "a plain number"
        }
    }
}

/// One accepted spelling of a unit: its dimension, the exact factor to the base unit and, for
/// money, the ISO 4217 code. A plain value with no references, so the scanner copies it freely;
/// the strings a parse returns are made once, in ``UnitTable/names`` and
/// ``UnitTable/currencies``.
struct QuantityUnit: Sendable {
    let spelling: StaticString
    /// The length of `spelling` in UTF-8 bytes.
    let length: Int
    let dimension: QuantityDimension
    /// The factor to the base unit is `scaleCoefficient × 10^scaleExponent`.
    let scaleCoefficient: UInt64
    let scaleExponent: Int
    /// The three ASCII letters of the ISO 4217 code, packed little-endian; 0 when not money.
    let packedCurrency: UInt32
    /// The index in ``UnitTable/units``, or −1 for a bare ISO 4217 code.
    fileprivate(set) var tableIndex = -1

    init(
        _ spelling: StaticString, _ dimension: QuantityDimension, _ coefficient: UInt64 = 1,
        exponent: Int = 0, currency: StaticString? = nil
    ) {
        self.spelling = spelling
        self.length = spelling.withUTF8Buffer { $0.count }
        self.dimension = dimension
        self.scaleCoefficient = coefficient
        self.scaleExponent = exponent
        self.packedCurrency =
            currency.map { code in
                code.withUTF8Buffer { QuantityUnit.pack($0[0], $0[1], $0[2]) }
            } ?? 0
    }

    /// A money unit for an ISO 4217 code given as three ASCII capitals.
    init(code a: UInt8, _ b: UInt8, _ c: UInt8) {
        self.spelling = "ISO 4217"
        self.length = 3
        self.dimension = .money
        self.scaleCoefficient = 1
        self.scaleExponent = 0
        self.packedCurrency = QuantityUnit.pack(a, b, c)
    }

    @inline(__always)
    private static func pack(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16
    }

    /// The exact factor to the base unit.
    var scale: ExactDecimal { ExactDecimal(small: scaleCoefficient, exponent: scaleExponent, isNegative: false) }

    /// Whether the factor to the base unit is 1.
    var hasUnitScale: Bool { scaleCoefficient == 1 && scaleExponent == 0 }

    /// The spelling as a `String` (from the table when possible).
    var name: String {
        tableIndex >= 0 ? UnitTable.names[tableIndex] : currency ?? ""
    }

    /// The ISO 4217 code, for money (from the table when possible).
    var currency: String? {
        if tableIndex >= 0 { return UnitTable.currencies[tableIndex] }
        guard packedCurrency != 0 else { return nil }
        var letters = (
            UInt8(truncatingIfNeeded: packedCurrency), UInt8(truncatingIfNeeded: packedCurrency >> 8),
            UInt8(truncatingIfNeeded: packedCurrency >> 16)
        )
        return withUnsafeBytes(of: &letters) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether the spelling is exactly `bytes`.
    @inline(__always)
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == length else { return false }
        return spelling.withUTF8Buffer { own in
            for index in 0..<own.count where own[index] != bytes[index] { return false }
            return true
        }
    }
}

/// The unit tables and look-ups behind ``QuantityParser``.
enum UnitTable {
    /// Every accepted unit spelling other than bare ISO 4217 codes (which are looked up in
    /// ``isoCurrencyCodes``). Order matters only for "did you mean" ties: earlier wins.
    static let units: [QuantityUnit] = spellings.enumerated().map { index, unit in
        var unit = unit
        unit.tableIndex = index
        return unit
    }

    /// The spellings of ``units`` as strings, made once.
    static let names: [String] = spellings.map { unit in
        unit.spelling.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }

    /// The currency codes of ``units`` as strings, made once.
    static let currencies: [String?] = spellings.map { unit -> String? in
        var copy = unit
        copy.tableIndex = -1
        return copy.currency
    }

    private static let spellings: [QuantityUnit] = [
        // Counts of operations.
        QuantityUnit("FLOP", .operations),
        QuantityUnit("FLOPs", .operations),
        QuantityUnit("flop", .operations),
        QuantityUnit("operations", .operations),
        QuantityUnit("operation", .operations),
        QuantityUnit("ops", .operations),
        QuantityUnit("op", .operations),
        QuantityUnit("kFLOP", .operations, exponent: 3),
        QuantityUnit("MFLOP", .operations, exponent: 6),
        QuantityUnit("GFLOP", .operations, exponent: 9),
        QuantityUnit("TFLOP", .operations, exponent: 12),
        QuantityUnit("PFLOP", .operations, exponent: 15),
        QuantityUnit("EFLOP", .operations, exponent: 18),
        QuantityUnit("ZFLOP", .operations, exponent: 21),
        // Petaflop/s-days: 10^15 FLOP/s for 86 400 s = 864 × 10^17 FLOP exactly.
        QuantityUnit("PFLOP/s-day", .operations, 864, exponent: 17),
        QuantityUnit("PFLOP/s-days", .operations, 864, exponent: 17),
        QuantityUnit("petaflop/s-day", .operations, 864, exponent: 17),
        QuantityUnit("petaflop/s-days", .operations, 864, exponent: 17),
        QuantityUnit("petaflop-day", .operations, 864, exponent: 17),
        QuantityUnit("petaflop-days", .operations, 864, exponent: 17),
        QuantityUnit("PF-day", .operations, 864, exponent: 17),
        QuantityUnit("PF-days", .operations, 864, exponent: 17),
        QuantityUnit("pfs-day", .operations, 864, exponent: 17),
        QuantityUnit("pfs-days", .operations, 864, exponent: 17),
        // Rates of operations.
        QuantityUnit("FLOP/s", .operationsPerSecond),
        QuantityUnit("flop/s", .operationsPerSecond),
        QuantityUnit("op/s", .operationsPerSecond),
        QuantityUnit("ops/s", .operationsPerSecond),
        QuantityUnit("operations/s", .operationsPerSecond),
        QuantityUnit("operations per second", .operationsPerSecond),
        QuantityUnit("kFLOP/s", .operationsPerSecond, exponent: 3),
        QuantityUnit("MFLOP/s", .operationsPerSecond, exponent: 6),
        QuantityUnit("GFLOP/s", .operationsPerSecond, exponent: 9),
        QuantityUnit("TFLOP/s", .operationsPerSecond, exponent: 12),
        QuantityUnit("PFLOP/s", .operationsPerSecond, exponent: 15),
        QuantityUnit("EFLOP/s", .operationsPerSecond, exponent: 18),
        QuantityUnit("ZFLOP/s", .operationsPerSecond, exponent: 21),
        // Bandwidth (bits; bytes are 8 bits).
        QuantityUnit("bit/s", .bandwidth),
        QuantityUnit("bps", .bandwidth),
        QuantityUnit("kbit/s", .bandwidth, exponent: 3),
        QuantityUnit("Mbit/s", .bandwidth, exponent: 6),
        QuantityUnit("Gbit/s", .bandwidth, exponent: 9),
        QuantityUnit("Tbit/s", .bandwidth, exponent: 12),
        QuantityUnit("Pbit/s", .bandwidth, exponent: 15),
        QuantityUnit("kbps", .bandwidth, exponent: 3),
        QuantityUnit("Mbps", .bandwidth, exponent: 6),
        QuantityUnit("Gbps", .bandwidth, exponent: 9),
        QuantityUnit("Tbps", .bandwidth, exponent: 12),
        QuantityUnit("Mb/s", .bandwidth, exponent: 6),
        QuantityUnit("Gb/s", .bandwidth, exponent: 9),
        QuantityUnit("Tb/s", .bandwidth, exponent: 12),
        QuantityUnit("byte/s", .bandwidth, 8),
        QuantityUnit("B/s", .bandwidth, 8),
        QuantityUnit("kB/s", .bandwidth, 8, exponent: 3),
        QuantityUnit("MB/s", .bandwidth, 8, exponent: 6),
        QuantityUnit("GB/s", .bandwidth, 8, exponent: 9),
        QuantityUnit("TB/s", .bandwidth, 8, exponent: 12),
        // Money: signs (also accepted before the number, see `currencySigns`).
        QuantityUnit("$", .money, currency: "USD"),
        QuantityUnit("US$", .money, currency: "USD"),
        QuantityUnit("€", .money, currency: "EUR"),
        QuantityUnit("£", .money, currency: "GBP"),
        QuantityUnit("₩", .money, currency: "KRW"),
        QuantityUnit("¥", .money, currency: "JPY"),
        QuantityUnit("JP¥", .money, currency: "JPY"),
        QuantityUnit("CN¥", .money, currency: "CNY"),
        QuantityUnit("₹", .money, currency: "INR"),
        QuantityUnit("C$", .money, currency: "CAD"),
        QuantityUnit("CA$", .money, currency: "CAD"),
        QuantityUnit("A$", .money, currency: "AUD"),
        QuantityUnit("AU$", .money, currency: "AUD"),
        QuantityUnit("HK$", .money, currency: "HKD"),
        QuantityUnit("NZ$", .money, currency: "NZD"),
        QuantityUnit("S$", .money, currency: "SGD"),
        QuantityUnit("R$", .money, currency: "BRL"),
    ]

    /// Currency signs accepted before the number (`$400M`, `US$ 1.2B`, `€500M`). `¥` alone is
    /// read as the Japanese yen (JPY); write `CN¥` (or `CNY`) for the Chinese yuan.
    static let currencySigns: [QuantityUnit] = units.filter { $0.dimension == .money }

    /// The units listed in messages.
    static let acceptedUnitsSummary =
        "FLOP (also FLOPs, operations, kFLOP…ZFLOP), PFLOP/s-day (also PF-day, pfs-day, petaflop/s-day), "
        + "FLOP/s (also op/s, operations per second, kFLOP/s…ZFLOP/s), "
        + "bit/s (also kbit/s, Mbit/s, Gbit/s, Tbit/s, Gbps, Tbps, GB/s), "
        + "USD or $ or US$, any ISO 4217 currency code (EUR, GBP, JPY, …) and the signs €, £, ₩, ¥ (JPY), CN¥"

    /// Active ISO 4217 currency codes (and a few recently replaced ones still seen in filings),
    /// sorted, concatenated three letters at a time. Precious metals and testing codes (XAU, XTS,
    /// XXX, …) are left out: they are not amounts of money a filing reports.
    static let isoCurrencyCodes: StaticString = """
        AEDAFNALLAMDANGAOAARSAUDAWGAZNBAMBBDBDTBGNBHDBIFBMDBNDBOBBOVBRLBSDBTNBWPBYNBZD\
        CADCDFCHECHFCHWCLFCLPCNYCOPCOUCRCCUCCUPCVECZKDJFDKKDOPDZDEGPERNETBEURFJDFKPGBP\
        GELGHSGIPGMDGNFGTQGYDHKDHNLHTGHUFIDRILSINRIQDIRRISKJMDJODJPYKESKGSKHRKMFKPWKRW\
        KWDKYDKZTLAKLBPLKRLRDLSLLYDMADMDLMGAMKDMMKMNTMOPMRUMURMVRMWKMXNMXVMYRMZNNADNGN\
        NIONOKNPRNZDOMRPABPENPGKPHPPKRPLNPYGQARRONRSDRUBRWFSARSBDSCRSDGSEKSGDSHPSLESLL\
        SOSSRDSSPSTNSVCSYPSZLTHBTJSTMTTNDTOPTRYTTDTWDTZSUAHUGXUSDUSNUYIUYUUYWUZSVEDVES\
        VNDVUVWSTXAFXCDXCGXDRXOFXPFYERZARZMWZWGZWL
        """

    /// Whether three bytes are an ISO 4217 code in the table (binary search).
    static func isCurrencyCode(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        isoCurrencyCodes.withUTF8Buffer { table in
            var low = 0
            var high = table.count / 3
            while low < high {
                let middle = (low + high) / 2
                let base = middle * 3
                let x = table[base], y = table[base + 1], z = table[base + 2]
                if (x, y, z) == (a, b, c) { return true }
                if (x, y, z) < (a, b, c) { low = middle + 1 } else { high = middle }
            }
            return false
        }
    }

    /// Whether `code` is an ISO 4217 code in the table.
    static func isCurrencyCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        return bytes.count == 3 && isCurrencyCode(bytes[0], bytes[1], bytes[2])
    }

    /// The unit spelled exactly `bytes`, from the table or as an ISO 4217 code.
    static func lookUp(_ bytes: UnsafeBufferPointer<UInt8>) -> QuantityUnit? {
        for index in units.indices where units[index].matches(bytes) {
            return units[index]
        }
        if bytes.count == 3, isUppercaseLetter(bytes[0]), isUppercaseLetter(bytes[1]), isUppercaseLetter(bytes[2]),
            isCurrencyCode(bytes[0], bytes[1], bytes[2])
        {
            return QuantityUnit(code: bytes[0], bytes[1], bytes[2])
        }
        return nil
    }

    @inline(__always)
    static func isUppercaseLetter(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
}
