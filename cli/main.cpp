// The ballast command: argument parsing, files and stdout. All checking is the core's.
#include "ballast/ballast.h"
#include "ballast/calls.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#ifdef _WIN32
#include <io.h>
#define isatty _isatty
#define fileno _fileno
#else
#include <unistd.h>
#endif

namespace {

constexpr int kPass = 0, kFail = 1, kInvalid = 2, kUsage = 64;

const char* kUsageText =
    "usage: ballast <command> [options]\n"
    "\n"
    "commands:\n"
    "  check CASE|-                       check a case document (policy + treasury + proposal)\n"
    "  check --policy P --treasury T --proposal Q\n"
    "                                     check three separate documents ('-' reads stdin)\n"
    "  check --policy P --treasury T Q1 Q2 ...\n"
    "                                     check several proposals, a result per file\n"
    "  check --policy P --treasury T --calls FILE\n"
    "                                     check the calls a Safe Tx Builder file or calls/1 executes\n"
    "  import FILE --treasury T           the proposal/1 a file of calls executes\n"
    "  export --treasury T --proposal P   the Safe batch (or calls/1) that performs a proposal\n"
    "  plan --policy P --treasury T       the swaps that bring the targets back into their bands,\n"
    "                                     in tranches that each pass check (plan/1)\n"
    "  status --policy P --treasury T     monitor a treasury against its policy (no proposal)\n"
    "  validate FILE...                   validate documents of any kind\n"
    "  diff OLD NEW [--treasury T]        what a policy amendment relaxes and tightens (diff/1);\n"
    "                                     with a treasury, its status under both policies\n"
    "  rules                              the rule registry: phases, severities, policy fields, directions\n"
    "  schema KIND                        print the JSON Schema of a document kind (KIND below)\n"
    "  version                            print the engine version\n"
    "\n"
    "options:\n"
    "  --format text|json|junit|github|sarif|markdown   output format (default text)\n"
    "  --output FILE                      write the output to FILE instead of stdout\n"
    "  --fail-on-warn                     check, status: exit 1 on warnings too\n"
    "  --help                             with a command: that command's usage\n"
    "\n"
    "exit codes: 0 pass, 1 fail (error findings; status: any finding; diff: anything relaxed or\n"
    "            removed), 2 invalid input, 64 usage\n";

// Each command's usage (`ballast COMMAND --help`).
const std::map<std::string, std::string> kCommandHelp = {
    {"check",
     "usage: ballast check CASE|- [options]\n"
     "       ballast check --policy P --treasury T --proposal Q [options]\n"
     "       ballast check --policy P --treasury T Q1 [Q2 ...] [options]\n"
     "       ballast check --policy P --treasury T --calls FILE [options]\n"
     "\n"
     "With --calls, FILE is a Safe Transaction Builder batch file or a calls/1 document: the calls\n"
     "are unwrapped and decoded into the actions they execute (ballast import), then checked.\n"
     "Checks proposals against the policy on the treasury snapshot. With several proposals, each\n"
     "file gets its own result (json: an array of report/1 objects in file order; text, github:\n"
     "one after the other; junit: one test suite per file); an unreadable or invalid file is an\n"
     "error result of its own and never hides the others. The exit code is the worst of them.\n"
     "\n"
     "  --format text|json|junit|github|sarif|markdown   (default text)\n"
     "  With --format github and $GITHUB_STEP_SUMMARY set, the markdown form is appended there too.\n"
     "  --output FILE                     write to FILE instead of stdout\n"
     "  --fail-on-warn                    exit 1 when a warning is found, not only an error\n"
     "\n"
     "exit codes: 0 pass, 1 fail, 2 invalid input or unreadable file, 64 usage\n"},
    {"status",
     "usage: ballast status --policy P --treasury T [options]\n"
     "\n"
     "The treasury's figures and breaches under its policy, no proposal. Verdict attention when\n"
     "there is any finding (exit 1), else pass.\n"
     "\n"
     "  --format text|json|junit|github|sarif|markdown   --output FILE   --fail-on-warn\n"},
    {"validate",
     "usage: ballast validate FILE... [--treasury T [--policy P]] [--format text|json] [--output FILE]\n"
     "\n"
     "Validates documents of any kind; json gives [{file, valid, kind, errors}]. With --treasury,\n"
     "proposals are also checked against it (assets, venues) and P, and policies against it\n"
     "(numeraire, obligations, liabilities). Exit 2 if any is invalid or unreadable.\n"},
    {"diff",
     "usage: ballast diff OLD NEW [--treasury T] [--format text|json] [--output FILE]\n"
     "\n"
     "What the NEW policy relaxes, tightens, adds, removes or changes against OLD (diff/1); with a\n"
     "treasury, its status under both policies. Exit 1 when anything is relaxed or removed.\n"},
    {"import",
     "usage: ballast import FILE --treasury T [--format json|text] [--output FILE]\n"
     "\n"
     "Reads a Safe Transaction Builder batch file or a calls/1 document, unwraps Safe, MultiSend,\n"
     "Governor and router multicalls, and decodes each call against the treasury's assets, venues\n"
     "and contracts. json (default): the proposal/1 it executes, to edit and check again; text: one\n"
     "line per action in token units, with the call it came from.\n"
     "\n"
     "exit codes: 0 imported, 2 invalid input or unreadable file, 64 usage\n"},
    {"export",
     "usage: ballast export --treasury T --proposal P [--format safe-batch|calls] [--deadline-hours H]\n"
     "                      [--orders FILE] [--output FILE]\n"
     "\n"
     "Writes the calls that perform the proposal from the treasury's account: a Safe Transaction\n"
     "Builder batch file (safe-batch, the default; createdAt the evaluation time, with its checksum)\n"
     "or a calls/1 document. Each swap on its venue's contract (Router02, SwapRouter02 multicall with\n"
     "a deadline, the Curve pool, a CoW pre-signature), every recipient the account, every bound the\n"
     "action's, exactly the approvals the swaps spend. Deadline: evaluation time + H hours (72).\n"
     "A limit order's terms, which a Tx Builder file cannot carry, go to --orders FILE (required\n"
     "then); calls/1 carries them. An action that cannot be exported (a call, an unbounded swap, an\n"
     "exact-output Curve swap, native ETH on Curve or CoW, a venue with no known contract) is an\n"
     "error naming it.\n"
     "\n"
     "exit codes: 0 exported, 2 invalid input, an action export cannot write, or unreadable file, 64 usage\n"},
    {"plan",
     "usage: ballast plan --policy P --treasury T [--goal edge|target] [--at TIME]\n"
     "                    [--format json|text|proposal|safe-batch] [--deadline-hours H] [--output FILE]\n"
     "\n"
     "Plans the swaps that bring every target back into its band (edge, the default: 10 % of the\n"
     "band inside the nearer edge) or to its weight (target), each trade split across the allowed\n"
     "venues at equal marginal rates within every per-swap cap, min_amount_out from the slippage\n"
     "limit, in tranches (not_before) where a budget, the loss budget, the proposal cap or the\n"
     "cooldown stops the goal. Every tranche passes check against the state it will meet. json:\n"
     "plan/1; text: one line per swap in token units; proposal: tranche 1's proposal/1 (nothing when\n"
     "there is no tranche); safe-batch: tranche 1 as a Safe Transaction Builder file (as export).\n"
     "--at: tranche 1's time (RFC 3339 UTC; default the treasury's as_of).\n"
     "\n"
     "exit codes: 0 complete or not needed, 1 partial or infeasible, 2 invalid input, 64 usage\n"},
    {"rules", "usage: ballast rules [--format text|json] [--output FILE]\n\nThe rule registry.\n"},
    {"schema", "usage: ballast schema KIND [--output FILE]\n\nThe JSON Schema of a document kind.\n"},
    {"version", "usage: ballast version\n"},
};

// The usage text, with the document kinds from the core's registry.
std::string usage() {
  return std::string(kUsageText) + "document kinds (KIND): " + ballast::document_kind_names("|") + "\n";
}

struct UsageError {
  std::string message;
};

struct InputError {
  std::string message;
};

// A file's text, or why it cannot be read. "-" is stdin, read once.
struct FileText {
  std::string text;
  std::string error;
};

FileText read_file(const std::string& path) {
  static std::optional<std::string> stdin_text;
  if (path == "-") {
    if (!stdin_text) {
      std::ostringstream s;
      s << std::cin.rdbuf();
      stdin_text = s.str();
    }
    return {*stdin_text, ""};
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return {"", "cannot read " + path + ": it is a directory"};
  std::ifstream f(path, std::ios::binary);
  if (!f) return {"", "cannot read " + path + ": " + std::strerror(errno)};
  std::string text;
  try {
    text.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  } catch (const std::exception&) {
    return {"", "cannot read " + path};
  }
  if (f.bad()) return {"", "cannot read " + path};
  return {std::move(text), ""};
}

std::string read_input(const std::string& path) {
  FileText f = read_file(path);
  if (!f.error.empty()) throw InputError{f.error};
  return std::move(f.text);
}

struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
};

Args parse_args(int argc, char** argv) {
  Args a;
  if (argc < 2) throw UsageError{"missing command"};
  a.command = argv[1];
  static const std::vector<std::string> valued = {"--policy", "--treasury", "--proposal", "--calls", "--format",
                                                  "--output", "--deadline-hours", "--orders", "--goal", "--at"};
  static const std::vector<std::string> flags = {"--fail-on-warn", "--help"};
  for (int i = 2; i < argc; ++i) {
    std::string s = argv[i];
    if (s == "-h") s = "--help";
    if (std::find(flags.begin(), flags.end(), s) != flags.end()) {
      a.options[s] = "";
      continue;
    }
    if (s.size() > 2 && s.rfind("--", 0) == 0) {
      std::string key = s, value;
      auto eq = s.find('=');
      if (eq != std::string::npos) {
        key = s.substr(0, eq);
        value = s.substr(eq + 1);
      }
      bool known = false;
      for (const auto& v : valued) known = known || v == key;
      if (!known) throw UsageError{"unknown option " + key};
      if (eq == std::string::npos) {
        if (i + 1 >= argc) throw UsageError{"option " + key + " needs a value"};
        value = argv[++i];
      }
      if (a.options.count(key)) throw UsageError{"option " + key + " given twice"};
      a.options[key] = value;
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

std::string option(const Args& a, const std::string& key, const std::string& fallback = "") {
  auto it = a.options.find(key);
  return it == a.options.end() ? fallback : it->second;
}

void allow_only(const Args& a, const std::vector<std::string>& keys) {
  for (const auto& [k, v] : a.options) {
    bool ok = false;
    for (const auto& x : keys) ok = ok || x == k;
    if (!ok) throw UsageError{"option " + k + " does not apply to '" + a.command + "'"};
  }
}

// Writes the output where --output says; colour only on a terminal and never with NO_COLOR.
void emit(const Args& a, const std::string& text) {
  std::string out = option(a, "--output");
  if (out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return;
  }
  std::ofstream f(out, std::ios::binary);
  f << text;
  if (!f) throw InputError{"cannot write " + out};
}

bool use_color(const Args& a) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return option(a, "--output").empty() && isatty(fileno(stdout));
}

ballast::RenderOptions render_options(const std::map<std::string, std::string>& files,
                                     const std::map<std::string, std::string>& sources) {
  ballast::RenderOptions o;
  o.files = files;
  o.sources = sources;
  for (auto it = o.files.begin(); it != o.files.end();) it = it->second == "-" ? o.files.erase(it) : std::next(it);
  return o;
}

std::string render(const Args& a, const ballast::Report& r, const std::map<std::string, std::string>& files,
                   const std::map<std::string, std::string>& sources = {}) {
  std::string format = option(a, "--format", "text");
  ballast::RenderOptions o = render_options(files, sources);
  if (format == "json") return ballast::render_json(r) + "\n";
  if (format == "junit") return ballast::render_junit(r, o);
  if (format == "sarif") return ballast::render_sarif(r, o) + "\n";
  if (format == "markdown") return ballast::render_markdown(r, o);
  if (format == "github") {
    // In a GitHub Actions job, the markdown form goes to the job summary as well.
    const char* summary = std::getenv("GITHUB_STEP_SUMMARY");
    if (summary && *summary) {
      std::ofstream f(summary, std::ios::binary | std::ios::app);
      f << ballast::render_markdown(r, o) << "\n";
    }
    return ballast::render_github(r, o);
  }
  if (format == "text") {
    o.color = use_color(a);
    return ballast::render_text(r, o);
  }
  throw UsageError{"unknown format " + format + " (text, json, junit, github, sarif, markdown)"};
}

// The policy and treasury of a run with several proposals: read and prepared once.
struct SharedDocuments {
  std::map<std::string, FileText> files;  // slot -> its text or why it is unreadable
  std::optional<ballast::Prepared> prepared;
};

SharedDocuments read_shared(const std::string& policy, const std::string& treasury) {
  SharedDocuments s;
  s.files["policy"] = read_file(policy);
  s.files["treasury"] = read_file(treasury);
  if (s.files["policy"].error.empty() && s.files["treasury"].error.empty())
    s.prepared = ballast::prepare_documents(s.files["policy"].text, s.files["treasury"].text);
  return s;
}

// Checks the documents of one case (slot -> file); unreadable files are input errors of the report.
ballast::Report check_files(const std::map<std::string, std::string>& files, std::map<std::string, std::string>& texts,
                            const SharedDocuments* shared = nullptr) {
  std::vector<ballast::Diagnostic> unreadable;
  for (const auto& [slot, path] : files) {
    auto known = shared ? shared->files.find(slot) : std::map<std::string, FileText>::const_iterator{};
    FileText f = shared && known != shared->files.end() ? known->second : read_file(path);
    if (!f.error.empty()) unreadable.push_back({ballast::code::file_unreadable, slot, "", f.error});
    texts[slot] = std::move(f.text);
  }
  if (!unreadable.empty()) return ballast::error_report(std::move(unreadable));
  if (files.count("calls")) {
    const auto prepared = shared && shared->prepared ? *shared->prepared : ballast::prepare_documents(texts["policy"], texts["treasury"]);
    return ballast::evaluate_calls(prepared, texts["calls"]);
  }
  if (shared && shared->prepared && !files.count("case")) return ballast::evaluate_prepared(*shared->prepared, texts["proposal"]);
  auto parsed = files.count("case") ? ballast::parse_case(texts["case"])
                                    : ballast::parse_documents(texts["policy"], texts["treasury"], texts["proposal"]);
  return parsed.value ? ballast::evaluate(*parsed.value) : ballast::error_report(std::move(parsed.errors));
}

// The exit code of one report: 2 invalid input, 1 fail (or attention, or warnings with
// --fail-on-warn), else 0.
int exit_code(const Args& a, const ballast::Report& r) {
  if (r.verdict == ballast::Verdict::Error) return kInvalid;
  if (r.verdict == ballast::Verdict::Fail || r.verdict == ballast::Verdict::Attention) return kFail;
  return a.options.count("--fail-on-warn") && r.count(ballast::Severity::Warning) > 0 ? kFail : kPass;
}

int run_check(const Args& a) {
  allow_only(a, {"--policy", "--treasury", "--proposal", "--calls", "--format", "--output", "--fail-on-warn"});
  bool separate = a.options.count("--policy") || a.options.count("--treasury") || a.options.count("--proposal") ||
                  a.options.count("--calls");
  std::vector<std::map<std::string, std::string>> runs;  // the files of each case
  if (separate) {
    for (const char* k : {"--policy", "--treasury"})
      if (!a.options.count(k)) throw UsageError{std::string("missing ") + k};
    std::vector<std::string> proposals = a.positional;
    if (a.options.count("--proposal")) proposals.insert(proposals.begin(), option(a, "--proposal"));
    if (a.options.count("--calls") && !proposals.empty()) throw UsageError{"--calls checks one file of calls, without proposals"};
    if (a.options.count("--calls"))
      runs.push_back({{"policy", option(a, "--policy")}, {"treasury", option(a, "--treasury")}, {"calls", option(a, "--calls")}});
    else if (proposals.empty()) throw UsageError{"missing --proposal (or proposal files after the options)"};
    for (const auto& q : proposals)
      runs.push_back({{"policy", option(a, "--policy")}, {"treasury", option(a, "--treasury")}, {"proposal", q}});
  } else {
    if (a.positional.size() != 1) throw UsageError{"check takes one case file (or - for stdin)"};
    runs.push_back({{"case", a.positional[0]}});
  }
  const std::string format = option(a, "--format", "text");
  std::vector<std::string> outputs;
  std::vector<ballast::Report> reports;
  std::vector<ballast::RenderOptions> options;
  int worst = kPass;
  std::optional<SharedDocuments> shared;
  if (separate) shared = read_shared(option(a, "--policy"), option(a, "--treasury"));
  for (const auto& files : runs) {
    std::map<std::string, std::string> texts;
    reports.push_back(check_files(files, texts, shared ? &*shared : nullptr));
    worst = std::max(worst, exit_code(a, reports.back()));
    options.push_back(render_options(files, texts));
    // SARIF and JUnit of several files are one document of all the reports, written below.
    const bool joined = format == "sarif" || (format == "junit" && runs.size() > 1);
    if (!joined) outputs.push_back(render(a, reports.back(), files, texts));
  }
  std::string text;
  if (format == "sarif") {
    std::vector<std::pair<const ballast::Report*, ballast::RenderOptions>> sarif;
    for (std::size_t i = 0; i < reports.size(); ++i) sarif.emplace_back(&reports[i], options[i]);
    text = ballast::render_sarif(sarif) + "\n";
  } else if (outputs.size() == 1) {
    text = outputs[0];
  } else if (format == "json") {
    for (std::size_t i = 0; i < outputs.size(); ++i) text += (i ? ",\n" : "[\n") + outputs[i].substr(0, outputs[i].size() - 1);
    text += "\n]\n";
  } else if (format == "junit") {
    std::vector<const ballast::Report*> all;
    for (const auto& r : reports) all.push_back(&r);
    text = ballast::render_junit(all);
  } else {
    for (std::size_t i = 0; i < outputs.size(); ++i)
      text += (format == "text" ? "== " + runs[i].at(runs[i].count("calls") ? "calls" : "proposal") + "\n" : "") + outputs[i] +
              (format == "text" ? "\n" : "");
  }
  emit(a, text);
  return worst;
}

int run_status(const Args& a) {
  allow_only(a, {"--policy", "--treasury", "--format", "--output", "--fail-on-warn"});
  if (!a.positional.empty()) throw UsageError{"status takes --policy and --treasury"};
  for (const char* k : {"--policy", "--treasury"})
    if (!a.options.count(k)) throw UsageError{std::string("missing ") + k};
  std::map<std::string, std::string> files = {{"policy", option(a, "--policy")}, {"treasury", option(a, "--treasury")}};
  std::vector<ballast::Diagnostic> unreadable;
  FileText p = read_file(files["policy"]), t = read_file(files["treasury"]);
  for (auto [slot, f] : {std::pair{"policy", &p}, std::pair{"treasury", &t}})
    if (!f->error.empty()) unreadable.push_back({ballast::code::file_unreadable, slot, "", f->error});
  ballast::Report r;
  if (!unreadable.empty()) {
    r = ballast::error_report(std::move(unreadable), ballast::Mode::Status);
  } else {
    auto parsed = ballast::parse_status_documents(p.text, t.text);
    r = parsed.value ? ballast::evaluate_status(*parsed.value)
                     : ballast::error_report(std::move(parsed.errors), ballast::Mode::Status);
  }
  emit(a, render(a, r, files, {{"policy", p.text}, {"treasury", t.text}}));
  return exit_code(a, r);
}

int run_diff(const Args& a) {
  allow_only(a, {"--treasury", "--format", "--output"});
  if (a.positional.size() != 2) throw UsageError{"diff takes two policy files: OLD NEW"};
  std::string format = option(a, "--format", "text");
  if (format != "text" && format != "json") throw UsageError{"diff supports --format text or json"};
  FileText old_file = read_file(a.positional[0]), new_file = read_file(a.positional[1]), treasury;
  if (a.options.count("--treasury")) treasury = read_file(option(a, "--treasury"));
  ballast::PolicyDiff d;
  for (auto [slot, f] : {std::pair{"old", &old_file}, std::pair{"new", &new_file}, std::pair{"treasury", &treasury}})
    if (!f->error.empty()) d.errors.push_back({ballast::code::file_unreadable, slot, "", f->error});
  if (!d.errors.empty())
    d.verdict = "error";
  else
    d = ballast::diff_policies(old_file.text, new_file.text,
                               a.options.count("--treasury") ? std::optional<std::string_view>(treasury.text) : std::nullopt);
  emit(a, format == "json" ? ballast::render_diff_json(d) + "\n" : ballast::render_diff_text(d));
  if (d.verdict == "error") return kInvalid;
  return d.relaxes() ? kFail : kPass;
}

int run_rules(const Args& a) {
  allow_only(a, {"--format", "--output"});
  if (!a.positional.empty()) throw UsageError{"rules takes no arguments"};
  std::string format = option(a, "--format", "text");
  if (format != "text" && format != "json") throw UsageError{"rules supports --format text or json"};
  emit(a, format == "json" ? ballast::render_rules_json() + "\n" : ballast::render_rules_text());
  return kPass;
}

// A document validated on its own, then (when it is valid and --policy/--treasury are given)
// against them: a proposal's assets and venues, a policy's numeraire, obligations and liabilities.
ballast::Validation validate_file(const std::string& file, const std::optional<std::string>& treasury,
                                  const std::string& policy) {
  FileText f = read_file(file);
  ballast::Validation v;
  if (!f.error.empty()) {
    v.errors.push_back({ballast::code::file_unreadable, "document", "", f.error});
    return v;
  }
  v = ballast::validate_document(f.text);
  if (!v.errors.empty() || !treasury) return v;
  ballast::Parsed<ballast::Case> parsed;
  if (v.kind == "proposal/1") parsed = ballast::parse_documents(policy, *treasury, f.text);
  else if (v.kind == "policy/1") parsed = ballast::parse_status_documents(f.text, *treasury);
  else return v;
  const std::string own = v.kind.substr(0, v.kind.find('/'));
  for (auto& e : parsed.errors)
    if (e.document == own) v.errors.push_back(std::move(e));  // the other documents are checked on their own
  return v;
}

// Input errors, one line each: code, document, path, message.
std::string diagnostics_text(const std::vector<ballast::Diagnostic>& errors) {
  std::string out;
  for (const auto& d : errors)
    out += "  " + d.code + "  " + d.document + " " + (d.path.empty() ? "/" : d.path) + ": " + d.message + "\n";
  return out;
}

int run_validate(const Args& a) {
  allow_only(a, {"--format", "--output", "--policy", "--treasury"});
  if (a.options.count("--policy") && !a.options.count("--treasury"))
    throw UsageError{"validate --policy needs --treasury (the references resolve against the treasury)"};
  if (a.positional.empty()) throw UsageError{"validate takes one or more files"};
  std::string format = option(a, "--format", "text");
  if (format != "text" && format != "json") throw UsageError{"validate supports --format text or json"};
  // The documents the references resolve against, read once for all the files.
  std::optional<std::string> treasury;
  if (a.options.count("--treasury")) treasury = read_input(option(a, "--treasury"));
  const std::string policy = a.options.count("--policy") ? read_input(option(a, "--policy")) : "{\"ballast\": \"policy/1\"}";
  bool all_valid = true;
  std::string out;
  for (std::size_t i = 0; i < a.positional.size(); ++i) {
    const std::string& file = a.positional[i];
    const ballast::Validation v = validate_file(file, treasury, policy);
    all_valid = all_valid && v.errors.empty();
    if (format == "json") {
      out += (i ? ",\n" : "[\n") + ballast::render_validation_json(v.kind, v.errors, file);
      continue;
    }
    if (v.errors.empty()) {
      out += file + ": ok (" + v.kind + ")\n";
    } else {
      out += file + ": invalid, " + std::to_string(v.errors.size()) + " error" + (v.errors.size() == 1 ? "" : "s") + "\n";
      out += diagnostics_text(v.errors);
    }
  }
  if (format == "json") out += "\n]\n";
  emit(a, out);
  return all_valid ? kPass : kInvalid;
}

int run_import(const Args& a) {
  allow_only(a, {"--treasury", "--format", "--output"});
  if (a.positional.size() != 1) throw UsageError{"import takes one file of calls (or - for stdin)"};
  if (!a.options.count("--treasury")) throw UsageError{"missing --treasury (calls are decoded against its assets and venues)"};
  const std::string format = option(a, "--format", "json");
  if (format != "text" && format != "json") throw UsageError{"import supports --format json or text"};
  FileText calls = read_file(a.positional[0]), treasury = read_file(option(a, "--treasury"));
  std::vector<ballast::Diagnostic> unreadable;
  for (auto [slot, f] : {std::pair{"calls", &calls}, std::pair{"treasury", &treasury}})
    if (!f->error.empty()) unreadable.push_back({ballast::code::file_unreadable, slot, "", f->error});
  std::vector<ballast::Diagnostic> errors = unreadable;
  std::optional<ballast::Proposal> proposal;
  std::optional<ballast::Treasury> t;
  if (errors.empty()) {
    auto parsed = ballast::parse_treasury(treasury.text);
    errors = std::move(parsed.errors);
    t = std::move(parsed.value);
  }
  if (t) {
    auto imported = ballast::import_calls(calls.text, *t);
    errors = std::move(imported.errors);
    proposal = std::move(imported.value);
  }
  std::string out;
  if (proposal) out = format == "text" ? ballast::proposal_text(*proposal, *t) : ballast::proposal_json(*proposal, *t);
  else if (format == "json") out = ballast::render_validation_json("calls", errors, a.positional[0]) + "\n";
  else out = a.positional[0] + ": cannot import, " + std::to_string(errors.size()) + " error" + (errors.size() == 1 ? "" : "s") + "\n" +
             diagnostics_text(errors);
  emit(a, out);
  return proposal ? kPass : kInvalid;
}

int run_export(const Args& a) {
  allow_only(a, {"--treasury", "--proposal", "--format", "--deadline-hours", "--orders", "--output"});
  if (!a.positional.empty()) throw UsageError{"export takes --treasury T --proposal P"};
  if (!a.options.count("--treasury") || !a.options.count("--proposal")) throw UsageError{"export needs --treasury and --proposal"};
  const std::string format = option(a, "--format", "safe-batch");
  if (format != "safe-batch" && format != "calls") throw UsageError{"export supports --format safe-batch or calls"};
  const std::string hours_text = option(a, "--deadline-hours", "72");
  if (hours_text.empty() || hours_text.size() > 6 || hours_text.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError{"--deadline-hours takes whole hours (0 to 999999), got " + hours_text};
  FileText treasury = read_file(option(a, "--treasury")), proposal = read_file(option(a, "--proposal"));
  std::vector<ballast::Diagnostic> errors;
  for (auto [slot, f] : {std::pair{"treasury", &treasury}, std::pair{"proposal", &proposal}})
    if (!f->error.empty()) errors.push_back({ballast::code::file_unreadable, slot, "", f->error});
  std::optional<ballast::TreasuryProposal> in;
  std::optional<ballast::Export> exported;
  if (errors.empty()) {
    auto parsed = ballast::parse_treasury_proposal(treasury.text, proposal.text);
    errors = std::move(parsed.errors);
    in = std::move(parsed.value);
  }
  if (in) {
    ballast::ExportOptions options;
    options.deadline_hours = std::stoll(hours_text);
    auto e = ballast::export_proposal(in->proposal, in->treasury, options);
    errors = std::move(e.errors);
    exported = std::move(e.value);
  }
  if (!exported) {
    std::cerr << option(a, "--proposal") << ": cannot export, " << errors.size() << " error" << (errors.size() == 1 ? "" : "s")
              << "\n" << diagnostics_text(errors);
    return kInvalid;
  }
  if (format == "safe-batch" && !exported->orders.empty()) {
    const std::string orders = option(a, "--orders");
    if (orders.empty()) throw UsageError{"the proposal has limit orders: their terms need --orders FILE (or --format calls)"};
    std::ofstream f(orders, std::ios::binary);
    f << ballast::orders_json(*exported);
    if (!f) throw InputError{"cannot write " + orders};
  }
  emit(a, format == "calls" ? ballast::calls_json(*exported, in->treasury)
                            : ballast::tx_builder_json(*exported, in->proposal, in->treasury));
  return kPass;
}

int run_plan(const Args& a) {
  allow_only(a, {"--policy", "--treasury", "--goal", "--at", "--format", "--deadline-hours", "--output"});
  if (!a.positional.empty()) throw UsageError{"plan takes --policy P --treasury T"};
  if (!a.options.count("--policy") || !a.options.count("--treasury")) throw UsageError{"plan needs --policy and --treasury"};
  ballast::PlanRequest request;
  request.goal = option(a, "--goal", "edge");
  if (request.goal != "edge" && request.goal != "target") throw UsageError{"--goal takes edge or target, got " + request.goal};
  request.at = option(a, "--at");
  if (a.options.count("--at") && !ballast::parse_time(request.at))
    throw UsageError{"--at takes an RFC 3339 UTC time (2026-11-30T12:00:00Z), got " + request.at};
  request.format = option(a, "--format", "json");
  if (request.format != "json" && request.format != "text" && request.format != "proposal" && request.format != "safe-batch")
    throw UsageError{"plan supports --format json, text, proposal or safe-batch"};
  const std::string hours_text = option(a, "--deadline-hours", "72");
  if (hours_text.empty() || hours_text.size() > 6 || hours_text.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError{"--deadline-hours takes whole hours (0 to 999999), got " + hours_text};
  request.deadline_hours = std::stoll(hours_text);
  FileText policy = read_file(option(a, "--policy")), treasury = read_file(option(a, "--treasury"));
  std::vector<ballast::Diagnostic> errors;
  for (auto [slot, f] : {std::pair{"policy", &policy}, std::pair{"treasury", &treasury}})
    if (!f->error.empty()) errors.push_back({ballast::code::file_unreadable, slot, "", f->error});
  ballast::PlanOutput out;
  if (errors.empty()) {
    out = ballast::plan_output(policy.text, treasury.text, request);
    errors = std::move(out.errors);
  }
  if (out.status == "error") {
    std::cerr << "cannot plan, " << errors.size() << " error" << (errors.size() == 1 ? "" : "s") << "\n"
              << diagnostics_text(errors);
    return kInvalid;
  }
  if (!out.text.empty()) emit(a, out.text + (out.text.back() == '\n' ? "" : "\n"));
  return out.status == "complete" || out.status == "not_needed" ? kPass : kFail;
}

int run_schema(const Args& a) {
  allow_only(a, {"--output"});
  const std::string kinds = ballast::document_kind_names(", ");
  if (a.positional.size() != 1) throw UsageError{"schema takes one kind: " + kinds};
  std::string s = ballast::schema_json(a.positional[0]);
  if (s.empty()) throw UsageError{"unknown kind " + a.positional[0] + " (" + kinds + ")"};
  emit(a, s);
  return kPass;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Args a = parse_args(argc, argv);
    if (a.options.count("--help")) {
      auto it = kCommandHelp.find(a.command);
      std::cout << (it == kCommandHelp.end() ? usage() : it->second);
      return kPass;
    }
    if (a.command == "check") return run_check(a);
    if (a.command == "status") return run_status(a);
    if (a.command == "validate") return run_validate(a);
    if (a.command == "diff") return run_diff(a);
    if (a.command == "import") return run_import(a);
    if (a.command == "export") return run_export(a);
    if (a.command == "plan") return run_plan(a);
    if (a.command == "rules") return run_rules(a);
    if (a.command == "schema") return run_schema(a);
    if (a.command == "version" || a.command == "--version") {
      allow_only(a, {});
      std::cout << "ballast " << ballast::version() << "\n";
      return kPass;
    }
    if (a.command == "help" || a.command == "--help" || a.command == "-h") {
      std::cout << usage();
      return kPass;
    }
    throw UsageError{"unknown command " + a.command};
  } catch (const UsageError& e) {
    std::cerr << "ballast: " << e.message << "\n\n" << usage();
    return kUsage;
  } catch (const InputError& e) {
    std::cerr << "ballast: " << e.message << "\n";
    return kInvalid;
  } catch (const std::exception& e) {
    std::cerr << "ballast: internal error: " << e.what() << "\n";
    return kInvalid;
  } catch (...) {
    std::cerr << "ballast: internal error\n";
    return kInvalid;
  }
}
