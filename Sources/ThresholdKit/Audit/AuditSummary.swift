/// The totals of an audit: profiles, invalid ones, failing ones, and per pack how many are in scope
/// and how many have unmet obligations. Built up one verdict at a time, so it takes no memory per
/// profile.
///
/// A pack that is not in force on the as-of date (not yet effective, expired, repealed, vetoed)
/// requires nothing of anyone: no profile is in scope of it, and none has its obligations unmet.
/// What it would reach on the same facts is counted apart, in ``PackTally/wouldBeInScope``.
///
/// It holds nothing that varies from run to run (no times): reports that include it are
/// byte-for-byte reproducible.
package struct AuditSummary: Sendable, Hashable {
    /// The evaluation date.
    package var asOf: CalendarDate
    /// What makes a verdict count as failing.
    package var failurePolicy: FailurePolicy
    /// Profiles audited (valid and invalid).
    package var profiles = 0
    /// Profiles that could not be read or are not valid profiles.
    package var invalid = 0
    /// Valid profiles that fail under ``failurePolicy``.
    package var failing = 0
    /// Per pack, in the rule book's order.
    package var packs: [PackTally]
    /// What the walk skipped or could not read.
    package var notices: [WalkNotice] = []

    /// One pack's totals.
    package struct PackTally: Sendable, Hashable {
        /// The pack's id.
        package var pack: String
        /// The pack's title.
        package var title: String
        /// Whether the pack is in force on the as-of date.
        package var inForce: Bool
        /// Why the pack is not in force on the as-of date, in the verdicts' words (`not in force
        /// until 2027-01-01`); nil when it is in force or no valid profile was evaluated.
        package var inForceReason: String?
        /// Valid profiles evaluated against the pack.
        package var evaluated = 0
        /// Profiles to which at least one obligation applies, under the pack in force: none when
        /// it is not in force.
        package var inScope = 0
        /// Profiles to which at least one obligation would apply were the pack in force on the
        /// as-of date: the same as ``inScope`` for a pack in force; for one that is not, whom it
        /// would reach on the same facts (who a law not yet effective will catch, or whom a
        /// repealed one caught), never to be read as owing anything.
        package var wouldBeInScope = 0
        /// Profiles with at least one obligation unmet or expired (none when not in force).
        package var unmet = 0
        /// Obligations unmet or expired, over all profiles (a per-model obligation counts once).
        package var unmetObligations = 0
        /// Profiles with at least one obligation whose status is indeterminate (none when not in
        /// force).
        package var indeterminate = 0
        /// Profiles whose deployment the pack blocks (none when not in force).
        package var blocked = 0
        /// Profiles with an applicable duty met late (none when not in force).
        package var late = 0
        /// Profiles with an applicable duty not yet due and not yet met (none when not in force).
        package var pending = 0

        /// Creates an empty tally.
        package init(pack: String, title: String, inForce: Bool) {
            self.pack = pack
            self.title = title
            self.inForce = inForce
        }
    }

    /// An empty summary with a tally for each pack of `book`.
    package init(book: RuleBook, asOf: CalendarDate, failurePolicy: FailurePolicy = .unmet) {
        self.asOf = asOf
        self.failurePolicy = failurePolicy
        self.packs = book.packs.map { PackTally(pack: $0.id, title: $0.title, inForce: $0.isInForce(on: asOf)) }
    }

    /// Counts a verdict in. A pack the summary has no tally for gets one, after the others.
    package mutating func add(_ verdict: Verdict) {
        if let entry = entry(for: verdict) { return add(entry) }
        for position in verdict.packs.indices where !packs.contains(where: { $0.pack == verdict.packs[position].pack })
        {
            let pack = verdict.packs[position]
            packs.append(PackTally(pack: pack.pack, title: pack.title, inForce: pack.inForce))
        }
        if let entry = entry(for: verdict) { add(entry) }
    }

    /// What `verdict` adds to the totals, for ``add(_:)-(Entry)``; nil when one of its packs has
    /// no tally here.
    ///
    /// It reads the verdict and keeps none of it but the reason a pack is not in force: an audit
    /// takes the entry on the thread that evaluated the verdict, so that the verdict is freed on the
    /// thread that allocated it.
    package func entry(for verdict: Verdict) -> Entry? {
        var entry = Entry(invalid: verdict.isInvalid, failing: false, packs: [])
        if entry.invalid { return entry }
        entry.failing = failurePolicy.fails(verdict)
        entry.packs.reserveCapacity(verdict.packs.count)
        // By index, reading fields: `for … in` would copy each pack's and obligation's result.
        for position in verdict.packs.indices {
            let index: Int
            // Usually the verdict's packs are the summary's, in its order.
            if position < packs.count && packs[position].pack == verdict.packs[position].pack {
                index = position
            } else if let found = packs.firstIndex(where: { $0.pack == verdict.packs[position].pack }) {
                index = found
            } else {
                return nil
            }
            var count = Entry.PackCount(index: index)
            let inForce = verdict.packs[position].inForce
            let obligations = verdict.packs[position].obligations
            for obligation in obligations.indices {
                if obligations[obligation].applies == .yes { count.inScope = true }
                guard inForce else { continue }
                switch obligations[obligation].status {
                case .unmet, .expired: count.unmetObligations += 1
                case .indeterminate: count.indeterminate = true
                case .late: count.late = true
                case .pending: count.pending = true
                case .met, .notRequired: break
                }
            }
            if inForce {
                count.inForce = true
                count.blocked = verdict.packs[position].deployment == .blocked
            } else {
                count.inForceReason = verdict.packs[position].inForceReason
            }
            entry.packs.append(count)
        }
        return entry
    }

    /// An equal summary that shares no text with this one, for a thread that takes entries
    /// against it (``entry(for:)`` reads the pack ids) while another counts them in.
    package func detached() -> AuditSummary {
        var copy = self
        copy.packs = packs.map { tally in
            var copy = tally
            copy.pack = tally.pack.detached
            copy.title = tally.title.detached
            copy.inForceReason = tally.inForceReason?.detached
            return copy
        }
        copy.notices = notices.map { WalkNotice(path: $0.path.detached, kind: $0.kind, message: $0.message.detached) }
        return copy
    }

    /// Counts in what one verdict adds (see ``entry(for:)``).
    package mutating func add(_ entry: Entry) {
        profiles += 1
        if entry.invalid {
            invalid += 1
            return
        }
        if entry.failing { failing += 1 }
        for count in entry.packs {
            let index = count.index
            packs[index].evaluated += 1
            if count.inScope { packs[index].wouldBeInScope += 1 }
            guard count.inForce else {
                if packs[index].inForceReason == nil { packs[index].inForceReason = count.inForceReason }
                continue
            }
            if count.inScope { packs[index].inScope += 1 }
            if count.unmetObligations > 0 { packs[index].unmet += 1 }
            packs[index].unmetObligations += count.unmetObligations
            if count.indeterminate { packs[index].indeterminate += 1 }
            if count.blocked { packs[index].blocked += 1 }
            if count.late { packs[index].late += 1 }
            if count.pending { packs[index].pending += 1 }
        }
    }

    /// What one verdict adds to the totals: a few counts and flags per pack, by the position of
    /// the pack's tally.
    package struct Entry: Sendable, Hashable {
        /// Whether the verdict is invalid (then nothing else counts).
        var invalid: Bool
        /// Whether the verdict fails under the summary's ``AuditSummary/failurePolicy``.
        var failing: Bool
        /// Per pack of the verdict.
        var packs: [PackCount]

        /// One pack's part.
        struct PackCount: Sendable, Hashable {
            /// The position of the pack's tally in ``AuditSummary/packs``.
            var index: Int
            var inForce = false
            var inForceReason: String?
            var inScope = false
            var unmetObligations = 0
            var indeterminate = false
            var blocked = false
            var late = false
            var pending = false
        }
    }

    /// Records what the walk skipped.
    package mutating func add(_ notices: [WalkNotice]) {
        self.notices += notices
    }

    /// Valid profiles.
    package var valid: Int { profiles - invalid }

    /// Walk notices that are errors (profiles may have been missed).
    package var walkErrors: Int { notices.filter(\.isError).count }

    /// Whether the audit found invalid input: an invalid profile or an unreadable directory.
    package var hasInvalidInput: Bool { invalid > 0 || walkErrors > 0 }

    /// How many notices of each kind, in the order of `WalkNotice.Kind.allCases`, leaving out
    /// kinds with none.
    package var noticeCounts: [(kind: WalkNotice.Kind, count: Int)] {
        WalkNotice.Kind.allCases.compactMap { kind in
            let count = notices.filter { $0.kind == kind }.count
            return count == 0 ? nil : (kind, count)
        }
    }
}

extension WalkNotice.Kind {
    /// A plural noun phrase for counts: "2 symbolic-link loops".
    package func counted(_ count: Int) -> String {
        let one: String, many: String
        switch self {
        case .specialFile: (one, many) = ("FIFO, socket or device", "FIFOs, sockets or devices")
        case .symlinkLoop: (one, many) = ("symbolic-link loop", "symbolic-link loops")
        case .symlinkNotFollowed: (one, many) = ("symbolic link not followed", "symbolic links not followed")
        case .unreadableDirectory: (one, many) = ("unreadable directory", "unreadable directories")
        }
        return "\(count) \(count == 1 ? one : many)"
    }
}
