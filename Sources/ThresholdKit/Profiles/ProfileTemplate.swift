/// The commented lab profile that `threshold init` writes: every key a profile accepts, with
/// comments on units, estimates and unknown facts, and `null` wherever a fact is to be filled in.
///
/// The template loads as it is: an unfilled template is a valid profile whose every threshold is
/// indeterminate (no fact is known yet), never an error.
///
/// ```swift
/// let blank = try LabProfile(yaml: ProfileTemplate.text, path: "lab.yaml")
/// ```
package enum ProfileTemplate {
    /// The template's YAML text, ending with a newline.
    package static let text: String = #"""
        # Threshold lab profile: fill in what you know, leave the rest null.
        #
        #   threshold check lab.yaml           which obligations apply, why, and whether they are met
        #
        # Editor support: run `threshold schema profile > profile.schema.json` and make the first line of
        # this file `# yaml-language-server: $schema=profile.schema.json` for completion and help on keys.
        #
        # UNKNOWN FACTS. Write null (or delete the line). Threshold never guesses a missing fact: a test
        # that depends on it is INDETERMINATE ("cannot tell from this profile"), never "not met". An
        # indeterminate result means: add the fact to get an answer. An uncertain figure whose range
        # straddles a line is indeterminate too.
        #
        # QUANTITIES are exact decimals read from the text as written, never rounded.
        #   Numbers:  1e25   1.2E+25   10^25   10²⁵   3 × 10^25   500_000_000   500M   1.5B   2T   1.4 billion
        #   Compute:  FLOP (3.2e25 FLOP), or PFLOP/s-day (= 8.64e19 FLOP; also PF-day)
        #   Capacity: FLOP/s, a rate, not a count (1.2e20 FLOP/s)
        #   Network:  bit/s (400 Gbit/s)
        #   Money:    USD or $ (620M USD, $1.4B); another ISO 4217 code (3.5M EUR) is converted only with
        #             an exchange rate declared under organization.exchange_rates, never a guessed one.
        #   A bare number is in FLOP, FLOP/s, bit/s or USD. Quoting ("3.2e25 FLOP") changes nothing.
        #
        # ESTIMATES. Compute may be an estimate instead of one figure; the forms may be combined, and
        # figures that disagree span an interval. Reports say how a derived figure was derived.
        #   training_compute: {estimate: 3.2e25 FLOP, low: 2.1e25 FLOP, high: 4.8e25 FLOP,
        #                      confidence: "from hardware disclosures"}
        #   training_compute: {parameters: 405e9, tokens: 15.6e12}      # 6 × parameters × tokens
        #   training_compute: {chips: 16384, peak_per_chip: 989e12 FLOP/s, hours: 2000, utilization: 0.4}
        #                     # chips × peak per chip × time (hours, or days: 90) × utilization (0 to 1)
        # Money, capacity and bandwidth may be uncertain too:
        #   ai_revenue: {estimate: 450M USD, low: 400M USD, high: 520M USD}

        organization:
          name: Example AI Lab            # required: the organisation's name, as reports show it
          jurisdictions: []               # where it operates, such as [US-CA, US-NY, EU] (informational)
          reporting_period: null          # the calendar year the money figures below cover, such as 2025
          annual_gross_revenue: null      # gross revenue with affiliates for that year, such as 2.1B USD
          ai_revenue: null                # revenue from AI products and services, such as 620M USD
          ai_rnd_spend: null              # spending on AI research and development, such as 1.4B USD
          exchange_rates: []              # for money not in USD, replace [] with one entry per currency,
                                          # such as (uncommented):
          # - {from: EUR, to: USD, rate: 1.08, date: 2025-12-31}
          history: []                     # other years' figures, for "preceding calendar year" tests on any
          # date and the day the lab first qualified, such as:
          # - {year: 2024, annual_gross_revenue: 450M USD, ai_revenue: 300M USD, ai_rnd_spend: 700M USD}
          markets: []                     # facts about one market at a time (Korea's representative rule), such as:
          # - {market: KR, revenue: 20B KRW, ai_revenue: 12B KRW, daily_users: 1.2M, local_address: false}

        models:                           # every model trained or in training, one entry each; if none, `models: []`
          - name: example-model           # required, unique in this file
            training_compute: null        # FLOP, such as 3.2e25 FLOP, or an estimate (see ESTIMATES above)
            fine_tuning_compute: null     # FLOP spent on fine-tuning, RL and other modifications, such as 2e24 FLOP
            modalities: null              # what it generates or takes, such as [text, image, audio, video, code]
            primary_data: null            # general, or biological-sequence for a protein or DNA model
            status: null                  # in-training, internal, deployed or withdrawn
            released: null                # first made available (deployed, placed on the market), such as 2026-03-01
            state_of_the_art: null        # true or false, where a statute asks (Korea's Framework Act, Art. 32)
            broad_rights_risk: null       # true if it may broadly and seriously affect life, safety or
                                          # fundamental rights
            base_model: null              # for a model built on another provider's model:
                                          # {provider: Big Lab, name: big-1, training_compute: 3e25 FLOP,
                                          # systemic_risk: true} (the last two if known); fine_tuning_compute is
                                          # then the modification's compute

        clusters:                         # computing clusters owned or operated; if none, write `clusters: []`
          - name: example-cluster         # required
            peak_capacity: null           # theoretical peak, a rate, such as 1.2e20 FLOP/s
            interconnect: null            # networking between its machines, such as 400 Gbit/s
            co_located: null              # true if its machines sit in one datacenter

        assessments: []                   # records on file; the obligation ids: `threshold rules list --obligations`.
                                          # To add one, replace [] with entries such as (uncommented):
        # - obligation: cybersecurity-assessment   # the obligation's id
        #   pack: frontier-ai-proposal-2026        # only when the id alone is ambiguous
        #   model: example-model                   # the model it covers; leave out for an organisation-wide record
        #   assessor: Example Assurance LLP        # who did it
        #   independent: true                      # a third party; third-party assessments need true
        #   completed: 2026-02-10                  # records expire after the obligation's validity period
        #   outcome: acceptable                    # acceptable or high-risk (a government may block a high-risk model)

        """#
}
