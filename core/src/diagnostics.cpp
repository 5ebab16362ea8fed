#include "ballast/diagnostics.h"

#include <algorithm>
#include <string_view>
#include <tuple>

namespace ballast {

namespace {

bool is_index(std::string_view s) {
  if (s.empty() || s.size() > 18) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The reference token that starts at p[i] (a '/'), and where the next one starts.
std::string_view token_at(std::string_view p, std::size_t& i) {
  std::size_t j = p.find('/', i + 1);
  if (j == std::string_view::npos) j = p.size();
  const std::string_view t = p.substr(i + 1, j - i - 1);
  i = j;
  return t;
}

}  // namespace

// Token by token, in place (findings are sorted on every evaluation: no copies of the tokens).
int compare_pointers(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const std::string_view x = token_at(a, i), y = token_at(b, j);
    if (x == y) continue;
    if (is_index(x) && is_index(y) && x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
    return x < y ? -1 : 1;
  }
  if (i >= a.size() && j >= b.size()) return 0;
  return i >= a.size() ? -1 : 1;
}

void sort_diagnostics(std::vector<Diagnostic>& list) {
  std::stable_sort(list.begin(), list.end(), [](const Diagnostic& x, const Diagnostic& y) {
    if (x.document != y.document) return x.document < y.document;
    int c = compare_pointers(x.path, y.path);
    if (c != 0) return c < 0;
    return std::tie(x.code, x.message) < std::tie(y.code, y.message);
  });
}

std::string pointer_join(const std::string& base, const std::string& token) {
  std::string out = base;
  out.push_back('/');
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out.push_back(c);
  }
  return out;
}

std::string pointer_join(const std::string& base, std::size_t index) { return base + "/" + std::to_string(index); }

}  // namespace ballast
