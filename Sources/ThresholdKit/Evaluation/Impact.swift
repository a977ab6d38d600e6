/// Where a profile stands under a pack: in scope (an obligation applies), indeterminate (none
/// applies for sure, but one may), or out of scope (none applies).
package enum Scope: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// At least one obligation applies.
    case inScope = "in-scope"
    /// No obligation applies for sure, and at least one may.
    case indeterminate
    /// No obligation applies.
    case outOfScope = "out-of-scope"

    /// The scope of a pack result.
    package init(_ result: PackResult) {
        if result.obligations.contains(where: { $0.applies == .yes }) {
            self = .inScope
        } else if result.obligations.contains(where: { $0.applies == .indeterminate }) {
            self = .indeterminate
        } else {
            self = .outOfScope
        }
    }

    /// `in scope`, `indeterminate`, `out of scope`.
    package var description: String {
        switch self {
        case .inScope: return "in scope"
        case .indeterminate: return "indeterminate"
        case .outOfScope: return "out of scope"
        }
    }
}

/// How a profile's scope under a pack moves when limits change.
package enum ScopeMovement: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Out of scope or indeterminate before; in scope after.
    case newlyInScope = "newly-in-scope"
    /// In scope or indeterminate before; out of scope after.
    case outOfScope = "out-of-scope"
    /// In scope or out of scope before; indeterminate after.
    case newlyIndeterminate = "newly-indeterminate"
    /// The scope is the same, but a threshold result or an obligation's status changed.
    case statusChanged = "status-changed"

    /// The movement from one scope to another, or `statusChanged` when they are equal.
    package init(from before: Scope, to after: Scope) {
        switch (before, after) {
        case (_, .inScope) where before != .inScope: self = .newlyInScope
        case (_, .outOfScope) where before != .outOfScope: self = .outOfScope
        case (_, .indeterminate) where before != .indeterminate: self = .newlyIndeterminate
        default: self = .statusChanged
        }
    }

    /// `newly in scope`, `out of scope`, `newly indeterminate`, `status changed`.
    package var description: String {
        switch self {
        case .newlyInScope: return "newly in scope"
        case .outOfScope: return "out of scope"
        case .newlyIndeterminate: return "newly indeterminate"
        case .statusChanged: return "status changed"
        }
    }
}

/// What changing limits does to a set of profiles: for each pack, who moves in or out of scope,
/// who becomes indeterminate, and which obligations' applicability or status changes.
///
/// Built from the verdicts of the same profiles under the rule book as it is and as changed:
///
/// ```swift
/// let book = try RuleBook.builtIn()
/// let change = try book.limitChange(pack: "eu-ai-act-gpai", threshold: "systemic-risk-compute", to: "1e26")
/// let report = try book.impact(of: [change], on: profiles, asOf: CalendarDate("2026-11-29")!)
/// for pack in report.packs { for mover in pack.movers { print(mover.name, mover.movement) } }
/// ```
package struct ImpactReport: Sendable, Hashable {
    /// The schema id of the JSON form.
    package static let schema = "threshold.impact/1"

    /// The limits changed.
    package var changes: [LimitChange]
    /// The evaluation date.
    package var asOf: CalendarDate
    /// The profiles compared, valid or not.
    package var profiles: Int
    /// The profiles that could not be read (they are in neither side of the comparison).
    package var invalid: Int
    /// Per pack, in the rule book's order.
    package var packs: [PackImpact]

    /// One pack's part of the report.
    package struct PackImpact: Sendable, Hashable {
        /// The pack's id.
        package var pack: String
        /// The pack's title.
        package var title: String
        /// Whether the pack is in force on the as-of date.
        package var inForce: Bool
        /// The thresholds of this pack that were changed.
        package var changed: [String]
        /// How many valid profiles are in each scope before the change.
        package var before: ScopeCounts
        /// How many valid profiles are in each scope after the change.
        package var after: ScopeCounts
        /// The profiles whose scope, threshold results or obligations changed, in input order.
        package var movers: [ProfileChange]
        /// Per obligation, in the pack's order: who it newly applies to, who it no longer does.
        package var obligations: [ObligationImpact]

        /// The movers that moved in a given way.
        package func movers(_ movement: ScopeMovement) -> [ProfileChange] { movers.filter { $0.movement == movement } }
    }

    /// How many profiles are in each scope.
    package struct ScopeCounts: Sendable, Hashable {
        /// In scope.
        package var inScope = 0
        /// Indeterminate.
        package var indeterminate = 0
        /// Out of scope.
        package var outOfScope = 0
        /// With at least one obligation unmet or expired.
        package var unmet = 0
        /// Whose result under the pack depends on the reading of an ambiguous text: some
        /// obligation applies under one of the pack's readings and not under another.
        package var dependsOnReading = 0

        /// Creates empty counts.
        package init() {}

        /// The count for a scope.
        package subscript(scope: Scope) -> Int {
            switch scope {
            case .inScope: return inScope
            case .indeterminate: return indeterminate
            case .outOfScope: return outOfScope
            }
        }

        mutating func add(_ result: PackResult) {
            switch Scope(result) {
            case .inScope: inScope += 1
            case .indeterminate: indeterminate += 1
            case .outOfScope: outOfScope += 1
            }
            if !result.unmet.isEmpty { unmet += 1 }
            if result.dependsOnReading { dependsOnReading += 1 }
        }
    }

    /// One profile whose standing under a pack changed.
    package struct ProfileChange: Sendable, Hashable {
        /// The profile's position in the input (0-based).
        package var index: Int
        /// The profile's path, as the user named it.
        package var profile: String?
        /// The organisation's name.
        package var organization: String?
        /// The scope before the change.
        package var before: Scope
        /// The scope after the change.
        package var after: Scope
        /// The threshold results that changed, per subject.
        package var thresholds: [ThresholdChange]
        /// The obligations whose applicability or status changed.
        package var obligations: [ObligationChange]
        /// The deployment verdict before.
        package var deploymentBefore: Deployment
        /// The deployment verdict after.
        package var deploymentAfter: Deployment

        /// How the scope moved.
        package var movement: ScopeMovement { ScopeMovement(from: before, to: after) }

        /// The organisation's name, or the path, for reports.
        package var name: String { organization ?? profile ?? "profile \(index + 1)" }
    }

    /// One threshold result that changed, for one subject.
    package struct ThresholdChange: Sendable, Hashable {
        /// The threshold's id.
        package var id: String
        /// `organization`, `model:NAME` or `cluster:NAME`.
        package var subject: String
        /// The fact's value (the estimate, for an uncertain one), in the limit's unit.
        package var value: ExactDecimal?
        /// The unit.
        package var unit: String
        /// The result before.
        package var before: Truth
        /// The result after.
        package var after: Truth
    }

    /// One obligation whose applicability or status changed for a profile.
    package struct ObligationChange: Sendable, Hashable {
        /// The obligation's id.
        package var id: String
        /// Whether it applied before.
        package var appliesBefore: Applicability
        /// Whether it applies after.
        package var appliesAfter: Applicability
        /// Its status before.
        package var statusBefore: ObligationStatus
        /// Its status after.
        package var statusAfter: ObligationStatus
        /// After the change, each reading's applicability where the pack's readings disagree
        /// (empty where they agree).
        package var byReadingAfter: [ReadingApplicability] = []
    }

    /// One obligation, over all profiles.
    package struct ObligationImpact: Sendable, Hashable {
        /// The obligation's id.
        package var id: String
        /// Its title.
        package var title: String
        /// How many valid profiles it applies to before.
        package var appliesBefore: Int
        /// How many valid profiles it applies to after.
        package var appliesAfter: Int
        /// The names of profiles it newly applies to.
        package var newlyApplies: [String]
        /// The names of profiles it applied to before and no longer does (it does not apply, or may
        /// not, after).
        package var noLongerApplies: [String]
        /// The names of profiles for which whether it applies becomes indeterminate.
        package var newlyIndeterminate: [String]
        /// The names of profiles for which it was indeterminate whether it applies, and now it does not.
        package var decidedNotToApply: [String] = []
        /// The names of profiles whose status for it changed, with the statuses.
        package var statusChanges: [(name: String, before: ObligationStatus, after: ObligationStatus)]

        /// Whether anything changed for this obligation.
        package var isChanged: Bool {
            !newlyApplies.isEmpty || !noLongerApplies.isEmpty || !newlyIndeterminate.isEmpty
                || !decidedNotToApply.isEmpty
                || !statusChanges.isEmpty
        }

        /// Equal when every part is equal.
        package static func == (a: ObligationImpact, b: ObligationImpact) -> Bool {
            a.id == b.id && a.title == b.title && a.appliesBefore == b.appliesBefore && a.appliesAfter == b.appliesAfter
                && a.newlyApplies == b.newlyApplies && a.noLongerApplies == b.noLongerApplies
                && a.newlyIndeterminate == b.newlyIndeterminate && a.decidedNotToApply == b.decidedNotToApply
                && a.statusChanges.map(\.name) == b.statusChanges.map(\.name)
                && a.statusChanges.map(\.before) == b.statusChanges.map(\.before)
                && a.statusChanges.map(\.after) == b.statusChanges.map(\.after)
        }

        /// Hashes the id and the lists of names.
        package func hash(into hasher: inout Hasher) {
            hasher.combine(id)
            hasher.combine(newlyApplies)
            hasher.combine(noLongerApplies)
        }
    }

    /// Compares the verdicts of the same profiles, in the same order, before and after a change.
    /// Invalid verdicts are counted and otherwise left out.
    package init(before: [Verdict], after: [Verdict], changes: [LimitChange], asOf: CalendarDate) {
        precondition(before.count == after.count, "before and after must hold the same profiles")
        self.changes = changes
        self.asOf = asOf
        self.profiles = before.count
        self.invalid = before.filter(\.isInvalid).count
        var order: [String] = []
        var titles: [String: (String, Bool)] = [:]
        for verdict in before + after {
            for pack in verdict.packs where titles[pack.pack] == nil {
                order.append(pack.pack)
                titles[pack.pack] = (pack.title, pack.inForce)
            }
        }
        packs = order.map { id in
            var impact = PackImpact(
                pack: id, title: titles[id]!.0, inForce: titles[id]!.1,
                changed: changes.filter { $0.pack == id }.map(\.threshold),
                before: ScopeCounts(), after: ScopeCounts(), movers: [], obligations: [])
            var obligationOrder: [String] = []
            var obligations: [String: ObligationImpact] = [:]
            for (index, (old, new)) in zip(before, after).enumerated() where !old.isInvalid && !new.isInvalid {
                guard let a = old.packs.first(where: { $0.pack == id }),
                    let b = new.packs.first(where: { $0.pack == id })
                else { continue }
                impact.before.add(a)
                impact.after.add(b)
                let name = new.organization ?? new.profile ?? "profile \(index + 1)"
                var change = ProfileChange(
                    index: index, profile: new.profile, organization: new.organization,
                    before: Scope(a), after: Scope(b), thresholds: [], obligations: [],
                    deploymentBefore: a.deployment, deploymentAfter: b.deployment)
                for t in b.thresholds {
                    guard let old = a.thresholds.first(where: { $0.id == t.id && $0.subject == t.subject }) else {
                        continue
                    }
                    if old.result != t.result {
                        change.thresholds.append(
                            ThresholdChange(
                                id: t.id, subject: t.subject, value: t.value, unit: t.unit,
                                before: old.result, after: t.result))
                    }
                }
                for o in b.obligations {
                    if obligations[o.id] == nil {
                        obligationOrder.append(o.id)
                        obligations[o.id] = ObligationImpact(
                            id: o.id, title: o.title, appliesBefore: 0, appliesAfter: 0,
                            newlyApplies: [], noLongerApplies: [], newlyIndeterminate: [],
                            statusChanges: [])
                    }
                    let old = a.obligations.first { $0.id == o.id }
                    let appliesBefore = old?.applies ?? .no, statusBefore = old?.status ?? .notRequired
                    if appliesBefore == .yes { obligations[o.id]!.appliesBefore += 1 }
                    if o.applies == .yes { obligations[o.id]!.appliesAfter += 1 }
                    guard appliesBefore != o.applies || statusBefore != o.status else { continue }
                    change.obligations.append(
                        ObligationChange(
                            id: o.id, appliesBefore: appliesBefore, appliesAfter: o.applies,
                            statusBefore: statusBefore, statusAfter: o.status,
                            byReadingAfter: o.byReading))
                    if appliesBefore != o.applies {
                        switch o.applies {
                        case .yes: obligations[o.id]!.newlyApplies.append(name)
                        case .indeterminate: obligations[o.id]!.newlyIndeterminate.append(name)
                        case .no: break
                        }
                        if appliesBefore == .yes { obligations[o.id]!.noLongerApplies.append(name) }
                        if appliesBefore == .indeterminate && o.applies == .no {
                            obligations[o.id]!.decidedNotToApply.append(name)
                        }
                    }
                    if statusBefore != o.status {
                        obligations[o.id]!.statusChanges.append((name, statusBefore, o.status))
                    }
                }
                if change.before != change.after || !change.thresholds.isEmpty || !change.obligations.isEmpty
                    || change.deploymentBefore != change.deploymentAfter
                {
                    impact.movers.append(change)
                }
            }
            impact.obligations = obligationOrder.map { obligations[$0]! }
            return impact
        }
    }

    /// Every mover of every pack, with its pack.
    package var allMovers: [(pack: String, change: ProfileChange)] {
        packs.flatMap { pack in pack.movers.map { (pack.pack, $0) } }
    }

}

extension RuleBook {
    /// The impact of changing limits on a set of profiles: each profile is evaluated under this
    /// book and under the book with the changes applied, on the same date.
    ///
    /// - Throws: ``LimitChangeError`` when a change does not fit the book.
    package func impact(
        of changes: [LimitChange], on profiles: [LabProfile], asOf date: CalendarDate
    ) throws -> ImpactReport {
        let changed = try applying(changes)
        return ImpactReport(
            before: profiles.map { evaluate($0, asOf: date) },
            after: profiles.map { changed.evaluate($0, asOf: date) },
            changes: changes, asOf: date)
    }
}
