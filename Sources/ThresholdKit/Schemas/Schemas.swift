// The JSON Schemas (draft 2020-12) for lab profiles and rule packs, compiled into the binary so
// that `threshold schema profile|pack` works with no files beside it. The canonical copies are
// Rules/schemas/profile.schema.json and Rules/schemas/pack.schema.json; a test checks that these
// literals equal them byte for byte. Edit the JSON file, then paste it here between the delimiters.

/// The JSON Schemas (draft 2020-12) of Threshold's input formats, for editors and validators.
///
/// Editors that speak the YAML language server protocol show the schemas' descriptions and
/// complete keys when a file's first line names the schema:
///
/// ```yaml
/// # yaml-language-server: $schema=profile.schema.json
/// ```
///
/// `threshold schema profile` and `threshold schema pack` print them.
public enum Schema {
    /// The schema of a lab profile (`Examples/labs/*.yaml`), as JSON text.
    public static let profile: String = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Threshold lab profile",
  "description": "A lab profile: one AI developer's filing, evaluated by `threshold check` against the rule packs. A fact that is not known is left out or written null; it gives indeterminate results, never a made-up value.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "organization"
  ],
  "properties": {
    "organization": {
      "description": "The organisation: its name, jurisdictions, and money figures.",
      "$ref": "#/$defs/organization"
    },
    "models": {
      "description": "The models the organisation trained, with their compute.",
      "anyOf": [
        {
          "type": "array",
          "items": {
            "$ref": "#/$defs/model"
          }
        },
        {
          "type": "null"
        }
      ]
    },
    "clusters": {
      "description": "The computing clusters the organisation owns or operates.",
      "anyOf": [
        {
          "type": "array",
          "items": {
            "$ref": "#/$defs/cluster"
          }
        },
        {
          "type": "null"
        }
      ]
    },
    "assessments": {
      "description": "Assessments, reports and other compliance records on file, matched to obligations by id.",
      "anyOf": [
        {
          "type": "array",
          "items": {
            "$ref": "#/$defs/assessment"
          }
        },
        {
          "type": "null"
        }
      ]
    }
  },
  "$defs": {
    "date": {
      "description": "A calendar date written YYYY-MM-DD, such as 2026-03-01.",
      "type": "string",
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "format": "date"
    },
    "number": {
      "description": "A plain exact number with no unit: 0.4, 16384, 405e9, 15.6e12, 10^25, 500_000_000 or 405B. Read from the text as written, never through floating point.",
      "anyOf": [
        {
          "type": "number"
        },
        {
          "type": "string",
          "pattern": "[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]"
        }
      ]
    },
    "quantity": {
      "description": "An exact quantity, as a number or as text with an optional unit. Number spellings: 1e25, 1.2E+25, 10^25, 10²⁵, 3 × 10^25, 500_000_000, 500M, 1.5B, 2T, 1.4 billion. Units: FLOP; PFLOP/s-day (= 8.64e19 FLOP, also PF-day); FLOP/s and its SI multiples; bit/s, Gbit/s, Gbps; USD, $, US$ and other ISO 4217 codes or signs (€500M). A quoted quantity (\"3.2e25 FLOP\", \"$400M\") reads exactly as the plain one. A bare number is in the fact's base unit (FLOP, FLOP/s, bit/s, or USD for money).",
      "anyOf": [
        {
          "type": "number",
          "minimum": 0
        },
        {
          "type": "string",
          "minLength": 1,
          "pattern": "[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]"
        }
      ],
      "examples": [
        "3.2e25 FLOP",
        "1.5 × 10^26 FLOP",
        "620M USD",
        "$1.4B",
        "1.2e20 FLOP/s",
        "400 Gbit/s"
      ]
    },
    "uncertain": {
      "description": "An uncertain quantity: a point estimate with an optional interval. A threshold inside the interval gives an indeterminate result.",
      "type": "object",
      "additionalProperties": false,
      "minProperties": 1,
      "anyOf": [
        {
          "required": [
            "estimate"
          ]
        },
        {
          "required": [
            "low"
          ]
        },
        {
          "required": [
            "high"
          ]
        }
      ],
      "properties": {
        "estimate": {
          "description": "The best estimate.",
          "$ref": "#/$defs/quantity"
        },
        "low": {
          "description": "The low end of the interval (defaults to the estimate).",
          "$ref": "#/$defs/quantity"
        },
        "high": {
          "description": "The high end of the interval (defaults to the estimate).",
          "$ref": "#/$defs/quantity"
        },
        "confidence": {
          "description": "Free text saying how the estimate was reached or how confident it is; shown in reports.",
          "type": [
            "string",
            "null"
          ]
        }
      }
    },
    "estimate": {
      "description": "An uncertain or derived count of operations. Give {estimate, low, high} for an uncertain figure; {parameters, tokens} to derive 6 × N × D (the dense-transformer rule of thumb); or {chips, peak_per_chip, hours or days, utilization} for the hardware estimate. Derivations that disagree with each other or with the estimate span an interval. Reports say how every derived figure was derived.",
      "type": "object",
      "additionalProperties": false,
      "minProperties": 1,
      "anyOf": [
        {
          "required": [
            "estimate"
          ]
        },
        {
          "required": [
            "low"
          ]
        },
        {
          "required": [
            "high"
          ]
        },
        {
          "required": [
            "parameters"
          ]
        },
        {
          "required": [
            "chips"
          ]
        }
      ],
      "dependentRequired": {
        "parameters": [
          "tokens"
        ],
        "tokens": [
          "parameters"
        ],
        "chips": [
          "peak_per_chip",
          "utilization"
        ],
        "peak_per_chip": [
          "chips"
        ],
        "utilization": [
          "chips"
        ],
        "hours": [
          "chips"
        ],
        "days": [
          "chips"
        ]
      },
      "dependentSchemas": {
        "chips": {
          "oneOf": [
            {
              "required": [
                "hours"
              ]
            },
            {
              "required": [
                "days"
              ]
            }
          ]
        }
      },
      "properties": {
        "estimate": {
          "description": "The best estimate of the compute, such as 3.2e25 FLOP.",
          "$ref": "#/$defs/quantity"
        },
        "low": {
          "description": "The low end of the interval (defaults to the estimate).",
          "$ref": "#/$defs/quantity"
        },
        "high": {
          "description": "The high end of the interval (defaults to the estimate).",
          "$ref": "#/$defs/quantity"
        },
        "confidence": {
          "description": "Free text saying how the estimate was reached or how confident it is; shown in reports.",
          "type": [
            "string",
            "null"
          ]
        },
        "parameters": {
          "description": "The model's parameter count N, such as 405e9; with 'tokens' gives 6 × N × D FLOP.",
          "$ref": "#/$defs/number"
        },
        "tokens": {
          "description": "The number of training tokens D, such as 15.6e12; with 'parameters' gives 6 × N × D FLOP.",
          "$ref": "#/$defs/number"
        },
        "chips": {
          "description": "Hardware estimate: the number of accelerators, such as 16384.",
          "$ref": "#/$defs/number"
        },
        "peak_per_chip": {
          "description": "Hardware estimate: each accelerator's peak rate, such as 989e12 FLOP/s.",
          "$ref": "#/$defs/quantity"
        },
        "hours": {
          "description": "Hardware estimate: the training run's length in hours, such as 2000 (give hours or days, not both).",
          "$ref": "#/$defs/number"
        },
        "days": {
          "description": "Hardware estimate: the training run's length in days, such as 90 (give hours or days, not both).",
          "$ref": "#/$defs/number"
        },
        "utilization": {
          "description": "Hardware estimate: the fraction of peak actually achieved, between 0 and 1, such as 0.4.",
          "$ref": "#/$defs/number"
        }
      }
    },
    "operations": {
      "description": "A count of operations (FLOP): a quantity such as 3.2e25 FLOP or 115741 PFLOP/s-day, an estimate mapping, or null when not known (an unknown fact gives indeterminate results, never a made-up value).",
      "anyOf": [
        {
          "$ref": "#/$defs/quantity"
        },
        {
          "$ref": "#/$defs/estimate"
        },
        {
          "type": "null"
        }
      ]
    },
    "money": {
      "description": "An amount of money: 620M USD, $1.4B, 3.5M EUR (converted only with an exchange rate the profile or pack declares), an uncertain amount {estimate, low, high}, or null when not known. A bare number is in USD.",
      "anyOf": [
        {
          "$ref": "#/$defs/quantity"
        },
        {
          "$ref": "#/$defs/uncertain"
        },
        {
          "type": "null"
        }
      ]
    },
    "rate": {
      "description": "A rate of operations (FLOP/s), such as 1.2e20 FLOP/s; an uncertain rate {estimate, low, high}; or null when not known.",
      "anyOf": [
        {
          "$ref": "#/$defs/quantity"
        },
        {
          "$ref": "#/$defs/uncertain"
        },
        {
          "type": "null"
        }
      ]
    },
    "bandwidth": {
      "description": "A bandwidth, such as 400 Gbit/s; an uncertain bandwidth {estimate, low, high}; or null when not known.",
      "anyOf": [
        {
          "$ref": "#/$defs/quantity"
        },
        {
          "$ref": "#/$defs/uncertain"
        },
        {
          "type": "null"
        }
      ]
    },
    "names": {
      "description": "A list of names, or a single name standing for a list of one.",
      "anyOf": [
        {
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        {
          "type": "string"
        },
        {
          "type": "null"
        }
      ]
    },
    "exchangeRate": {
      "description": "An exchange rate: how many units of 'to' one unit of 'from' buys. Money in another currency than a threshold's is converted only with a declared rate, never a guessed one.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "from",
        "to",
        "rate"
      ],
      "properties": {
        "from": {
          "description": "The ISO 4217 code converted from, such as EUR.",
          "type": "string",
          "pattern": "^[A-Z]{3}$"
        },
        "to": {
          "description": "The ISO 4217 code converted to, such as USD.",
          "type": "string",
          "pattern": "^[A-Z]{3}$"
        },
        "rate": {
          "description": "Units of 'to' per one unit of 'from', greater than zero, such as 1.08.",
          "$ref": "#/$defs/number"
        },
        "date": {
          "description": "The date the rate was taken, such as 2025-12-31 (informational).",
          "anyOf": [
            {
              "$ref": "#/$defs/date"
            },
            {
              "type": "null"
            }
          ]
        }
      }
    },
    "organization": {
      "description": "The organisation filing the profile, with its money figures.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name"
      ],
      "properties": {
        "name": {
          "description": "The organisation's name, as reports show it.",
          "type": "string",
          "minLength": 1
        },
        "jurisdictions": {
          "description": "Where it operates: EU, US, US-CA, US-NY, … (informational).",
          "$ref": "#/$defs/names"
        },
        "reporting_period": {
          "description": "The calendar year the money figures cover, such as 2025. Thresholds on the preceding calendar year's revenue compare only figures for that year.",
          "type": [
            "integer",
            "null"
          ],
          "minimum": 1900,
          "maximum": 2200
        },
        "annual_gross_revenue": {
          "description": "Annual gross revenue, with affiliates, for the reporting period (California SB 53 and New York RAISE test this).",
          "$ref": "#/$defs/money"
        },
        "ai_revenue": {
          "description": "Revenue from AI products and services for the reporting period.",
          "$ref": "#/$defs/money"
        },
        "ai_rnd_spend": {
          "description": "Spending on AI research and development for the reporting period.",
          "$ref": "#/$defs/money"
        },
        "exchange_rates": {
          "description": "Exchange rates for money figures not in a threshold's currency.",
          "anyOf": [
            {
              "type": "array",
              "items": {
                "$ref": "#/$defs/exchangeRate"
              }
            },
            {
              "type": "null"
            }
          ]
        }
      }
    },
    "model": {
      "description": "A model the organisation trained or is training.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name"
      ],
      "properties": {
        "name": {
          "description": "The model's name, unique in the profile.",
          "type": "string",
          "minLength": 1
        },
        "training_compute": {
          "description": "Compute used to train the model (pre-training, or cumulative where the lab reports it so), in FLOP; an estimate mapping; or null when not known.",
          "$ref": "#/$defs/operations"
        },
        "fine_tuning_compute": {
          "description": "Compute used for fine-tuning, reinforcement learning and other modifications, in FLOP (some laws count it with training).",
          "$ref": "#/$defs/operations"
        },
        "modalities": {
          "description": "What the model generates or takes: text, image, audio, video, code, …. The EU AI Act's indicative criterion needs a generative model.",
          "$ref": "#/$defs/names"
        },
        "primary_data": {
          "description": "What the model was primarily trained on: general, or biological-sequence (Executive Order 14110's 10^23 test).",
          "type": [
            "string",
            "null"
          ],
          "examples": [
            "general",
            "biological-sequence"
          ]
        },
        "status": {
          "description": "Where the model is in its life: in-training, internal, deployed or withdrawn.",
          "enum": [
            "in-training",
            "internal",
            "deployed",
            "withdrawn",
            null
          ]
        },
        "released": {
          "description": "When the model was first made available (placed on the market, deployed): YYYY-MM-DD. Deadlines such as before-deployment run from it.",
          "anyOf": [
            {
              "$ref": "#/$defs/date"
            },
            {
              "type": "null"
            }
          ]
        }
      }
    },
    "cluster": {
      "description": "A computing cluster the organisation owns or operates.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name"
      ],
      "properties": {
        "name": {
          "description": "The cluster's name.",
          "type": "string",
          "minLength": 1
        },
        "peak_capacity": {
          "description": "Theoretical peak capacity: a rate, such as 1.2e20 FLOP/s (not a count of operations).",
          "$ref": "#/$defs/rate"
        },
        "interconnect": {
          "description": "Networking between the cluster's machines: a bandwidth, such as 400 Gbit/s.",
          "$ref": "#/$defs/bandwidth"
        },
        "co_located": {
          "description": "Whether the cluster's machines sit in one datacenter.",
          "type": [
            "boolean",
            "null"
          ]
        }
      }
    },
    "assessment": {
      "description": "An assessment, report or other compliance record on file.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "obligation"
      ],
      "properties": {
        "obligation": {
          "description": "The obligation the record answers, by id, such as cybersecurity-assessment (see `threshold rules list`).",
          "type": "string",
          "minLength": 1
        },
        "pack": {
          "description": "The rule pack the obligation belongs to, such as us-ca-sb53, when the id alone is ambiguous.",
          "type": [
            "string",
            "null"
          ]
        },
        "model": {
          "description": "The model the record covers, by name; leave out for an organisation-wide record.",
          "type": [
            "string",
            "null"
          ]
        },
        "assessor": {
          "description": "Who did the assessment.",
          "type": [
            "string",
            "null"
          ]
        },
        "independent": {
          "description": "Whether the assessor is independent of the lab (a third party). Third-party assessments are met only by independent records.",
          "type": [
            "boolean",
            "null"
          ]
        },
        "completed": {
          "description": "When the record was completed: YYYY-MM-DD. A record older than the obligation's validity has expired.",
          "anyOf": [
            {
              "$ref": "#/$defs/date"
            },
            {
              "type": "null"
            }
          ]
        },
        "outcome": {
          "description": "What the assessment found: acceptable or high-risk. A high-risk finding may let a government block deployment.",
          "enum": [
            "acceptable",
            "high-risk",
            null
          ]
        }
      }
    }
  }
}

"""#

    /// The schema of a rule pack (`Rules/*.yaml`), as JSON text. Self-contained: the inline
    /// `profile:` of a pack's test cases is checked against a copy of the profile schema's
    /// definitions.
    public static let pack: String = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Threshold rule pack",
  "description": "A rule pack: one law or proposal's thresholds, the obligations they trigger, its dates, its sources, and its own test cases.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "pack",
    "title",
    "status"
  ],
  "properties": {
    "pack": {
      "description": "The pack's id, such as frontier-ai-proposal-2026: lowercase letters, digits, '-', '_' and '.'.",
      "type": "string",
      "pattern": "^[a-z0-9._-]+$"
    },
    "title": {
      "description": "A one-line title.",
      "type": "string"
    },
    "status": {
      "description": "Whether the text is law: proposed (evaluated as if enacted, and reports say so), enacted, repealed (in force only up to 'expires') or vetoed (never in force).",
      "enum": [
        "proposed",
        "enacted",
        "repealed",
        "vetoed"
      ]
    },
    "jurisdiction": {
      "description": "Where it applies: EU, US, US-CA, US-NY, …, or none.",
      "type": [
        "string",
        "null"
      ],
      "examples": [
        "none",
        "EU",
        "US-CA"
      ]
    },
    "effective": {
      "description": "The first day the pack is in force.",
      "anyOf": [
        {
          "$ref": "#/$defs/date"
        },
        {
          "type": "null"
        }
      ]
    },
    "expires": {
      "description": "The first day it is no longer in force (expiry, repeal, revocation); after 'effective'.",
      "anyOf": [
        {
          "$ref": "#/$defs/date"
        },
        {
          "type": "null"
        }
      ]
    },
    "summary": {
      "description": "Free text shown by `threshold rules show`.",
      "type": [
        "string",
        "null"
      ]
    },
    "sources": {
      "description": "The documents the pack cites.",
      "anyOf": [
        {
          "type": "array",
          "items": {
            "$ref": "#/$defs/source"
          }
        },
        {
          "type": "null"
        }
      ]
    },
    "exchange_rates": {
      "description": "Exchange rates the pack declares, for money in other currencies than its thresholds'.",
      "anyOf": [
        {
          "type": "array",
          "items": {
            "$ref": "#/$defs/exchangeRate"
          }
        },
        {
          "type": "null"
        }
      ]
    },
    "thresholds": {
      "description": "The lines the statute draws.",
      "anyOf": [
        {
          "type": "array",
          "items": {
            "$ref": "#/$defs/threshold"
          }
        },
        {
          "type": "null"
        }
      ]
    },
    "obligations": {
      "description": "The duties the thresholds trigger.",
      "anyOf": [
        {
          "type": "array",
          "items": {
            "$ref": "#/$defs/obligation"
          }
        },
        {
          "type": "null"
        }
      ]
    },
    "tests": {
      "description": "The pack's own test cases, run by `threshold rules test`.",
      "anyOf": [
        {
          "type": "array",
          "items": {
            "$ref": "#/$defs/test"
          }
        },
        {
          "type": "null"
        }
      ]
    }
  },
  "$defs": {
    "profile": {
      "description": "A lab profile: one AI developer's filing, evaluated by `threshold check` against the rule packs. A fact that is not known is left out or written null; it gives indeterminate results, never a made-up value.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "organization"
      ],
      "properties": {
        "organization": {
          "description": "The organisation: its name, jurisdictions, and money figures.",
          "$ref": "#/$defs/organization"
        },
        "models": {
          "description": "The models the organisation trained, with their compute.",
          "anyOf": [
            {
              "type": "array",
              "items": {
                "$ref": "#/$defs/model"
              }
            },
            {
              "type": "null"
            }
          ]
        },
        "clusters": {
          "description": "The computing clusters the organisation owns or operates.",
          "anyOf": [
            {
              "type": "array",
              "items": {
                "$ref": "#/$defs/cluster"
              }
            },
            {
              "type": "null"
            }
          ]
        },
        "assessments": {
          "description": "Assessments, reports and other compliance records on file, matched to obligations by id.",
          "anyOf": [
            {
              "type": "array",
              "items": {
                "$ref": "#/$defs/assessment"
              }
            },
            {
              "type": "null"
            }
          ]
        }
      }
    },
    "date": {
      "description": "A calendar date written YYYY-MM-DD, such as 2026-03-01.",
      "type": "string",
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "format": "date"
    },
    "number": {
      "description": "A plain exact number with no unit: 0.4, 16384, 405e9, 15.6e12, 10^25, 500_000_000 or 405B. Read from the text as written, never through floating point.",
      "anyOf": [
        {
          "type": "number"
        },
        {
          "type": "string",
          "pattern": "[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]"
        }
      ]
    },
    "quantity": {
      "description": "An exact quantity, as a number or as text with an optional unit. Number spellings: 1e25, 1.2E+25, 10^25, 10²⁵, 3 × 10^25, 500_000_000, 500M, 1.5B, 2T, 1.4 billion. Units: FLOP; PFLOP/s-day (= 8.64e19 FLOP, also PF-day); FLOP/s and its SI multiples; bit/s, Gbit/s, Gbps; USD, $, US$ and other ISO 4217 codes or signs (€500M). A quoted quantity (\"3.2e25 FLOP\", \"$400M\") reads exactly as the plain one. A bare number is in the fact's base unit (FLOP, FLOP/s, bit/s, or USD for money).",
      "anyOf": [
        {
          "type": "number",
          "minimum": 0
        },
        {
          "type": "string",
          "minLength": 1,
          "pattern": "[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]"
        }
      ],
      "examples": [
        "3.2e25 FLOP",
        "1.5 × 10^26 FLOP",
        "620M USD",
        "$1.4B",
        "1.2e20 FLOP/s",
        "400 Gbit/s"
      ]
    },
    "uncertain": {
      "description": "An uncertain quantity: a point estimate with an optional interval. A threshold inside the interval gives an indeterminate result.",
      "type": "object",
      "additionalProperties": false,
      "minProperties": 1,
      "anyOf": [
        {
          "required": [
            "estimate"
          ]
        },
        {
          "required": [
            "low"
          ]
        },
        {
          "required": [
            "high"
          ]
        }
      ],
      "properties": {
        "estimate": {
          "description": "The best estimate.",
          "$ref": "#/$defs/quantity"
        },
        "low": {
          "description": "The low end of the interval (defaults to the estimate).",
          "$ref": "#/$defs/quantity"
        },
        "high": {
          "description": "The high end of the interval (defaults to the estimate).",
          "$ref": "#/$defs/quantity"
        },
        "confidence": {
          "description": "Free text saying how the estimate was reached or how confident it is; shown in reports.",
          "type": [
            "string",
            "null"
          ]
        }
      }
    },
    "estimate": {
      "description": "An uncertain or derived count of operations. Give {estimate, low, high} for an uncertain figure; {parameters, tokens} to derive 6 × N × D (the dense-transformer rule of thumb); or {chips, peak_per_chip, hours or days, utilization} for the hardware estimate. Derivations that disagree with each other or with the estimate span an interval. Reports say how every derived figure was derived.",
      "type": "object",
      "additionalProperties": false,
      "minProperties": 1,
      "anyOf": [
        {
          "required": [
            "estimate"
          ]
        },
        {
          "required": [
            "low"
          ]
        },
        {
          "required": [
            "high"
          ]
        },
        {
          "required": [
            "parameters"
          ]
        },
        {
          "required": [
            "chips"
          ]
        }
      ],
      "dependentRequired": {
        "parameters": [
          "tokens"
        ],
        "tokens": [
          "parameters"
        ],
        "chips": [
          "peak_per_chip",
          "utilization"
        ],
        "peak_per_chip": [
          "chips"
        ],
        "utilization": [
          "chips"
        ],
        "hours": [
          "chips"
        ],
        "days": [
          "chips"
        ]
      },
      "dependentSchemas": {
        "chips": {
          "oneOf": [
            {
              "required": [
                "hours"
              ]
            },
            {
              "required": [
                "days"
              ]
            }
          ]
        }
      },
      "properties": {
        "estimate": {
          "description": "The best estimate of the compute, such as 3.2e25 FLOP.",
          "$ref": "#/$defs/quantity"
        },
        "low": {
          "description": "The low end of the interval (defaults to the estimate).",
          "$ref": "#/$defs/quantity"
        },
        "high": {
          "description": "The high end of the interval (defaults to the estimate).",
          "$ref": "#/$defs/quantity"
        },
        "confidence": {
          "description": "Free text saying how the estimate was reached or how confident it is; shown in reports.",
          "type": [
            "string",
            "null"
          ]
        },
        "parameters": {
          "description": "The model's parameter count N, such as 405e9; with 'tokens' gives 6 × N × D FLOP.",
          "$ref": "#/$defs/number"
        },
        "tokens": {
          "description": "The number of training tokens D, such as 15.6e12; with 'parameters' gives 6 × N × D FLOP.",
          "$ref": "#/$defs/number"
        },
        "chips": {
          "description": "Hardware estimate: the number of accelerators, such as 16384.",
          "$ref": "#/$defs/number"
        },
        "peak_per_chip": {
          "description": "Hardware estimate: each accelerator's peak rate, such as 989e12 FLOP/s.",
          "$ref": "#/$defs/quantity"
        },
        "hours": {
          "description": "Hardware estimate: the training run's length in hours, such as 2000 (give hours or days, not both).",
          "$ref": "#/$defs/number"
        },
        "days": {
          "description": "Hardware estimate: the training run's length in days, such as 90 (give hours or days, not both).",
          "$ref": "#/$defs/number"
        },
        "utilization": {
          "description": "Hardware estimate: the fraction of peak actually achieved, between 0 and 1, such as 0.4.",
          "$ref": "#/$defs/number"
        }
      }
    },
    "operations": {
      "description": "A count of operations (FLOP): a quantity such as 3.2e25 FLOP or 115741 PFLOP/s-day, an estimate mapping, or null when not known (an unknown fact gives indeterminate results, never a made-up value).",
      "anyOf": [
        {
          "$ref": "#/$defs/quantity"
        },
        {
          "$ref": "#/$defs/estimate"
        },
        {
          "type": "null"
        }
      ]
    },
    "money": {
      "description": "An amount of money: 620M USD, $1.4B, 3.5M EUR (converted only with an exchange rate the profile or pack declares), an uncertain amount {estimate, low, high}, or null when not known. A bare number is in USD.",
      "anyOf": [
        {
          "$ref": "#/$defs/quantity"
        },
        {
          "$ref": "#/$defs/uncertain"
        },
        {
          "type": "null"
        }
      ]
    },
    "rate": {
      "description": "A rate of operations (FLOP/s), such as 1.2e20 FLOP/s; an uncertain rate {estimate, low, high}; or null when not known.",
      "anyOf": [
        {
          "$ref": "#/$defs/quantity"
        },
        {
          "$ref": "#/$defs/uncertain"
        },
        {
          "type": "null"
        }
      ]
    },
    "bandwidth": {
      "description": "A bandwidth, such as 400 Gbit/s; an uncertain bandwidth {estimate, low, high}; or null when not known.",
      "anyOf": [
        {
          "$ref": "#/$defs/quantity"
        },
        {
          "$ref": "#/$defs/uncertain"
        },
        {
          "type": "null"
        }
      ]
    },
    "names": {
      "description": "A list of names, or a single name standing for a list of one.",
      "anyOf": [
        {
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        {
          "type": "string"
        },
        {
          "type": "null"
        }
      ]
    },
    "exchangeRate": {
      "description": "An exchange rate: how many units of 'to' one unit of 'from' buys. Money in another currency than a threshold's is converted only with a declared rate, never a guessed one.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "from",
        "to",
        "rate"
      ],
      "properties": {
        "from": {
          "description": "The ISO 4217 code converted from, such as EUR.",
          "type": "string",
          "pattern": "^[A-Z]{3}$"
        },
        "to": {
          "description": "The ISO 4217 code converted to, such as USD.",
          "type": "string",
          "pattern": "^[A-Z]{3}$"
        },
        "rate": {
          "description": "Units of 'to' per one unit of 'from', greater than zero, such as 1.08.",
          "$ref": "#/$defs/number"
        },
        "date": {
          "description": "The date the rate was taken, such as 2025-12-31 (informational).",
          "anyOf": [
            {
              "$ref": "#/$defs/date"
            },
            {
              "type": "null"
            }
          ]
        }
      }
    },
    "organization": {
      "description": "The organisation filing the profile, with its money figures.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name"
      ],
      "properties": {
        "name": {
          "description": "The organisation's name, as reports show it.",
          "type": "string",
          "minLength": 1
        },
        "jurisdictions": {
          "description": "Where it operates: EU, US, US-CA, US-NY, … (informational).",
          "$ref": "#/$defs/names"
        },
        "reporting_period": {
          "description": "The calendar year the money figures cover, such as 2025. Thresholds on the preceding calendar year's revenue compare only figures for that year.",
          "type": [
            "integer",
            "null"
          ],
          "minimum": 1900,
          "maximum": 2200
        },
        "annual_gross_revenue": {
          "description": "Annual gross revenue, with affiliates, for the reporting period (California SB 53 and New York RAISE test this).",
          "$ref": "#/$defs/money"
        },
        "ai_revenue": {
          "description": "Revenue from AI products and services for the reporting period.",
          "$ref": "#/$defs/money"
        },
        "ai_rnd_spend": {
          "description": "Spending on AI research and development for the reporting period.",
          "$ref": "#/$defs/money"
        },
        "exchange_rates": {
          "description": "Exchange rates for money figures not in a threshold's currency.",
          "anyOf": [
            {
              "type": "array",
              "items": {
                "$ref": "#/$defs/exchangeRate"
              }
            },
            {
              "type": "null"
            }
          ]
        }
      }
    },
    "model": {
      "description": "A model the organisation trained or is training.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name"
      ],
      "properties": {
        "name": {
          "description": "The model's name, unique in the profile.",
          "type": "string",
          "minLength": 1
        },
        "training_compute": {
          "description": "Compute used to train the model (pre-training, or cumulative where the lab reports it so), in FLOP; an estimate mapping; or null when not known.",
          "$ref": "#/$defs/operations"
        },
        "fine_tuning_compute": {
          "description": "Compute used for fine-tuning, reinforcement learning and other modifications, in FLOP (some laws count it with training).",
          "$ref": "#/$defs/operations"
        },
        "modalities": {
          "description": "What the model generates or takes: text, image, audio, video, code, …. The EU AI Act's indicative criterion needs a generative model.",
          "$ref": "#/$defs/names"
        },
        "primary_data": {
          "description": "What the model was primarily trained on: general, or biological-sequence (Executive Order 14110's 10^23 test).",
          "type": [
            "string",
            "null"
          ],
          "examples": [
            "general",
            "biological-sequence"
          ]
        },
        "status": {
          "description": "Where the model is in its life: in-training, internal, deployed or withdrawn.",
          "enum": [
            "in-training",
            "internal",
            "deployed",
            "withdrawn",
            null
          ]
        },
        "released": {
          "description": "When the model was first made available (placed on the market, deployed): YYYY-MM-DD. Deadlines such as before-deployment run from it.",
          "anyOf": [
            {
              "$ref": "#/$defs/date"
            },
            {
              "type": "null"
            }
          ]
        }
      }
    },
    "cluster": {
      "description": "A computing cluster the organisation owns or operates.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name"
      ],
      "properties": {
        "name": {
          "description": "The cluster's name.",
          "type": "string",
          "minLength": 1
        },
        "peak_capacity": {
          "description": "Theoretical peak capacity: a rate, such as 1.2e20 FLOP/s (not a count of operations).",
          "$ref": "#/$defs/rate"
        },
        "interconnect": {
          "description": "Networking between the cluster's machines: a bandwidth, such as 400 Gbit/s.",
          "$ref": "#/$defs/bandwidth"
        },
        "co_located": {
          "description": "Whether the cluster's machines sit in one datacenter.",
          "type": [
            "boolean",
            "null"
          ]
        }
      }
    },
    "assessment": {
      "description": "An assessment, report or other compliance record on file.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "obligation"
      ],
      "properties": {
        "obligation": {
          "description": "The obligation the record answers, by id, such as cybersecurity-assessment (see `threshold rules list`).",
          "type": "string",
          "minLength": 1
        },
        "pack": {
          "description": "The rule pack the obligation belongs to, such as us-ca-sb53, when the id alone is ambiguous.",
          "type": [
            "string",
            "null"
          ]
        },
        "model": {
          "description": "The model the record covers, by name; leave out for an organisation-wide record.",
          "type": [
            "string",
            "null"
          ]
        },
        "assessor": {
          "description": "Who did the assessment.",
          "type": [
            "string",
            "null"
          ]
        },
        "independent": {
          "description": "Whether the assessor is independent of the lab (a third party). Third-party assessments are met only by independent records.",
          "type": [
            "boolean",
            "null"
          ]
        },
        "completed": {
          "description": "When the record was completed: YYYY-MM-DD. A record older than the obligation's validity has expired.",
          "anyOf": [
            {
              "$ref": "#/$defs/date"
            },
            {
              "type": "null"
            }
          ]
        },
        "outcome": {
          "description": "What the assessment found: acceptable or high-risk. A high-risk finding may let a government block deployment.",
          "enum": [
            "acceptable",
            "high-risk",
            null
          ]
        }
      }
    },
    "source": {
      "description": "A document the pack cites: a statute, an order, a proposal.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "title"
      ],
      "properties": {
        "id": {
          "description": "The id thresholds and obligations cite it by (cite: …).",
          "type": "string",
          "pattern": "^[a-z0-9._-]+$"
        },
        "title": {
          "description": "The document's full title.",
          "type": "string"
        },
        "url": {
          "description": "Where to read the document.",
          "type": [
            "string",
            "null"
          ]
        }
      }
    },
    "comparison": {
      "description": "Exactly one comparison with a limit in the fact's unit; the statute's word decides which.",
      "type": "object",
      "additionalProperties": false,
      "minProperties": 1,
      "maxProperties": 1,
      "properties": {
        "greater_than": {
          "description": "The fact must be strictly greater than this limit (\"more than\", \"in excess of\", \"over\").",
          "$ref": "#/$defs/quantity"
        },
        "at_least": {
          "description": "The fact must be at least this limit (\"of\", \"or more\", \"not less than\").",
          "$ref": "#/$defs/quantity"
        },
        "less_than": {
          "description": "The fact must be strictly less than this limit.",
          "$ref": "#/$defs/quantity"
        },
        "at_most": {
          "description": "The fact must be at most this limit.",
          "$ref": "#/$defs/quantity"
        }
      }
    },
    "condition": {
      "description": "A further condition on a fact of the same subject: a value (primary_data: biological-sequence), {one_of: [a, b]}, {includes_any: [text, image]} for modalities, true/false for co_located, or a comparison such as {greater_than: 100 Gbit/s}.",
      "anyOf": [
        {
          "type": [
            "string",
            "boolean"
          ]
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "one_of"
          ],
          "properties": {
            "one_of": {
              "description": "The fact equals one of these values.",
              "type": "array",
              "items": {
                "type": "string"
              }
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "includes_any"
          ],
          "properties": {
            "includes_any": {
              "description": "The list fact (modalities) includes at least one of these values.",
              "type": "array",
              "minItems": 1,
              "items": {
                "type": "string"
              }
            }
          }
        },
        {
          "$ref": "#/$defs/comparison"
        }
      ]
    },
    "threshold": {
      "description": "A line the statute draws: a fact of each model, cluster or of the organisation compared with an exact limit, with optional further conditions.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "subject",
        "fact"
      ],
      "oneOf": [
        {
          "required": [
            "greater_than"
          ]
        },
        {
          "required": [
            "at_least"
          ]
        },
        {
          "required": [
            "less_than"
          ]
        },
        {
          "required": [
            "at_most"
          ]
        }
      ],
      "properties": {
        "id": {
          "description": "The threshold's id, unique in the pack; obligations' 'when' formulas name it.",
          "type": "string",
          "pattern": "^[a-z0-9._-]+$"
        },
        "title": {
          "description": "A short title for reports.",
          "type": [
            "string",
            "null"
          ]
        },
        "subject": {
          "description": "What the threshold is about: each model, each cluster, or the organisation.",
          "enum": [
            "model",
            "organization",
            "cluster"
          ]
        },
        "fact": {
          "description": "The profile fact compared: a fact of the subject (training_and_fine_tuning_compute adds the two compute figures).",
          "enum": [
            "annual_gross_revenue",
            "ai_revenue",
            "ai_rnd_spend",
            "training_compute",
            "fine_tuning_compute",
            "training_and_fine_tuning_compute",
            "modalities",
            "primary_data",
            "status",
            "peak_capacity",
            "interconnect",
            "co_located"
          ]
        },
        "greater_than": {
          "description": "The fact must be strictly greater than this limit (\"more than\", \"in excess of\", \"over\"). Written in the fact's unit: 1e25 FLOP, 500M USD, 1e20 FLOP/s.",
          "$ref": "#/$defs/quantity"
        },
        "at_least": {
          "description": "The fact must be at least this limit (\"of\", \"or more\", \"not less than\"). Written in the fact's unit: 1e25 FLOP, 500M USD, 1e20 FLOP/s.",
          "$ref": "#/$defs/quantity"
        },
        "less_than": {
          "description": "The fact must be strictly less than this limit. Written in the fact's unit: 1e25 FLOP, 500M USD, 1e20 FLOP/s.",
          "$ref": "#/$defs/quantity"
        },
        "at_most": {
          "description": "The fact must be at most this limit. Written in the fact's unit: 1e25 FLOP, 500M USD, 1e20 FLOP/s.",
          "$ref": "#/$defs/quantity"
        },
        "where": {
          "description": "Further conditions on the same subject, all of which must hold (Kleene and), keyed by fact.",
          "type": "object",
          "propertyNames": {
            "enum": [
              "annual_gross_revenue",
              "ai_revenue",
              "ai_rnd_spend",
              "training_compute",
              "fine_tuning_compute",
              "training_and_fine_tuning_compute",
              "modalities",
              "primary_data",
              "status",
              "peak_capacity",
              "interconnect",
              "co_located"
            ]
          },
          "additionalProperties": {
            "$ref": "#/$defs/condition"
          }
        },
        "period": {
          "description": "Which money figures count: preceding-calendar-year compares only figures whose reporting_period is the year before the as-of date.",
          "enum": [
            "preceding-calendar-year",
            null
          ]
        },
        "cite": {
          "description": "The id of the source (under 'sources') the threshold cites.",
          "type": [
            "string",
            "null"
          ]
        },
        "citation": {
          "description": "The article or section, such as Art. 51(2).",
          "type": [
            "string",
            "null"
          ]
        },
        "note": {
          "description": "Interpretive notes: how the pack reads the statute's words.",
          "type": [
            "string",
            "null"
          ]
        }
      }
    },
    "when": {
      "description": "When an obligation applies: a threshold or obligation id, always, {any: […]}, {all: […]}, {not: …} or {any_assessment_outcome: high-risk}. Evaluated in three-valued (Kleene) logic: a missing fact makes it indeterminate, not false.",
      "anyOf": [
        {
          "type": "string",
          "description": "A threshold id (it is met), an obligation id (it applies), or always."
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "any"
          ],
          "properties": {
            "any": {
              "description": "At least one holds.",
              "type": "array",
              "minItems": 1,
              "items": {
                "$ref": "#/$defs/when"
              }
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "all"
          ],
          "properties": {
            "all": {
              "description": "All hold.",
              "type": "array",
              "minItems": 1,
              "items": {
                "$ref": "#/$defs/when"
              }
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "not"
          ],
          "properties": {
            "not": {
              "description": "It does not hold.",
              "$ref": "#/$defs/when"
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "any_assessment_outcome"
          ],
          "properties": {
            "any_assessment_outcome": {
              "description": "An assessment on file for this pack found this outcome.",
              "enum": [
                "acceptable",
                "high-risk"
              ]
            }
          }
        }
      ]
    },
    "due": {
      "description": "When the obligation is due: before-deployment (by the model's release date), continuing (met by having the process on file), a date, or {within_days: 14, of: release}.",
      "anyOf": [
        {
          "enum": [
            "before-deployment",
            "continuing"
          ]
        },
        {
          "$ref": "#/$defs/date"
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "within_days"
          ],
          "properties": {
            "within_days": {
              "description": "The number of days after the model's release.",
              "type": "integer",
              "minimum": 0
            },
            "of": {
              "description": "What the days run from: release (the only choice).",
              "enum": [
                "release",
                null
              ]
            }
          }
        },
        {
          "type": "null"
        }
      ]
    },
    "obligation": {
      "description": "A duty that thresholds trigger.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "title",
        "kind",
        "when"
      ],
      "properties": {
        "id": {
          "description": "The obligation's id, unique in the pack; assessments on file name it.",
          "type": "string",
          "pattern": "^[a-z0-9._-]+$"
        },
        "title": {
          "description": "A short title for reports.",
          "type": "string"
        },
        "kind": {
          "description": "What kind of duty: third-party-assessment, notification, report, framework, incident-reporting, protocol, provider-obligations, deployment-gate, …. A deployment-gate lets a government block a model.",
          "type": "string",
          "pattern": "^[a-z0-9._-]+$"
        },
        "risk": {
          "description": "The risk an assessment concerns: cybersecurity, biological-weapons, loss-of-control, automated-ai-rnd, ….",
          "type": [
            "string",
            "null"
          ]
        },
        "per": {
          "description": "Whether the duty is owed for each model or once by the organisation (the default).",
          "enum": [
            "model",
            "organization",
            null
          ]
        },
        "when": {
          "$ref": "#/$defs/when"
        },
        "due": {
          "$ref": "#/$defs/due"
        },
        "valid_for_days": {
          "description": "How long a record stays valid, in days; an older one has expired.",
          "type": [
            "integer",
            "null"
          ],
          "minimum": 1
        },
        "independent": {
          "description": "Whether only an independent (third-party) record meets the obligation. Defaults to true for kind third-party-assessment, false otherwise.",
          "type": [
            "boolean",
            "null"
          ]
        },
        "transition": {
          "description": "A grace period: models placed on the market before one date comply by a later one (EU AI Act Art. 111(3)).",
          "type": "object",
          "additionalProperties": false,
          "required": [
            "placed_before",
            "comply_by"
          ],
          "properties": {
            "placed_before": {
              "description": "Models released before this date…",
              "$ref": "#/$defs/date"
            },
            "comply_by": {
              "description": "…comply by this date.",
              "$ref": "#/$defs/date"
            }
          }
        },
        "cite": {
          "description": "The id of the source (under 'sources') the obligation cites.",
          "type": [
            "string",
            "null"
          ]
        },
        "citation": {
          "description": "The article or section.",
          "type": [
            "string",
            "null"
          ]
        },
        "note": {
          "description": "Interpretive notes.",
          "type": [
            "string",
            "null"
          ]
        }
      }
    },
    "expect": {
      "description": "What the verdict for the test's profile must say.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "applies": {
          "description": "Obligation ids that must apply.",
          "anyOf": [
            {
              "type": "array",
              "items": {
                "type": "string"
              }
            },
            {
              "type": "string"
            },
            {
              "type": "null"
            }
          ]
        },
        "not_applies": {
          "description": "Obligation ids that must not apply.",
          "anyOf": [
            {
              "type": "array",
              "items": {
                "type": "string"
              }
            },
            {
              "type": "string"
            },
            {
              "type": "null"
            }
          ]
        },
        "indeterminate": {
          "description": "Obligation ids whose applicability must be indeterminate.",
          "anyOf": [
            {
              "type": "array",
              "items": {
                "type": "string"
              }
            },
            {
              "type": "string"
            },
            {
              "type": "null"
            }
          ]
        },
        "status": {
          "description": "Obligation statuses, by obligation id.",
          "type": [
            "object",
            "null"
          ],
          "additionalProperties": {
            "enum": [
              "met",
              "unmet",
              "expired",
              "not-required",
              "indeterminate"
            ]
          }
        },
        "thresholds": {
          "description": "Threshold results, by threshold id (met if any subject meets it).",
          "type": [
            "object",
            "null"
          ],
          "additionalProperties": {
            "enum": [
              "met",
              "not-met",
              "indeterminate"
            ]
          }
        },
        "deployment": {
          "description": "The deployment verdict.",
          "enum": [
            "permitted",
            "blocked",
            "indeterminate",
            null
          ]
        },
        "in_force": {
          "description": "Whether the pack must be in force on the test's date.",
          "type": [
            "boolean",
            "null"
          ]
        }
      }
    },
    "test": {
      "description": "One of the pack's own test cases, run by `threshold rules test`.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "profile",
        "expect"
      ],
      "properties": {
        "name": {
          "description": "What the case shows; unique in the pack.",
          "type": "string"
        },
        "as_of": {
          "description": "The evaluation date; defaults to the pack's effective date.",
          "anyOf": [
            {
              "$ref": "#/$defs/date"
            },
            {
              "type": "null"
            }
          ]
        },
        "profile": {
          "description": "A lab profile, written inline.",
          "$ref": "#/$defs/profile"
        },
        "expect": {
          "$ref": "#/$defs/expect"
        }
      }
    }
  }
}

"""#
}
