// Markdown: for forum posts and the GitHub job summary. The verdict and the summary first, then
// one table row per finding and one per action, amounts in token units.
#include "ballast/render.h"

#include "text_report.h"

#include "../text_out.h"

namespace ballast {

namespace {

using namespace report;

// A table cell: pipes and line breaks would break the row.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += "<br>";
    else out.push_back(c);
  }
  return out;
}

std::string before_after(const std::string& b, const std::optional<std::string>& a) {
  return a ? b + " → " + *a : b;
}

void summary_rows(TextOut& o, const TextReport& r) {
  if (!r.before) return;
  const StateText& b = *r.before;
  const StateText* a = r.after ? &*r.after : nullptr;
  o << "| figure | value |\n|---|---|\n";
  o << "| NAV | " << before_after(b.nav, a ? std::optional<std::string>(a->nav) : std::nullopt) << " |\n";
  if (b.total_drift_bps)
    o << "| total drift (bps) | " << before_after(*b.total_drift_bps, a ? a->total_drift_bps : std::nullopt) << " |\n";
  for (const auto& [sel, months] : b.runway_months)
    o << "| runway of " << cell(sel) << " (months) | "
      << before_after(months, a ? std::optional<std::string>(a->runway_months.at(sel)) : std::nullopt) << " |\n";
  for (std::size_t i = 0; i < b.backing.size(); ++i)
    if (b.backing[i].ratio_percent)
      o << "| backing of " << cell(b.backing[i].liability) << " | "
        << before_after(*b.backing[i].ratio_percent, a ? a->backing[i].ratio_percent : std::nullopt) << " |\n";
  o << "\n";
}

void finding_rows(TextOut& o, const TextReport& r) {
  const auto findings = all_findings(r);
  if (findings.empty()) return;
  o << "### Findings\n\n| severity | rule | subject | message | at |\n|---|---|---|---|---|\n";
  for (const FindingText* f : findings)
    o << "| " << (f->severity == Severity::Error ? "error" : "warning") << " | `" << f->rule << "` | " << cell(f->subject)
      << " | " << cell(f->message) << (f->max_passing ? "<br>largest passing: " + cell(*f->max_passing) : "")
      << " | `" << f->path << "` |\n";
  o << "\n";
}

void action_rows(TextOut& o, const TextReport& r) {
  if (r.actions.empty()) return;
  o << "### Actions\n\n| # | action | amounts | loss (bps) | impact (bps) | suggested |\n|---|---|---|---|---|---|\n";
  for (const auto& a : r.actions) {
    if (a.type == "transfer") {
      o << "| " << a.index << " | transfer to `" << a.to << "` | " << cell(a.amount.value_or("")) << " | | | |\n";
      continue;
    }
    if (a.type != "swap") {
      o << "| " << a.index << " | " << cell(a.summary) << " | | | | |\n";
      continue;
    }
    std::string amounts = a.exact_in ? a.amount_in.value_or("") + " → " + a.expected_out.value_or("-")
                                     : a.expected_in.value_or("-") + " → " + a.amount_out.value_or("");
    std::string fix = a.suggested_amount ? *a.suggested_amount : "";
    if (a.suggested_bound) fix += (a.exact_in ? "<br>min out " : "<br>max in ") + *a.suggested_bound;
    o << "| " << a.index << " | swap " << a.sell << " → " << a.buy << " on `" << venues_text(a, "` → `") << "` | " << cell(amounts)
      << " | " << a.loss_bps.value_or("") << " | " << a.price_impact_bps.value_or("") << " | " << cell(fix) << " |\n";
  }
  o << "\n";
}

}  // namespace

std::string render_markdown(const Report& report_, const RenderOptions& options) {
  const TextReport r = to_text(report_, true);
  TextOut o;
  std::string word = r.verdict == "error" ? "INVALID INPUT" : r.verdict;
  for (char& c : word) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  std::string subject = r.mode == "status" ? "treasury status" : (r.proposal_id.empty() ? "proposal" : r.proposal_id);
  if (r.mode == "check" && !r.proposal_title.empty()) subject += " — " + r.proposal_title;
  o << "## Ballast: **" << word << "** " << cell(subject) << "\n\n";
  if (!r.policy_name.empty()) o << "Policy: " << cell(r.policy_name) << "\n\n";
  // The file the result is about, so that several results in one job summary can be told apart.
  for (const char* slot : {"proposal", "case"}) {
    auto file = options.files.find(slot);
    if (r.mode == "check" && file != options.files.end()) {
      o << "File: `" << file->second << "`\n\n";
      break;
    }
  }
  if (r.verdict == "error") {
    o << "| code | document | path | message |\n|---|---|---|---|\n";
    for (const auto& d : r.errors)
      o << "| `" << d.code << "` | " << d.document << " | `" << (d.path.empty() ? "/" : d.path) << "` | " << cell(d.message)
        << " |\n";
    return o.str();
  }
  o << r.errors_count << " error" << (r.errors_count == 1 ? "" : "s") << ", " << r.warnings_count << " warning"
    << (r.warnings_count == 1 ? "" : "s") << "\n\n";
  summary_rows(o, r);
  finding_rows(o, r);
  action_rows(o, r);
  return o.str();
}

}  // namespace ballast
