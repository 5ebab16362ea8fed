#include "reader.h"

#include <algorithm>

namespace ballast::documents {

namespace {

bool id_char(char c, bool first) {
  bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  return first ? alnum : (alnum || c == '.' || c == '_' || c == ':' || c == '-');
}

}  // namespace

bool valid_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!id_char(s[i], i == 0)) return false;
  return true;
}

// A tag is what an asset lists ("stable", "tier:low"); a selector may also be asset:<id>,
// chain:<chain> or *.
bool valid_tag(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!id_char(s[i], i == 0)) return false;
  return true;
}

bool valid_selector(std::string_view s) { return s == "*" || valid_tag(s); }

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool valid_address(std::string_view s) {
  if (s.size() != 42 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return false;
  for (std::size_t i = 2; i < s.size(); ++i) {
    char c = s[i];
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

std::string case_path(const std::string& document, const std::string& path) { return "/" + document + path; }

RuleMeta read_meta(Reader& r, Obj& o, std::set<std::string>* seen) {
  RuleMeta m;
  m.path = case_path(r.document(), o.path());
  if (auto id = o.get("id", false, [&](const Node& n, const Path& p) { return r.id(n, p); })) {
    m.id = *id;
    if (seen && !seen->insert(*id).second) r.error(code::id_duplicate, o.at("id"), "duplicate rule id " + quote(*id));
  }
  if (const Node* s = o.opt("severity")) {
    if (s->kind == Node::Kind::String && (s->text == "error" || s->text == "warning"))
      m.severity = s->text == "error" ? Severity::Error : Severity::Warning;
    else
      r.error(code::value_range, o.at("severity"), "expected \"error\" or \"warning\", got " + quote(*s));
  }
  return m;
}

bool check_kind(Reader& r, Obj& o, const std::string& expected) {
  const Node* k = o.req("ballast");
  if (!k) return true;
  if (k->kind != Node::Kind::String) {
    r.error(code::type_mismatch, o.at("ballast"), "expected a document kind string, got " + quote(*k));
  } else if (!find_document_kind(k->text) || k->text != find_document_kind(k->text)->tag) {
    r.error(code::kind_unknown, o.at("ballast"), "unknown document kind " + quote(*k));
  } else if (k->text != expected) {
    r.error(code::kind_mismatch, o.at("ballast"), "expected a " + quote(expected) + " document, got " + quote(*k));
  } else {
    return true;
  }
  o.ignore_rest();
  return false;
}


}  // namespace ballast::documents
