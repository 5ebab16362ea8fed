// Human and CI renderings of a report: terminal text, JUnit XML, GitHub annotations.
#include "ballast/render.h"

#include "locate.h"
#include "text_report.h"

#include <algorithm>
#include "../text_out.h"

namespace ballast {

namespace {

using namespace report;

const char* severity_name(Severity s) { return s == Severity::Error ? "error" : "warning"; }

struct Palette {
  bool on;
  std::string red() const { return on ? "\x1b[31m" : ""; }
  std::string yellow() const { return on ? "\x1b[33m" : ""; }
  std::string green() const { return on ? "\x1b[32m" : ""; }
  std::string bold() const { return on ? "\x1b[1m" : ""; }
  std::string dim() const { return on ? "\x1b[2m" : ""; }
  std::string reset() const { return on ? "\x1b[0m" : ""; }
};

std::string pad(const std::string& s, std::size_t w) { return s.size() >= w ? s + " " : s + std::string(w - s.size(), ' '); }
std::string lpad(const std::string& s, std::size_t w) { return s.size() >= w ? s : std::string(w - s.size(), ' ') + s; }

void text_finding(TextOut& o, const FindingText& f, const Palette& p, const std::string& indent) {
  bool err = f.severity == Severity::Error;
  o << indent << (err ? p.red() : p.yellow()) << pad(severity_name(f.severity), 8) << p.reset() << p.bold()
    << f.rule << p.reset() << "  " << f.subject;
  if (!f.id.empty()) o << "  [" << f.id << "]";
  o << "\n" << indent << "        " << f.message << "\n";
  if (f.observed || f.limit) {
    o << indent << "        ";
    if (f.observed) o << "observed " << *f.observed;
    if (f.limit) o << (f.observed ? "  " : "") << "limit " << *f.limit;
    if (f.before) o << "  before " << *f.before;
    if (!f.unit.empty()) o << "  (" << f.unit << ")";
    o << "\n";
  }
  if (f.max_passing) o << indent << "        largest passing amount: " << *f.max_passing << "\n";
  o << indent << "        " << p.dim() << "at " << f.path << (f.origin.empty() ? "" : "  call " + f.origin)
    << (f.rule_path.empty() ? "" : "  rule " + f.rule_path)
    << p.reset() << "\n";
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += ' ';
        else out.push_back(c);
    }
  }
  return out;
}

std::string gh_escape(const std::string& s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out.push_back(c);
  }
  return out;
}

// The document a case pointer points into ("/policy/limits/0" -> "policy").
std::string document_of(const std::string& path) {
  if (path.size() < 2) return "";
  auto end = path.find('/', 1);
  return path.substr(1, end == std::string::npos ? std::string::npos : end - 1);
}

std::string finding_detail(const FindingText& f) {
  std::string d = f.message;
  if (f.observed) d += "\nobserved: " + *f.observed;
  if (f.limit) d += "\nlimit: " + *f.limit;
  if (f.before) d += "\nbefore: " + *f.before;
  if (!f.unit.empty()) d += "\nunit: " + f.unit;
  if (f.max_passing) d += "\nmax_passing: " + *f.max_passing;
  d += "\npath: " + f.path;
  if (!f.rule_path.empty()) d += "\nrule: " + f.rule_path;
  return d;
}

// NAV, drift, runway and backing, before and after: what a reviewer reads first.
void text_summary(TextOut& o, const TextReport& r) {
  if (!r.before) return;
  const StateText& b = *r.before;
  const StateText* a = r.after ? &*r.after : nullptr;
  o << "\nSummary\n  " << pad("NAV", 24) << b.nav << (a ? " -> " + a->nav : "") << "\n";
  if (b.total_drift_bps)
    o << "  " << pad("total drift", 24) << *b.total_drift_bps
      << (a && a->total_drift_bps ? " -> " + *a->total_drift_bps : "") << " bps\n";
  for (const auto& [sel, months] : b.runway_months)
    o << "  " << pad("runway of " + sel, 24) << months << (a ? " -> " + a->runway_months.at(sel) : "") << " months\n";
  for (std::size_t i = 0; i < b.backing.size(); ++i) {
    const auto& x = b.backing[i];
    if (!x.ratio_percent) continue;
    o << "  " << pad("backing of " + x.liability, 24) << *x.ratio_percent
      << (a && a->backing[i].ratio_percent ? " -> " + *a->backing[i].ratio_percent : "") << "  (by " << x.select << ")\n";
  }
}

// The actions with their figures, one block each.
void text_actions(TextOut& o, const TextReport& r) {
  if (r.actions.empty()) return;
  {
    o << "\nActions\n";
    for (const auto& a : r.actions) {
      o << "  #" << a.index << " ";
      if (a.type == "transfer") {
        o << "transfer " << a.amount.value_or("") << " to " << a.to << "  value "
          << a.value.value_or("") << (a.origin.empty() ? "" : "  (call " + a.origin + ")") << "\n";
        continue;
      }
      if (a.type != "swap") {
        o << a.summary << (a.origin.empty() ? "" : "  (call " + a.origin + ")") << "\n";
        continue;
      }
      o << "swap " << a.sell << " -> " << a.buy << " on " << venues_text(a, " -> ")
        << (a.origin.empty() ? "" : "  (call " + a.origin + ")") << "\n      ";
      if (!a.recipient.empty() || !a.deadline.empty())
        o << (a.recipient.empty() ? "" : "recipient " + a.recipient + "  ")
          << (a.deadline.empty() ? "" : "deadline " + a.deadline) << "\n      ";
      if (a.exact_in)
        o << "in " << a.amount_in.value_or("") << "  expected out " << a.expected_out.value_or("-")
          << "  min out " << a.min_amount_out.value_or("none");
      else
        o << "out " << a.amount_out.value_or("") << "  expected in " << a.expected_in.value_or("-") << "  max in "
          << a.max_amount_in.value_or("none");
      o << "\n      value " << a.value_in.value_or("-") << " -> " << a.value_out.value_or("-") << " " << r.numeraire
        << "  loss "
        << a.loss_bps.value_or("-") << "  impact " << a.price_impact_bps.value_or("-") << "  slippage "
        << a.slippage_bps.value_or("-") << "  pool share " << a.pool_share_bps.value_or("-") << "  oracle dev "
        << a.oracle_deviation_bps.value_or("-") << " (bps)\n";
      if (a.suggested_amount)
        o << "      suggested: " << (a.exact_in ? "amount_in " : "amount_out ") << *a.suggested_amount
          << (a.suggested_bound ? (a.exact_in ? "  min_amount_out " : "  max_amount_in ") + *a.suggested_bound : "")
          << "\n";
    }
  }
}

}  // namespace

std::string render_text(const Report& report, const RenderOptions& opt) {
  const TextReport r = to_text(report, true);
  Palette p{opt.color};
  TextOut o;
  std::size_t errors = r.errors_count, warnings = r.warnings_count;
  std::string subject = r.mode == "status" ? "treasury status" : (r.proposal_id.empty() ? "proposal" : r.proposal_id);
  if (r.mode == "check" && !r.proposal_title.empty()) subject += " \"" + r.proposal_title + "\"";
  if (!r.policy_name.empty()) subject += " under \"" + r.policy_name + "\"";
  if (r.verdict == "error") subject = r.mode == "status" ? "treasury status" : "check";
  if (r.verdict == "error") {
    o << p.red() << p.bold() << "INVALID INPUT" << p.reset() << "  " << subject << ": " << r.errors.size()
      << " input error" << (r.errors.size() == 1 ? "" : "s") << ", nothing evaluated\n\n";
    for (const auto& d : r.errors)
      o << "  " << p.red() << d.code << p.reset() << "  " << d.document << " " << (d.path.empty() ? "/" : d.path)
        << "\n        " << d.message << "\n";
    return o.str();
  }
  bool pass = r.verdict == "pass";
  std::string word = r.verdict;  // pass, fail, or (status) attention: the JSON's verdict, upper-cased
  for (char& c : word) c = static_cast<char>(c - 'a' + 'A');
  o << (pass ? (warnings ? p.yellow() : p.green()) : r.verdict == "attention" ? p.yellow() : p.red()) << p.bold() << word << p.reset() << "  " << subject
    << ": " << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings << " warning"
    << (warnings == 1 ? "" : "s") << "\n";

  text_summary(o, r);
  if (!r.findings.empty()) {
    o << "\nFindings\n";
    for (const auto& f : r.findings) text_finding(o, f, p, "  ");
  }
  for (const auto& s : r.stress) {
    o << "\nStress: " << s.name << (s.findings.empty() ? "  (no findings)" : "") << "\n";
    for (const auto& f : s.findings) text_finding(o, f, p, "  ");
  }
  text_actions(o, r);
  if (r.before && !r.before->selectors.empty()) {
    o << "\nAllocation (weight, bps)\n";
    o << "  " << pad("selector", 24) << lpad("before", 10) << lpad(r.after ? "after" : "", 10) << "   target\n";
    for (const auto& [sel, fig] : r.before->selectors) {
      std::string after = r.after ? r.after->selectors.at(sel).weight_bps : "";
      std::string target;
      for (const auto& t : r.before->targets)
        if (t.select == sel) target = std::to_string(t.target_bps) + " +/- " + std::to_string(t.band_bps);
      o << "  " << pad(sel, 24) << lpad(fig.weight_bps, 10) << lpad(after, 10) << "   " << target << "\n";
    }
  }
  return o.str();
}

namespace {

// One <testsuite> of a report; adds its counts to the totals of the enclosing <testsuites>.
std::string junit_suite(const Report& report, std::size_t& tests_total, std::size_t& failures_total,
                        std::size_t& errors_total) {
  const TextReport r = to_text(report);
  auto findings = all_findings(r);
  std::size_t failures = r.errors_count;
  std::size_t tests = std::max<std::size_t>(1, findings.size() + r.errors.size());
  tests_total += tests;
  failures_total += failures;
  errors_total += r.errors.size();
  std::string name = "ballast " + (r.mode == "status" ? std::string("status") : (r.proposal_id.empty() ? "check" : r.proposal_id));
  TextOut o;
  o << "  <testsuite name=\"" << xml_escape(name) << "\" tests=\"" << tests << "\" failures=\"" << failures
    << "\" errors=\"" << r.errors.size() << "\" skipped=\"0\">\n";
  for (const auto& d : r.errors) {
    o << "    <testcase classname=\"ballast.input\" name=\"" << xml_escape(d.code + " " + d.document + d.path)
      << "\">\n      <error type=\"" << xml_escape(d.code) << "\" message=\"" << xml_escape(d.message) << "\"/>\n"
      << "    </testcase>\n";
  }
  for (const FindingText* f : findings) {
    o << "    <testcase classname=\"ballast." << xml_escape(f->rule) << "\" name=\""
      << xml_escape(f->path + " " + f->subject) << "\">\n";
    if (f->severity == Severity::Error)
      o << "      <failure type=\"" << xml_escape(f->rule) << "\" message=\"" << xml_escape(f->message) << "\">"
        << xml_escape(finding_detail(*f)) << "</failure>\n";
    else
      o << "      <system-out>warning: " << xml_escape(finding_detail(*f)) << "</system-out>\n";
    o << "    </testcase>\n";
  }
  if (findings.empty() && r.errors.empty())
    o << "    <testcase classname=\"ballast\" name=\"" << xml_escape(name) << " complies with the policy\"/>\n";
  o << "  </testsuite>\n";
  return o.str();
}

}  // namespace

std::string render_junit(const std::vector<const Report*>& reports) {
  std::size_t tests = 0, failures = 0, errors = 0;
  std::string suites;
  for (const Report* r : reports) suites += junit_suite(*r, tests, failures, errors);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"ballast\" tests=\"" + std::to_string(tests) +
         "\" failures=\"" + std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\">\n" + suites +
         "</testsuites>\n";
}

std::string render_junit(const Report& report, const RenderOptions&) { return render_junit({&report}); }

std::string render_github(const Report& report, const RenderOptions& opt) {
  const TextReport r = to_text(report);
  TextOut o;
  auto file_prop = [&](const std::string& document) {
    auto it = opt.files.find(document);
    if (it == opt.files.end()) it = opt.files.find("case");
    return it == opt.files.end() ? std::string() : "file=" + gh_escape(it->second, true) + ",";
  };
  for (const auto& d : r.errors)
    o << "::error " << file_prop(d.document)
      << [&] {
           auto src = opt.sources.find(d.document);
           const int line = src == opt.sources.end() || d.path.empty() ? 0 : line_of(src->second, d.path);
           return line > 0 ? "line=" + std::to_string(line) + "," : std::string();
         }()
      << "title=" << gh_escape("ballast " + d.code, true)
      << "::" << gh_escape(d.document + " " + (d.path.empty() ? "/" : d.path) + ": " + d.message, false) << "\n";
  for (const FindingText* f : all_findings(r)) {
    std::string msg = f->message;
    if (f->max_passing) msg += " (max passing " + *f->max_passing + ")";
    const std::string where = annotation_pointer(opt, r.mode == "check", f->severity, f->path);
    const Location at = locate(opt, where);
    o << "::" << severity_name(f->severity) << " " << file_prop(document_of(where))
      << (at.line > 0 ? "line=" + std::to_string(at.line) + "," : "")
      << "title=" << gh_escape("ballast " + f->rule + (f->id.empty() ? "" : " [" + f->id + "]"), true)
      << "::" << gh_escape(f->path + ": " + msg, false) << "\n";
  }
  std::size_t e = r.errors_count, w = r.warnings_count;
  o << "::notice title=ballast::" << gh_escape("verdict " + r.verdict + ": " + std::to_string(e) + " errors, " +
                                                    std::to_string(w) + " warnings, " +
                                                    std::to_string(r.errors.size()) + " input errors",
                                                false)
    << "\n";
  return o.str();
}

}  // namespace ballast
