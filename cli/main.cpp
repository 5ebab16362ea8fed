// The ballast command: argument parsing, files and stdout. All checking is the core's.
#include "ballast/ballast.h"

#include <cstdio>
#include <cstdlib>
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
    "  status --policy P --treasury T     monitor a treasury against its policy (no proposal)\n"
    "  validate FILE...                   validate documents of any kind\n"
    "  diff OLD NEW [--treasury T]        what a policy amendment relaxes and tightens (diff/1);\n"
    "                                     with a treasury, its status under both policies\n"
    "  rules                              the rule registry: phases, severities, policy fields, directions\n"
    "  schema KIND                        print the JSON Schema of a document kind (KIND below)\n"
    "  version                            print the engine version\n"
    "\n"
    "options:\n"
    "  --format text|json|junit|github    output format (default text)\n"
    "  --output FILE                      write the output to FILE instead of stdout\n"
    "\n"
    "exit codes: 0 pass, 1 fail (error findings; status: any finding; diff: anything relaxed or\n"
    "            removed), 2 invalid input, 64 usage\n";

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

std::string read_input(const std::string& path) {
  if (path == "-") {
    std::ostringstream s;
    s << std::cin.rdbuf();
    return s.str();
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError{"cannot read " + path};
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (f.bad()) throw InputError{"cannot read " + path};
  return text;
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
  static const std::vector<std::string> valued = {"--policy", "--treasury", "--proposal", "--format", "--output"};
  for (int i = 2; i < argc; ++i) {
    std::string s = argv[i];
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

std::string render(const Args& a, const ballast::Report& r, const std::map<std::string, std::string>& files) {
  std::string format = option(a, "--format", "text");
  ballast::RenderOptions o;
  o.files = files;
  if (format == "json") return ballast::render_json(r) + "\n";
  if (format == "junit") return ballast::render_junit(r, o);
  if (format == "github") return ballast::render_github(r, o);
  if (format == "text") {
    o.color = use_color(a);
    return ballast::render_text(r, o);
  }
  throw UsageError{"unknown format " + format + " (text, json, junit, github)"};
}

int run_check(const Args& a) {
  allow_only(a, {"--policy", "--treasury", "--proposal", "--format", "--output"});
  bool separate = a.options.count("--policy") || a.options.count("--treasury") || a.options.count("--proposal");
  ballast::Parsed<ballast::Case> parsed;
  std::map<std::string, std::string> files;
  if (separate) {
    if (!a.positional.empty()) throw UsageError{"give either a case file or --policy/--treasury/--proposal"};
    for (const char* k : {"--policy", "--treasury", "--proposal"})
      if (!a.options.count(k)) throw UsageError{std::string("missing ") + k};
    files = {{"policy", option(a, "--policy")}, {"treasury", option(a, "--treasury")}, {"proposal", option(a, "--proposal")}};
    parsed = ballast::parse_documents(read_input(files["policy"]), read_input(files["treasury"]),
                                      read_input(files["proposal"]));
  } else {
    if (a.positional.size() != 1) throw UsageError{"check takes one case file (or - for stdin)"};
    files = {{"case", a.positional[0]}};
    parsed = ballast::parse_case(read_input(a.positional[0]));
  }
  ballast::Report r = parsed.value ? ballast::evaluate(*parsed.value) : ballast::error_report(std::move(parsed.errors));
  for (auto it = files.begin(); it != files.end();) it = it->second == "-" ? files.erase(it) : std::next(it);
  std::string text = render(a, r, files);
  emit(a, text);
  if (r.verdict == ballast::Verdict::Error) return kInvalid;
  return r.verdict == ballast::Verdict::Fail ? kFail : kPass;
}

int run_status(const Args& a) {
  allow_only(a, {"--policy", "--treasury", "--format", "--output"});
  if (!a.positional.empty()) throw UsageError{"status takes --policy and --treasury"};
  for (const char* k : {"--policy", "--treasury"})
    if (!a.options.count(k)) throw UsageError{std::string("missing ") + k};
  std::map<std::string, std::string> files = {{"policy", option(a, "--policy")}, {"treasury", option(a, "--treasury")}};
  auto parsed = ballast::parse_status_documents(read_input(files["policy"]), read_input(files["treasury"]));
  ballast::Report r = parsed.value ? ballast::evaluate_status(*parsed.value)
                                   : ballast::error_report(std::move(parsed.errors), ballast::Mode::Status);
  emit(a, render(a, r, files));
  if (r.verdict == ballast::Verdict::Error) return kInvalid;
  return r.verdict == ballast::Verdict::Attention ? kFail : kPass;
}

int run_diff(const Args& a) {
  allow_only(a, {"--treasury", "--format", "--output"});
  if (a.positional.size() != 2) throw UsageError{"diff takes two policy files: OLD NEW"};
  std::string format = option(a, "--format", "text");
  if (format != "text" && format != "json") throw UsageError{"diff supports --format text or json"};
  const std::string old_text = read_input(a.positional[0]), new_text = read_input(a.positional[1]);
  std::optional<std::string> treasury;
  if (a.options.count("--treasury")) treasury = read_input(option(a, "--treasury"));
  const ballast::PolicyDiff d = ballast::diff_policies(
      old_text, new_text, treasury ? std::optional<std::string_view>(*treasury) : std::nullopt);
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

int run_validate(const Args& a) {
  allow_only(a, {"--format", "--output"});
  if (a.positional.empty()) throw UsageError{"validate takes one or more files"};
  std::string format = option(a, "--format", "text");
  if (format != "text" && format != "json") throw UsageError{"validate supports --format text or json"};
  bool all_valid = true;
  std::string out;
  if (format == "json") out += "[";
  for (std::size_t i = 0; i < a.positional.size(); ++i) {
    const std::string& file = a.positional[i];
    auto v = ballast::validate_document(read_input(file));
    all_valid = all_valid && v.errors.empty();
    if (format == "json") {
      out += (i ? ",\n" : "\n") + ballast::render_validation_json(v.kind, v.errors);
      continue;
    }
    if (v.errors.empty()) {
      out += file + ": ok (" + v.kind + ")\n";
    } else {
      out += file + ": invalid, " + std::to_string(v.errors.size()) + " error" + (v.errors.size() == 1 ? "" : "s") + "\n";
      for (const auto& d : v.errors)
        out += "  " + d.code + "  " + d.document + " " + (d.path.empty() ? "/" : d.path) + ": " + d.message + "\n";
    }
  }
  if (format == "json") out += "\n]\n";
  emit(a, out);
  return all_valid ? kPass : kInvalid;
}

int run_schema(const Args& a) {
  allow_only(a, {"--output"});
  if (a.positional.size() != 1) throw UsageError{"schema takes one kind: policy, treasury, proposal, case or report"};
  std::string s = ballast::schema_json(a.positional[0]);
  if (s.empty()) throw UsageError{"unknown kind " + a.positional[0] + " (policy, treasury, proposal, case, report)"};
  emit(a, s);
  return kPass;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Args a = parse_args(argc, argv);
    if (a.command == "check") return run_check(a);
    if (a.command == "status") return run_status(a);
    if (a.command == "validate") return run_validate(a);
    if (a.command == "diff") return run_diff(a);
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
