import Foundation
import Testing

@testable import ThresholdKit

/// Regressions for hostile input to the quantity parser, the loaders and evaluation: inputs found
/// by the fuzz targets in `Tests/Fuzz/` (kept inline) and by reviewing the cost of each step and
/// what a message may echo. The inputs that used to take minutes carry a time limit as a hang
/// guard (minutes, where they now take seconds in a debug build), not a timing assertion.
@Suite("Fuzz and hostile-input regressions")
struct FuzzRegressionTests {
    static let asOf = CalendarDate(year: 2027, month: 1, day: 1)!

    static func quantityError(
        _ text: String, expecting: QuantityDimension? = nil, defaultCurrency: String? = nil
    ) -> QuantityError? {
        do {
            _ = try QuantityParser.parse(text, expecting: expecting, defaultCurrency: defaultCurrency)
            return nil
        } catch {
            return error
        }
    }

    static func noControlCharacters(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    // MARK: Quantities: what a message echoes

    @Test("an unknown unit of a megabyte: a short, escaped message, and no letter-by-letter comparison with every unit")
    func hugeUnknownUnit() throws {
        let error = try #require(Self.quantityError("5 " + String(repeating: "x\u{1B}[2J", count: 250_000)))
        #expect(error.kind == .unknownUnit)
        #expect(error.message.utf8.count < 1_000)
        #expect(Self.noControlCharacters(error.message))
        #expect(error.message.hasPrefix("unknown unit 'x\\u{1B}[2Jx\\u{1B}[2J"))
        // A near miss still gets its suggestion.
        #expect(Self.quantityError("5 FLOPz")?.message.hasPrefix("unknown unit 'FLOPz'; did you mean 'FLOP'?") == true)
    }

    @Test("text after a unit, and a stray character after the number, are quoted escaped and short")
    func trailingTextIsEscaped() throws {
        let after = try #require(Self.quantityError("5 FLOP \u{1B}]0;t\u{7}" + String(repeating: "z", count: 100_000)))
        #expect(after.kind == .trailingText)
        #expect(after.message.hasPrefix("unexpected text after the unit 'FLOP': '\\u{1B}]0;t\\u{7}zzz"))
        #expect(after.message.utf8.count < 300)
        let stray = try #require(Self.quantityError("5\u{1B}"))
        #expect(stray.message == "unexpected '\\u{1B}' after the number")
    }

    @Test("a comma in a number of 100,000 digits: the usual advice, without repeating the number")
    func hugeCommaNumber() throws {
        let text = "1" + String(repeating: ",000", count: 30_000)
        let error = try #require(Self.quantityError(text))
        #expect(error.kind == .comma)
        #expect(error.message.utf8.count < 300)
        #expect(error.suggestion == nil)
        // A short one keeps its respellings.
        #expect(Self.quantityError("1,000,000")?.message.contains("write 1000000, 1_000_000 or 1e6") == true)
    }

    @Test("a long number for money with no currency: no suggestion that repeats it")
    func hugeNumberWithoutCurrency() throws {
        let error = try #require(Self.quantityError(String(repeating: "0", count: 100_000) + "5", expecting: .money))
        #expect(error.kind == .missingCurrency)
        #expect(error.suggestion == nil)
        #expect(Self.quantityError("500M", expecting: .money)?.suggestion == "500M USD")
    }

    // MARK: Profiles

    @Test("a profile with a megabyte-long unknown key holding escapes: refused with a short, escaped diagnostic")
    func hugeEscapedUnknownKey() throws {
        let key = String(repeating: "\\e[2J", count: 100_000)
        let error = try #require(throws: YAMLError.self) {
            // An explicit key (`? key`): libyaml refuses implicit keys longer than 1,024 characters.
            _ = try LabProfile(
                yaml: "organization:\n  name: L\n  ? \"\(key)\"\n  : 1\n", path: "lab.yaml",
                options: LoadOptions(yaml: YAMLLimits(maxScalarBytes: 4 << 20)))
        }
        #expect(error.description.utf8.count < 1_500)
        #expect(Self.noControlCharacters(error.description.replacingOccurrences(of: "\n", with: " ")))
        #expect(error.headline.hasPrefix("lab.yaml:3:5: error: organization: unknown key '\\u{1B}[2J"))
    }

    @Test("names with terminal escapes are shown escaped in the text and Markdown reports")
    func escapedNamesInReports() throws {
        let profile = try LabProfile(
            yaml: """
                organization: {name: "Evil \\e]0;pwned\\u0007 \\e[2J", ai_revenue: 900M USD}
                models:
                  - {name: "m\\e[31m", training_compute: 3e25 FLOP}

                """, path: "evil\u{1B}[2J.yaml")
        let verdict = try RuleBook.builtIn().evaluate(profile, asOf: Self.asOf)
        let text = verdict.text(style: TextStyle(explain: true, color: false))
        #expect(!text.contains("\u{1B}") && !text.contains("\u{7}"))
        #expect(text.hasPrefix("Evil \\u{1B}]0;pwned\\u{7} \\u{1B}[2J — evil\\u{1B}[2J.yaml"))
        #expect(text.contains("model:m\\u{1B}[31m"))
        let markdown = verdict.markdown(explain: true)
        #expect(!markdown.contains("\u{1B}") && !markdown.contains("\u{7}"))
        // Colour, when asked for, is still drawn with escapes of its own.
        #expect(verdict.text(style: TextStyle(explain: true, color: true)).contains("\u{1B}[1m"))
    }

    @Test("a profile of 1,000 models and 60,000 records evaluates in seconds, not minutes", .timeLimit(.minutes(2)))
    func manyRecords() throws {
        var yaml = "organization: {name: Many, ai_revenue: 900M USD}\nmodels:\n"
        for index in 0..<1_000 { yaml += "  - {name: m\(index), training_compute: 3e25 FLOP, released: 2026-01-01}\n" }
        yaml += "assessments:\n"
        for index in 0..<60_000 {
            yaml += "  - {obligation: cybersecurity-assessment, model: m\(index % 1_000), completed: 2026-06-01}\n"
        }
        let profile = try LabProfile(yaml: yaml, path: "many.yaml")
        let verdict = try RuleBook.builtIn().evaluate(profile, asOf: Self.asOf)
        #expect(verdict.packs.count > 0)
    }

    @Test("records indexed (more than 64) or scanned give the same verdicts")
    func indexedRecordsGiveTheSameVerdicts() throws {
        let book = try RuleBook.builtIn()
        let root = Support.packageRoot.appendingPathComponent("Examples/labs")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".yaml") }
            .sorted()
        try #require(!names.isEmpty)
        for name in names {
            let profile = try LabProfile(contentsOf: root.appendingPathComponent(name).path)
            var padded = profile
            // Records of a real obligation for models the profile does not have: they match nothing.
            for index in 0..<80 {
                padded.assessments.append(
                    .init(
                        obligation: "cybersecurity-assessment", pack: "frontier-ai-proposal-2026",
                        model: "padding-\(index)", completed: Self.asOf))
            }
            for date in [
                Self.asOf, CalendarDate(year: 2026, month: 3, day: 1)!, CalendarDate(year: 2029, month: 1, day: 1)!,
            ] {
                #expect(
                    book.evaluate(profile, asOf: date).jsonLine() == book.evaluate(padded, asOf: date).jsonLine(),
                    "\(name) on \(date)")
            }
        }
    }

    // MARK: Rule packs

    static func pack(thresholds: [String], obligations: [String]) -> String {
        "pack: big\ntitle: Big\nstatus: enacted\nthresholds:\n" + thresholds.map { "  - \($0)\n" }.joined()
            + "obligations:\n" + obligations.map { "  - \($0)\n" }.joined()
    }

    static let threshold0 = "{id: t0, subject: model, fact: training_compute, greater_than: 1e25 FLOP}"

    @Test("a chain of 5,000 obligations, each applying when the one before does, is refused at the 33rd")
    func longChainIsRefused() throws {
        let obligations =
            ["{id: o0, title: T, kind: k, when: t0}"]
            + (1..<5_000).map { "{id: o\($0), title: T, kind: k, when: o\($0 - 1)}" }
        let error = try #require(throws: YAMLError.self) {
            _ = try RulePack(
                yaml: Self.pack(thresholds: [Self.threshold0], obligations: obligations), path: "chain.yaml")
        }
        #expect(
            error.headline
                == "chain.yaml:39:40: error: 'when' references chain through more than 32 obligations: 'o32' → 'o31' "
                + "→ …"
        )
        // 32 obligations in a chain are accepted, and evaluate.
        let accepted = try RulePack(
            yaml: Self.pack(thresholds: [Self.threshold0], obligations: Array(obligations.prefix(32))),
            path: "chain.yaml")
        let profile = try LabProfile(
            yaml: "organization: {name: L}\nmodels:\n  - {name: m, training_compute: 3e25 FLOP}\n")
        let result = try RuleBook(packs: [accepted]).evaluate(profile, asOf: Self.asOf)
        #expect(result.packs[0].obligations.last?.applies == .yes)
        // A cycle is still reported as one.
        let cycle = try #require(throws: YAMLError.self) {
            _ = try RulePack(
                yaml: Self.pack(
                    thresholds: [Self.threshold0],
                    obligations: [
                        "{id: a, title: T, kind: k, when: b}", "{id: b, title: T, kind: k, when: a}",
                    ]), path: "cycle.yaml")
        }
        #expect(cycle.problem.hasPrefix("circular 'when': a → b → a"))
    }

    @Test(
        "a pack of 10,000 thresholds and 10,000 obligations referring to them loads and evaluates",
        .timeLimit(.minutes(2)))
    func widePack() throws {
        let count = 10_000
        let thresholds = (0..<count).map {
            "{id: t\($0), subject: model, fact: training_compute, greater_than: \($0 + 1)e20 FLOP}"
        }
        let obligations = (0..<count).map {
            "{id: o\($0), title: T, kind: k, when: {any: [t\($0), t\(($0 * 7) % count), o\(max(0, $0 - 1))]}}"
        }
        .enumerated().map { $0.offset == 0 ? "{id: o0, title: T, kind: k, when: t0}" : $0.element }
        // o_i refers to o_(i-1): a chain; keep it within the limit by restarting every 30.
        let chained = obligations.enumerated().map {
            $0.offset % 30 == 0 ? "{id: o\($0.offset), title: T, kind: k, when: t\($0.offset)}" : $0.element
        }
        let pack = try RulePack(yaml: Self.pack(thresholds: thresholds, obligations: chained), path: "wide.yaml")
        let profile = try LabProfile(
            yaml:
                "organization: {name: L}\nmodels:\n  - {name: m, training_compute: 3e23 FLOP}\n  - {name: n, "
                + "training_compute: 1e21 FLOP}\n"
        )
        let verdict = try RuleBook(packs: [pack]).evaluate(profile, asOf: Self.asOf)
        #expect(verdict.packs[0].obligations.count == count)
    }

    // Such day counts once crashed evaluation with an overflow.
    @Test("valid_for_days and within_days of 9223372036854775807 are refused at load")
    func hugeDayCounts() throws {
        let valid = try #require(throws: YAMLError.self) {
            _ = try RulePack(
                yaml: Self.pack(
                    thresholds: [Self.threshold0],
                    obligations: [
                        "{id: o0, title: T, kind: k, when: t0, valid_for_days: 9223372036854775807}"
                    ]), path: "days.yaml")
        }
        #expect(
            valid.headline
                == "days.yaml:7:59: error: obligations[0].valid_for_days: expected a whole number of days greater "
                + "than zero (at most 1000000), such as 365"
        )
        let within = try #require(throws: YAMLError.self) {
            _ = try RulePack(
                yaml: Self.pack(
                    thresholds: [Self.threshold0],
                    obligations: [
                        "{id: o0, title: T, kind: k, when: t0, due: {within_days: 9223372036854775807}, per: model}"
                    ]), path: "days.yaml")
        }
        #expect(
            within.problem
                == "obligations[0].due.within_days: expected a whole number of days (at most 1000000), such as 14")
        // The largest accepted counts evaluate, and date arithmetic itself no longer traps.
        let pack = try RulePack(
            yaml: Self.pack(
                thresholds: [Self.threshold0],
                obligations: [
                    "{id: o0, title: T, kind: k, when: t0, valid_for_days: 1000000, due: {within_days: 1000000}, "
                        + "per: model}"
                ]), path: "days.yaml")
        let profile = try LabProfile(
            yaml: """
                organization: {name: L}
                models:
                  - {name: m, training_compute: 3e25 FLOP, released: 9999-01-01}
                assessments:
                  - {obligation: o0, model: m, completed: 9999-06-01, independent: true}

                """)
        for date in [Self.asOf, CalendarDate(year: 9999, month: 12, day: 31)!] {
            _ = try RuleBook(packs: [pack]).evaluate(profile, asOf: date).jsonLine()
        }
        let last = CalendarDate(year: 9999, month: 12, day: 31)!
        #expect(last.adding(days: .max) > last)
        #expect(last.adding(days: .min) < last)
    }

    @Test("a pack's messages quote what the pack says escaped and short")
    func packMessagesAreEscaped() throws {
        func problem(_ obligations: [String], thresholds: [String] = [Self.threshold0]) -> String? {
            do {
                _ = try RulePack(yaml: Self.pack(thresholds: thresholds, obligations: obligations), path: "p.yaml")
                return nil
            } catch let error as YAMLError {
                return error.problem
            } catch {
                return nil
            }
        }
        let long = String(repeating: "x", count: 10_000)
        let unknown = try #require(problem(["{id: o, title: T, kind: k, when: \"\\e[2J\(long)\"}"]))
        #expect(unknown.hasPrefix("obligations[0].when: no threshold or obligation '\\u{1B}[2Jxxx"))
        #expect(unknown.utf8.count < 300)
        let fact = try #require(problem([], thresholds: ["{id: t, subject: model, fact: \"\\e[2J\", greater_than: 1}"]))
        #expect(fact.hasPrefix("thresholds[0].fact: unknown fact '\\u{1B}[2J'"))
        let whereKey = try #require(
            problem(
                [],
                thresholds: [
                    "{id: t, subject: model, fact: training_compute, greater_than: 1e25 FLOP, where: {\"\\e[2J\": 1}}"
                ]))
        #expect(Self.noControlCharacters(whereKey))
    }
}
