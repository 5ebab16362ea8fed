#include "ballast/diagnostics.h"

#include <algorithm>
#include <tuple>

namespace ballast {

namespace {

std::vector<std::string> split_pointer(const std::string& p) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < p.size()) {
    // p[i] == '/'
    std::size_t j = p.find('/', i + 1);
    if (j == std::string::npos) j = p.size();
    out.push_back(p.substr(i + 1, j - i - 1));
    i = j;
  }
  return out;
}

bool is_index(const std::string& s) {
  if (s.empty() || s.size() > 18) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

int compare_pointers(const std::string& a, const std::string& b) {
  auto sa = split_pointer(a), sb = split_pointer(b);
  std::size_t n = std::min(sa.size(), sb.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (sa[i] == sb[i]) continue;
    if (is_index(sa[i]) && is_index(sb[i])) {
      if (sa[i].size() != sb[i].size()) return sa[i].size() < sb[i].size() ? -1 : 1;
    }
    return sa[i] < sb[i] ? -1 : 1;
  }
  if (sa.size() == sb.size()) return 0;
  return sa.size() < sb.size() ? -1 : 1;
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
