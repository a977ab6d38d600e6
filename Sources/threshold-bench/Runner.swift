// The timing loop: R rounds, each running the four stages one after the other (so that drift in
// the machine's speed hits all stages alike), with the wall and CPU time of each stage.

/// What R rounds of the four stages measured.
struct Rounds {
    /// Wall seconds per stage (floor, tree, audit, audit × J), one per round.
    var times: [[Double]] = Array(repeating: [], count: 4)
    /// CPU seconds per stage, one per round.
    var cpuTimes: [[Double]] = Array(repeating: [], count: 4)
    /// The bytes of JSON lines each audit pass wrote: one value when every pass agrees.
    var outputBytes: Set<Int> = []
    /// Profiles that failed to load, over all audit passes.
    var failures = 0
    /// libyaml events and tree nodes per pass.
    var events = 0, nodes = 0
    /// Peak resident memory after the rounds, in kB.
    var peak: Int?

    /// Times `options.runs` rounds over the corpus: stage 3 with `auditor`, stage 4 with
    /// `jobAuditors` (one per job, or one shared).
    static func time(_ corpus: Corpus, auditor: AuditJob, jobAuditors: [AuditJob], options: BenchOptions) -> Rounds {
        var rounds = Rounds()
        for _ in 0..<options.runs {
            var t = now(), c = cpuNow()
            rounds.events = floorPass(corpus)
            rounds.times[0].append(now() - t)
            rounds.cpuTimes[0].append(cpuNow() - c)

            t = now(); c = cpuNow()
            rounds.nodes = treePass(corpus)
            rounds.times[1].append(now() - t)
            rounds.cpuTimes[1].append(cpuNow() - c)

            t = now(); c = cpuNow()
            let single = auditor.audit(corpus, 0..<corpus.size)
            rounds.times[2].append(now() - t)
            rounds.cpuTimes[2].append(cpuNow() - c)
            rounds.outputBytes.insert(single.bytes)
            rounds.failures += single.failures

            t = now(); c = cpuNow()
            let parallel = parallelAudit(jobAuditors, corpus, jobs: options.jobs)
            rounds.times[3].append(now() - t)
            rounds.cpuTimes[3].append(cpuNow() - c)
            rounds.outputBytes.insert(parallel.bytes)
            rounds.failures += parallel.failures
        }
        rounds.peak = procStatus("VmHWM")
        return rounds
    }
}
