// lab-scope: which labs are in scope of which rule pack, from a CSV, with ThresholdKit.
//
// Usage: lab-scope [labs.csv] [--as-of YYYY-MM-DD]
//
// The CSV has a header row and the columns name, training_compute, ai_revenue, ai_rnd_spend (in any
// order). Quantities use Threshold's spellings: 3.2e25 FLOP, 10^25, 620M USD, $1.4B. An empty cell is
// a fact the lab has not disclosed: Threshold never guesses it, so the answer may be "cannot tell".

import Foundation
import ThresholdKit

/// One lab's row, turned into a profile.
struct Lab {
    var line: Int
    var profile: LabProfile
}

enum LabScopeError: Error, CustomStringConvertible {
    case usage(String)
    case csv(file: String, line: Int, String)

    var description: String {
        switch self {
        case .usage(let message): return "lab-scope: \(message)\nusage: lab-scope [labs.csv] [--as-of YYYY-MM-DD]"
        case .csv(let file, let line, let message): return "\(file):\(line): error: \(message)"
        }
    }
}

/// Splits CSV text into rows of fields (RFC 4180: quoted fields may hold commas, quotes and newlines).
func parseCSV(_ text: String) -> [(line: Int, fields: [String])] {
    var rows: [(line: Int, fields: [String])] = []
    var fields: [String] = [], field = "", quoted = false, afterQuote = false
    var line = 1, rowLine = 1
    var characters = text.makeIterator()
    var pending: Character?
    while let character = pending ?? characters.next() {
        pending = nil
        if quoted {
            if character == "\"" {
                if let next = characters.next() {
                    if next == "\"" { field.append("\"") } else { quoted = false; afterQuote = true; pending = next }
                } else {
                    quoted = false
                }
            } else {
                if character == "\n" || character == "\r\n" { line += 1 }
                field.append(character)
            }
            continue
        }
        switch character {
        case "\"" where field.isEmpty && !afterQuote: quoted = true
        case ",": fields.append(field); field = ""; afterQuote = false
        case "\n", "\r\n":
            fields.append(field)
            if fields != [""] { rows.append((rowLine, fields)) }
            fields = []; field = ""; afterQuote = false
            line += 1; rowLine = line
        default: field.append(character)
        }
    }
    fields.append(field)
    if fields != [""] { rows.append((rowLine, fields)) }
    return rows
}

/// Reads the labs from CSV text into profiles built in Swift.
func labs(fromCSV text: String, file: String) throws -> [Lab] {
    let rows = parseCSV(text)
    guard let header = rows.first else { throw LabScopeError.csv(file: file, line: 1, "the file is empty") }
    let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    func column(_ name: String) throws -> Int {
        guard let index = columns.firstIndex(of: name) else {
            throw LabScopeError.csv(
                file: file, line: header.line,
                "no '\(name)' column; the columns are name, training_compute, ai_revenue, ai_rnd_spend")
        }
        return index
    }
    let name = try column("name"), compute = try column("training_compute")
    let revenue = try column("ai_revenue"), spend = try column("ai_rnd_spend")

    return try rows.dropFirst().map { row in
        func cell(_ index: Int) -> String? {
            guard index < row.fields.count else { return nil }
            let value = row.fields[index].trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        /// A fact from a cell: nil when the cell is empty (not disclosed), an error when it is not a quantity.
        func fact(_ index: Int, _ parse: (String) -> Fact?) throws -> Fact? {
            guard let text = cell(index) else { return nil }
            guard let fact = parse(text) else {
                throw LabScopeError.csv(
                    file: file, line: row.line,
                    "\(columns[index]): '\(text)' is not a quantity such as 3.2e25 FLOP or 620M USD")
            }
            return fact
        }
        guard let labName = cell(name) else { throw LabScopeError.csv(file: file, line: row.line, "the name is empty") }
        let organization = LabProfile.Organization(
            name: labName,
            aiRevenue: try fact(revenue) { Fact.money($0) },
            aiRnDSpend: try fact(spend) { Fact.money($0) })
        // One model per lab: its largest training run. An undisclosed figure stays nil.
        let model = LabProfile.Model(name: "largest model", trainingCompute: try fact(compute) { Fact.operations($0) })
        return Lab(
            line: row.line,
            profile: LabProfile(path: "\(file):\(row.line)", organization: organization, models: [model]))
    }
}

/// Who is in scope of each pack, who is not, and who cannot be told from the figures given.
func report(_ labs: [Lab], book: RuleBook, asOf date: CalendarDate) -> String {
    var out = "In scope on \(date), against the \(book.packs.count) built-in rule packs (\(labs.count) labs):\n"
    let verdicts = labs.map { book.evaluate($0.profile, asOf: date) }
    for (index, pack) in book.packs.enumerated() {
        out += "\n\(pack.id) — \(pack.title) [\(pack.status.rawValue)]\n"
        guard pack.isInForce(on: date) else {
            out += "  not in force on \(date)\n"
            continue
        }
        var inScope: [String] = [], undecided: [String] = [], outOfScope: [String] = []
        for verdict in verdicts {
            let result = verdict.packs[index]
            let name = verdict.organization ?? "?"
            if result.inScope {
                let met = Set(result.obligations.filter { $0.applies == .yes }.flatMap(\.because))
                inScope.append("\(name) (\(met.sorted().joined(separator: ", ")))")
            } else if result.obligations.contains(where: { $0.applies == .indeterminate }) {
                // The notes of an undecided threshold say what is missing ("modalities is not given")
                // or why an uncertain figure cannot be placed on either side of the line.
                var missing: [String] = [], other: [String] = []
                for threshold in result.thresholds where threshold.result == .indeterminate {
                    for note in threshold.notes {
                        if let range = note.range(of: " is not given"), !note[..<range.lowerBound].contains(" ") {
                            let fact = String(note[..<range.lowerBound])
                            if !missing.contains(fact) { missing.append(fact) }
                        } else if !other.contains(note) {
                            other.append(note)
                        }
                    }
                }
                let why = (missing.isEmpty ? [] : ["not given: " + missing.joined(separator: ", ")]) + other
                undecided.append("\(name) (\(why.joined(separator: "; ")))")
            } else {
                outOfScope.append(name)
            }
        }
        if !inScope.isEmpty { out += "  in scope:      " + inScope.joined(separator: "\n                 ") + "\n" }
        if !undecided.isEmpty { out += "  cannot tell:   " + undecided.joined(separator: "\n                 ") + "\n" }
        if !outOfScope.isEmpty { out += "  out of scope:  " + outOfScope.joined(separator: ", ") + "\n" }
    }
    out += """

        "Cannot tell" is an answer: Threshold never guesses a fact the CSV does not give (modalities,
        fine-tuning compute, gross revenue, primary data), so the thresholds that read one stay
        indeterminate.

        """
    return out
}

func main() throws {
    var arguments = Array(CommandLine.arguments.dropFirst())
    var asOf = CalendarDate(year: 2026, month: 11, day: 29)!
    if let flag = arguments.firstIndex(of: "--as-of") {
        guard flag + 1 < arguments.count, let date = CalendarDate(arguments[flag + 1]) else {
            throw LabScopeError.usage("--as-of needs a date such as 2026-11-29")
        }
        asOf = date
        arguments.removeSubrange(flag...flag + 1)
    }
    guard arguments.count <= 1 else { throw LabScopeError.usage("give at most one CSV file") }
    let text: String, file: String
    if let path = arguments.first {
        text = try String(contentsOfFile: path, encoding: .utf8)
        file = path
    } else {
        guard let url = Bundle.module.url(forResource: "labs", withExtension: "csv") else {
            throw LabScopeError.usage("the bundled labs.csv is missing; name a CSV file")
        }
        text = try String(contentsOf: url, encoding: .utf8)
        file = "labs.csv"
    }
    let labs = try labs(fromCSV: text, file: file)
    let book = try RuleBook.builtIn()
    print(report(labs, book: book, asOf: asOf), terminator: "")
}

do {
    try main()
} catch let error as LabScopeError {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("lab-scope: \(error)\n".utf8))
    exit(2)
}
