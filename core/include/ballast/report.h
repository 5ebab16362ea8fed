// The outcome of a check (core/schemas/report.schema.json): findings for rule outcomes, diagnostics for input
// errors, and the figures of the before and after states and of each action. Everything here is
// an exact number (Int, Frac) or a name; the renderers in core/src/report/ are the only place that
// turns numbers into text.
#pragma once

#include "ballast/diagnostics.h"
#include "ballast/model.h"

#include <map>
#include <unordered_map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ballast {

/// Engine version reported in every report and by `ballast version`.
inline constexpr const char* engine_version = "0.1.0";

/// What a report's verdict says: `pass`, `fail` (an error finding), `attention` (status: any
/// finding) or `error` (invalid input, nothing evaluated).
enum class Verdict { Pass, Fail, Attention, Error };

/// What produced a report: a check of a proposal, or the status of a treasury.
enum class Mode { Check, Status };

/// How a number reads once written: the scale and the places of report/1.
enum class Scale {
  Bps,        // a fraction of 1 in basis points, 2 places: "6012.35"
  SignedBps,  // the same with its sign: "+600.00", "-12.00"
  Months,     // 2 places
  Hours,      // 2 places
  Value,      // numeraire, 6 places
  Amount,     // a token amount in base units, exactly (the fraction's numerator)
  Number,     // a value as a policy writes it: exact, without trailing zeros ("3000", "24.5")
};

/// An exact figure and how it reads, or a name where a rule observes one (an address, a venue).
struct Figure {
  Frac number{0, 1};
  Scale scale = Scale::Bps;
  std::string name;   // non-empty: the figure is this name
  std::string asset;  // Amount: the asset whose base units these are, when known

  static Figure bps(Frac f) { return {std::move(f), Scale::Bps, {}, {}}; }
  static Figure bps(long long bps) { return {Frac{bps, 10000}, Scale::Bps, {}, {}}; }
  static Figure signed_bps(Frac f) { return {std::move(f), Scale::SignedBps, {}, {}}; }
  static Figure months(Frac f) { return {std::move(f), Scale::Months, {}, {}}; }
  static Figure hours(Frac f) { return {std::move(f), Scale::Hours, {}, {}}; }
  /// A numeraire value held as a wad.
  static Figure value(const Int& wad_value) { return {Frac{wad_value, wad()}, Scale::Value, {}, {}}; }
  static Figure amount(const Int& base_units, std::string asset = {}) {
    return {Frac{base_units, 1}, Scale::Amount, {}, std::move(asset)};
  }
  static Figure named(std::string n) { return {Frac{0, 1}, Scale::Bps, std::move(n), {}}; }
  /// A policy's number: an integer, or a decimal held as a wad (`wad_scaled`).
  static Figure policy_value(const Int& v, bool wad_scaled = false) {
    return {Frac{v, wad_scaled ? wad() : Int(1)}, Scale::Number, {}, {}};
  }
};

/// A one-line message whose figures stay exact until a renderer writes them.
class Message {
 public:
  using Part = std::variant<std::string, Figure>;
  Message() = default;
  Message(std::string text) { parts_.emplace_back(std::move(text)); }  // NOLINT: text converts
  Message(const char* text) : Message(std::string(text)) {}            // NOLINT: text converts
  Message& operator<<(std::string text) {
    parts_.emplace_back(std::move(text));
    return *this;
  }
  Message& operator<<(const char* text) { return *this << std::string(text); }
  Message& operator<<(Figure f) {
    parts_.emplace_back(std::move(f));
    return *this;
  }
  Message& operator<<(const Message& m) {
    parts_.insert(parts_.end(), m.parts_.begin(), m.parts_.end());
    return *this;
  }
  /// Puts `text` before the message (a stress scenario's name).
  void prepend(std::string text) { parts_.insert(parts_.begin(), Part(std::move(text))); }
  const std::vector<Part>& parts() const { return parts_; }

 private:
  std::vector<Part> parts_;
};

/// One rule outcome.
struct Finding {
  std::string rule;       // e.g. "limit.max", "stress.floor.runway"
  Severity severity = Severity::Error;
  std::string id;         // the rule's own "id", if it has one
  std::string subject;    // selector, asset, venue or address
  std::string path;       // JSON pointer into the case: the action for per-action rules, else the rule
  std::string rule_path;  // the policy rule, when `path` points at an action
  std::string origin;     // an imported action's call in the imported file ("/transactions/2/multisend/0")
  std::optional<Figure> observed;
  std::optional<Figure> limit;
  std::optional<Figure> before;
  std::string unit;       // "bps", "months", "hours", the numeraire, an asset id, or ""
  Message message;
  std::optional<Int> max_passing;  // largest passing amount of the action's stated amount
  std::string max_passing_asset;   // the asset of that amount
};

/// An asset's balance, value (wad) and weight of NAV.
struct AssetFigure {
  std::string id;
  Int balance;
  Int value;
  Frac weight;
  unsigned decimals = 18;  // of the balance, for token units
};

/// A selector's value (wad) and weight of NAV.
struct SelectorFigure {
  Int value;
  Frac weight;
};

/// A target's weight and signed deviation from its target weight.
struct TargetFigure {
  std::string select;
  long long target_bps = 0;
  long long band_bps = 0;
  Frac weight;
  Frac deviation;
  bool in_band = true;
};

/// A backing rule's ratio of value to liability; absent when the liability is 0.
struct BackingFigure {
  std::string select;
  std::string liability;
  std::optional<Frac> ratio;
};

/// The treasury's figures at one point (before or after the proposal).
struct StateFigures {
  Int nav;  // wad
  std::vector<AssetFigure> assets;
  std::map<std::string, SelectorFigure> selectors;  // every selector a rule uses
  std::vector<TargetFigure> targets;
  std::optional<Frac> total_drift;
  std::map<std::string, Frac> runway_months;  // per runway-floor selector
  std::vector<BackingFigure> backing;
};

/// One suggested fix for a swap that breaches an execution rule: the largest amount that passes
/// every amount-sized rule of the action together (trade value, loss, price impact, pool share),
/// confirmed on the exact simulation, and the bound that meets the slippage limit at that size.
struct SuggestedFix {
  Int amount;               // amount_in (exact input) or amount_out (exact output)
  std::optional<Int> bound;  // min_amount_out or max_amount_in; absent without max_slippage_bps
};

/// A swap's simulated figures. Absent optionals do not apply (or were not reached: an infeasible
/// swap has its stated amounts only).
struct SwapFigures {
  std::string venue, sell, buy;  // ids (venue: the first of a route)
  std::vector<std::string> route, via;  // a route's venues and the assets between them
  std::string recipient;                // when stated (lower-case address)
  std::optional<Time> deadline;
  std::string spender;                  // when stated
  bool exact_in = true;
  Int amount;                    // amount_in (exact input) or amount_out (exact output)
  std::optional<Int> bound;      // min_amount_out or max_amount_in
  std::optional<Int> expected;   // expected_out (exact input) or expected_in (exact output)
  std::optional<Int> value_in, value_out;  // wad
  std::optional<Frac> loss, price_impact, slippage, pool_share, oracle_deviation;
  std::optional<SuggestedFix> suggested;  // when an execution rule fails and a fix exists
  /// A route's hops: the venue, amounts and the figures of one pool.
  struct Hop {
    std::string venue;
    Int amount_in, amount_out;
    std::optional<Frac> price_impact, pool_share, oracle_deviation;
  };
  std::vector<Hop> hops;
};

/// A transfer's amount and value (wad).
struct TransferFigures {
  std::string asset, to;
  Int amount;
  Int value;
};

/// An allowance granted: the asset, spender and amount.
struct ApproveFigures {
  std::string asset, spender;
  Int amount;
};

/// A wrap (native coin to its wrapped token) or unwrap: the amount and the two assets.
struct WrapFigures {
  bool unwrap = false;
  std::string from, to;
  Int amount;
};

/// A call Ballast does not simulate.
struct CallFigures {
  std::string to;
  Int value;
  std::optional<std::uint32_t> selector;
  bool delegatecall = false;
};

/// Per-action figures, in proposal order, with the call an imported action came from.
struct ActionFigures {
  std::size_t index = 0;
  std::variant<SwapFigures, TransferFigures, ApproveFigures, WrapFigures, CallFigures> figures;
  std::string origin;
};

/// The findings of one stress scenario.
struct StressOutcome {
  std::string name;
  std::vector<Finding> findings;
};

/// A whole report.
struct Report {
  Mode mode = Mode::Check;
  Verdict verdict = Verdict::Pass;
  std::string proposal_id;
  std::string proposal_title;  // for the verdict line a person reads
  std::string policy_name;
  std::vector<Finding> findings;
  std::vector<Diagnostic> errors;
  std::optional<StateFigures> before;
  std::optional<StateFigures> after;
  std::vector<ActionFigures> actions;
  std::vector<StressOutcome> stress;
  std::unordered_map<std::string, unsigned> decimals;  // every asset's decimals, for amounts in token units
  std::string numeraire;                     // what values are in

  std::size_t count(Severity s) const;  // over findings and stress findings
};

/// The verdict's word in report/1: "pass", "fail", "attention" or "error".
const char* verdict_name(Verdict v);
/// "check" or "status".
const char* mode_name(Mode m);

/// Sorts findings deterministically: by path, then rule, then subject, then message text.
void sort_findings(std::vector<Finding>& findings);

}  // namespace ballast
