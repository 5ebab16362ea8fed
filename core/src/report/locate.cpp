// Source lines of JSON pointers, for annotations that point into the user's files.
#include "locate.h"

#include <cctype>

namespace ballast::report {

namespace {

// A minimal scanner over well-formed JSON text: enough to follow a pointer to its value.
class Scanner {
 public:
  explicit Scanner(std::string_view t) : t_(t) {}

  // The 1-based line of the value at `pointer` (RFC 6901), or 0 when it is not there.
  int find(const std::string& pointer) {
    skip();
    std::size_t pos = 0;
    while (pos < pointer.size()) {
      if (pointer[pos] != '/') return 0;
      std::size_t end = pointer.find('/', pos + 1);
      if (end == std::string::npos) end = pointer.size();
      std::string token = unescape(pointer.substr(pos + 1, end - pos - 1));
      if (!step(token)) return 0;
      pos = end;
    }
    return i_ < t_.size() ? line_ : 0;
  }

 private:
  static std::string unescape(std::string s) {
    for (std::size_t k = 0; (k = s.find('~', k)) != std::string::npos; ++k)
      s.replace(k, 2, k + 1 < s.size() && s[k + 1] == '1' ? "/" : "~");
    return s;
  }
  void skip() {
    while (i_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[i_]))) {
      if (t_[i_] == '\n') ++line_;
      ++i_;
    }
  }
  std::string string() {  // at '"'; returns the raw contents (escapes kept)
    std::string s;
    for (++i_; i_ < t_.size() && t_[i_] != '"'; ++i_) {
      if (t_[i_] == '\\' && i_ + 1 < t_.size()) s.push_back(t_[i_++]);
      s.push_back(t_[i_]);
    }
    ++i_;
    return s;
  }
  void value() {  // skips one value
    skip();
    if (i_ >= t_.size()) return;
    const char c = t_[i_];
    if (c == '"') {
      string();
    } else if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++i_;
      skip();
      while (i_ < t_.size() && t_[i_] != close) {
        if (c == '{') {
          string();
          skip();
          ++i_;  // ':'
        }
        value();
        skip();
        if (i_ < t_.size() && t_[i_] == ',') ++i_;
        skip();
      }
      ++i_;
    } else {
      while (i_ < t_.size() && t_[i_] != ',' && t_[i_] != '}' && t_[i_] != ']' &&
             !std::isspace(static_cast<unsigned char>(t_[i_])))
        ++i_;
    }
  }
  // Moves to the member or element `token` of the value here.
  bool step(const std::string& token) {
    skip();
    if (i_ >= t_.size() || (t_[i_] != '{' && t_[i_] != '[')) return false;
    const bool object = t_[i_] == '{';
    ++i_;
    for (std::size_t index = 0;; ++index) {
      skip();
      if (i_ >= t_.size() || t_[i_] == '}' || t_[i_] == ']') return false;
      bool hit = !object && token == std::to_string(index);
      if (object) {
        hit = string() == token;
        skip();
        ++i_;  // ':'
      }
      skip();
      if (hit) return true;
      value();
      skip();
      if (i_ < t_.size() && t_[i_] == ',') ++i_;
    }
  }

  std::string_view t_;
  std::size_t i_ = 0;
  int line_ = 1;
};

}  // namespace

int line_of(std::string_view json, const std::string& pointer) { return Scanner(json).find(pointer); }

Location locate(const RenderOptions& o, const std::string& case_pointer) {
  Location loc;
  // "/policy/limits/0": the policy file, or the case file holding it.
  const auto slash = case_pointer.find('/', 1);
  const std::string document = case_pointer.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
  std::string pointer = slash == std::string::npos ? "" : case_pointer.substr(slash);
  auto file = o.files.find(document);
  if (file == o.files.end()) {
    file = o.files.find("case");
    pointer = case_pointer;
  }
  if (file == o.files.end()) return loc;
  loc.file = file->second;
  auto source = o.sources.find(file->first);
  if (source != o.sources.end()) loc.line = line_of(source->second, pointer);
  return loc;
}

std::string annotation_pointer(const RenderOptions& o, bool check, Severity severity, const std::string& path) {
  const bool proposal_known = o.files.count("proposal") || o.files.count("case");
  if (proposal_known && check && severity == Severity::Error && path.rfind("/policy/", 0) == 0) return "/proposal/actions";
  return path;
}

}  // namespace ballast::report
