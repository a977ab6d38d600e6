// The timing loop: R rounds, each running every stage one after the other (so that drift in the
// machine's speed hits all stages alike), with the wall and CPU time of each stage.

/// What R rounds of the stages measured.
struct Rounds {
    let stages: [Stage]
    /// Wall seconds per stage, one per round.
    var times: [[Double]]
    /// CPU seconds per stage (every thread of the process), one per round.
    var cpuTimes: [[Double]]
    /// The distinct passes of each stage: one when every round did the same work and wrote the
    /// same bytes.
    var passes: [Set<Pass>]

    /// Times `runs` rounds of `stages`.
    static func time(_ stages: [Stage], runs: Int) -> Rounds {
        var rounds = Rounds(
            stages: stages, times: stages.map { _ in [] }, cpuTimes: stages.map { _ in [] },
            passes: stages.map { _ in [] })
        for _ in 0..<runs {
            for (index, stage) in stages.enumerated() {
                let wall = now(), cpu = cpuNow()
                let pass = stage.pass()
                rounds.times[index].append(now() - wall)
                rounds.cpuTimes[index].append(cpuNow() - cpu)
                rounds.passes[index].insert(pass)
            }
        }
        return rounds
    }

    /// The one pass of each stage; nil for a stage whose passes differed.
    var pass: [Pass?] { passes.map { $0.count == 1 ? $0.first : nil } }

    /// Whether every stage did the same work in every round without a failure, every audit
    /// reported `profiles` profiles, and the audits of every pack wrote the same bytes whatever
    /// the number of jobs.
    func passed(profiles: Int) -> Bool {
        let audits = stages.indices.filter { if case .audit = stages[$0].role { true } else { false } }
        let everyPack = audits.filter { stages[$0].role.isEveryPack }
        let pairs = stages.indices.filter { if case .pair = stages[$0].role { true } else { false } }
        return pass.allSatisfy { $0 != nil && $0!.failures == 0 }
            && audits.allSatisfy { pass[$0]?.items == profiles }
            && pairs.allSatisfy { pass[$0]?.items == 2 * profiles }
            && Set(everyPack.map { pass[$0]?.outputBytes }).count == 1
    }
}

extension Stage.Role {
    /// Whether the stage is a row of the table (the tree and the pair are diagnostics under it).
    var isInTable: Bool {
        switch self {
        case .floor, .audit: true
        case .tree, .pair: false
        }
    }

    /// An audit of every built-in pack.
    var isEveryPack: Bool {
        if case .audit(let stage) = self { return stage.packs.isEmpty }
        return false
    }
}
