// Writes JSON text as it goes, in the layout of nlohmann::json's dump(2) (two-space indent,
// "key": value, empty containers as {} and [], strings escaped as by escape_json_string), so every
// document Ballast writes (report/1, diff/1, plan/1, proposal/1, calls/1, SARIF, the Safe
// Transaction Builder file) is written without first building a tree of it.
#pragma once

#include "ballast/diagnostics.h"
#include "ballast/json.h"
#include "ballast/report.h"

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ballast::report {

class JsonWriter {
 public:
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// Opens a document of Ballast's own: {"ballast": kind, "engine": {"name", "version"}, ...
  void begin_document(std::string_view kind) {
    begin_object();
    field("ballast", kind);
    key("engine").begin_object();
    field("name", "ballast");
    field("version", engine_version);
    end_object();
  }

  /// Starts an object member: the value written next is its value.
  JsonWriter& key(std::string_view k) {
    next_item();
    string(k);
    out_ += ": ";
    after_key_ = true;
    return *this;
  }

  void value(std::string_view s) {
    next_item();
    string(s);
  }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(const char* s) { value(std::string_view(s)); }
  void value(bool b) {
    next_item();
    out_ += b ? "true" : "false";
  }
  /// An integer of any width and sign, in decimal.
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  void value(T v) {
    next_item();
    out_ += std::to_string(v);
  }
  /// JSON's null.
  void null() {
    next_item();
    out_ += "null";
  }
  void value(const std::vector<std::string>& list) {
    begin_array();
    for (const auto& s : list) value(s);
    end_array();
  }
  /// Input errors as [{code, document, path, message}].
  void value(const std::vector<Diagnostic>& list);

  template <typename T>
  void field(std::string_view k, const T& v) {
    key(k).value(v);
  }
  /// A member written only when the value is there.
  void field(std::string_view k, const std::optional<std::string>& v) {
    if (v) field(k, *v);
  }
  /// A member written only when the string is not empty.
  void field_nonempty(std::string_view k, const std::string& v) {
    if (!v.empty()) field(k, v);
  }

  std::string take() { return std::move(out_); }

 private:
  struct Level {
    bool empty = true;
  };

  // Before a value or a member: the separator and the indent, unless the value follows its key.
  void next_item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (levels_.empty()) return;
    Level& l = levels_.back();
    out_ += l.empty ? "\n" : ",\n";
    l.empty = false;
    out_.append(2 * levels_.size(), ' ');
  }
  void open(char c) {
    next_item();
    out_ += c;
    levels_.push_back(Level{});
  }
  void close(char c) {
    const bool empty = levels_.back().empty;
    levels_.pop_back();
    if (!empty) {
      out_ += '\n';
      out_.append(2 * levels_.size(), ' ');
    }
    out_ += c;
  }
  void string(std::string_view s) {
    for (unsigned char c : s)
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
        out_ += escape_json_string(s);
        return;
      }
    out_ += '"';
    out_.append(s.data(), s.size());
    out_ += '"';
  }

  std::string out_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

inline void JsonWriter::value(const std::vector<Diagnostic>& list) {
  begin_array();
  for (const auto& d : list) {
    begin_object();
    field("code", d.code);
    field("document", d.document);
    field("path", d.path);
    field("message", d.message);
    end_object();
  }
  end_array();
}

}  // namespace ballast::report
