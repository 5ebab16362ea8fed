// A string builder with the `<<` of an output stream for the text the renderers write (strings,
// characters, integers). Streams would bring the C++ locale machinery into the WebAssembly
// module, about 30 KB gzipped of a download budget that holds the whole checker.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

namespace ballast {

class TextOut {
 public:
  TextOut& operator<<(std::string_view s) {
    text_.append(s.data(), s.size());
    return *this;
  }
  TextOut& operator<<(const std::string& s) { return *this << std::string_view(s); }
  TextOut& operator<<(const char* s) { return *this << std::string_view(s); }
  TextOut& operator<<(char c) {
    text_.push_back(c);
    return *this;
  }
  template <typename T, typename = std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, char> && !std::is_same_v<T, bool>>>
  TextOut& operator<<(T v) {
    return *this << std::to_string(v);
  }
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

}  // namespace ballast
