// The report with every figure written as report/1 writes it: what the renderers print. Built by
// to_text() from the exact report; nothing before this point turns a number into text.
#pragma once

#include "ballast/report.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ballast::report {

/// How amounts and money read: exactly as report/1 writes them, or for a person (`decimals` set):
/// amounts in token units with separators ("3,000 WETH", "≈32.2576 WETH" when rounded), money
/// to the cent with separators.
struct Style {
  const std::unordered_map<std::string, unsigned>* decimals = nullptr;
  std::string numeraire;
  bool percent = false;  // human: bps figures written as percentages (a finding with one of 10 % or more)
  bool human() const { return decimals != nullptr; }
};

/// A figure as report/1 writes it: bps and months 2 places, values 6, amounts exactly (followed
/// by their asset when known); for a person, amounts in token units.
std::string text(const Figure& f, const Style& style = {});
/// A message with its figures written.
std::string text(const Message& m, const Style& style = {});
/// An amount in token units: separators, at most 4 fractional digits, "≈" when rounded.
std::string units(const Int& base_units, unsigned decimals);
/// A numeraire value (wad) to the cent, with separators.
std::string money(const Int& wad_value);

/// A finding with its figures written.
struct FindingText {
  std::string rule;
  Severity severity = Severity::Error;
  std::string id, subject, path, rule_path, origin;
  std::optional<std::string> observed, limit, before;
  std::string unit;
  std::string message;
  std::optional<std::string> max_passing;
  std::string max_passing_asset;
};

/// An asset's figures written.
struct AssetText {
  std::string id, balance, value, weight_bps;
  unsigned decimals = 18;
};

/// A selector's figures written.
struct SelectorText {
  std::string value, weight_bps;
};

/// A target's figures written.
struct TargetText {
  std::string select;
  long long target_bps = 0;
  long long band_bps = 0;
  std::string weight_bps, deviation_bps;
  bool in_band = true;
};

/// A backing rule's ratio written.
struct BackingText {
  std::string select, liability;
  std::optional<std::string> ratio_bps;
  std::optional<std::string> ratio_percent;  // "104.29 %": ratios near or above 100 % read as percentages
};

/// A state's figures written.
struct StateText {
  std::string nav;
  std::vector<AssetText> assets;
  std::map<std::string, SelectorText> selectors;
  std::vector<TargetText> targets;
  std::optional<std::string> total_drift_bps;
  std::map<std::string, std::string> runway_months;
  std::vector<BackingText> backing;
};

/// A route hop's figures written.
struct HopText {
  std::string venue, amount_in, amount_out;
  std::optional<std::string> price_impact_bps, pool_share_bps, oracle_deviation_bps;
};

/// An action's figures written; `type` is its proposal/1 type.
struct ActionText {
  std::size_t index = 0;
  std::string type;
  std::string origin;  // the call it was imported from
  std::string venue, sell, buy;
  std::vector<std::string> route, via;
  std::string recipient, deadline, spender;
  std::vector<HopText> hops;
  std::string selector;    // call: "0x…" or empty
  bool delegatecall = false;
  std::string summary;     // approve, wrap, unwrap, call: the action in one line
  bool exact_in = true;
  std::optional<std::string> amount_in, amount_out, expected_out, expected_in, min_amount_out, max_amount_in;
  std::optional<std::string> value_in, value_out;
  std::optional<std::string> loss_bps, price_impact_bps, slippage_bps, pool_share_bps, oracle_deviation_bps;
  std::optional<std::string> suggested_amount, suggested_bound;  // the suggested fix, in base units
  std::string asset, to;
  std::optional<std::string> amount, value;
};

/// A swap's venue, or its route's venues joined by `separator`.
std::string venues_text(const ActionText& a, const std::string& separator);

/// The findings of one stress scenario, written.
struct StressText {
  std::string name;
  std::vector<FindingText> findings;
};

/// A whole report, written.
struct TextReport {
  std::string mode, verdict, proposal_id, numeraire, proposal_title, policy_name;
  std::vector<FindingText> findings;
  std::vector<Diagnostic> errors;
  std::optional<StateText> before, after;
  std::vector<ActionText> actions;
  std::vector<StressText> stress;
  std::size_t errors_count = 0, warnings_count = 0;
};

/// Writes every figure of the report; `human`: amounts in token units and money with separators
/// (the text report), else exactly as report/1 writes them.
TextReport to_text(const Report& r, bool human = false);
/// The findings' messages as written for a person (token units, money to the cent), without the
/// rest of the report: what report/1 adds to each finding as `text`.
std::vector<std::string> human_messages(const Report& r, const std::vector<Finding>& findings);

/// Every finding, the stress scenarios' included, in report order.
std::vector<const FindingText*> all_findings(const TextReport& r);

}  // namespace ballast::report
