// JsonWriter: streams JSON-lines records straight into an OutputStream's buffer — no DOM per
// record — with correct escaping (controls, quotes, backslashes; invalid UTF-8 becomes U+FFFD).
#ifndef SECKIT_JSON_WRITER_H_
#define SECKIT_JSON_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "seckit/output.h"

namespace seckit {

// Appends `text` as a JSON string literal (with quotes) to `out`. Bytes that are not valid UTF-8
// are each replaced by U+FFFD, so the output is always valid UTF-8 and valid JSON.
void AppendJsonString(std::string& out, std::string_view text);

// Appends a finite double in the shortest form that reads back to the same value; NaN and
// infinities (not representable in JSON) are written as null.
void AppendJsonDouble(std::string& out, double value);

// A key spelled out in the source as "name"_key: checked and quoted at compile time, so writing it
// is one copy of `,"name":` with no scan for bytes to escape. For keys on hot paths; keys from
// input data go through the std::string_view overloads, which escape them.
class JsonKey {
 public:
  // `quoted` is the key as written after an earlier member: `,"name":`.
  constexpr explicit JsonKey(std::string_view quoted) : quoted_(quoted) {}
  // Without the comma for the first member of an object.
  std::string_view text(bool first) const { return first ? quoted_.substr(1) : quoted_; }

 private:
  std::string_view quoted_;
};

namespace json_internal {
// The text of a "name"_key literal. A name that would need escaping, or is not ASCII, does not
// compile (the throw cannot be evaluated at compile time).
template <size_t N>
struct QuotedKey {
  // Implicit: the literal operator template below receives the literal converted to this.
  consteval QuotedKey(const char (&name)[N]) {
    text[0] = ',';
    text[1] = '"';
    for (size_t i = 0; i + 1 < N; ++i) {
      auto c = static_cast<unsigned char>(name[i]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
        throw "a _key literal must be plain ASCII";
      }
      text[i + 2] = name[i];
    }
    text[N + 1] = '"';
    text[N + 2] = ':';
  }
  char text[N + 3] = {};
};
}  // namespace json_internal

inline namespace json_literals {
template <json_internal::QuotedKey kName>
consteval JsonKey operator""_key() {
  return JsonKey(std::string_view(kName.text, sizeof kName.text));
}
}  // namespace json_literals

// Usage, for {"source":{"ip":"10.0.0.1","port":53},"event":{"kind":"event"}}:
//   w.BeginRecord();
//   w.BeginObject("source"); w.Field("ip", "10.0.0.1"); w.Field("port", 53); w.EndObject();
//   w.BeginObject("event"); w.Field("kind", "event"); w.EndObject();
//   w.EndRecord();
// The writer trusts its caller for structure (every Begin has its End, keys only inside
// objects); it does not check, because it sits on every tool's hot path.
class JsonWriter {
 public:
  explicit JsonWriter(OutputStream& out) : out_(out), buf_(out.buffer()) {}

  void BeginRecord() {
    buf_.push_back('{');
    first_ = true;
    depth_ = 0;
  }
  void EndRecord() {
    buf_.append("}\n", 2);
    out_.RecordDone();
  }

  void Key(std::string_view key);
  // cppcheck-suppress passedByValue ; JsonKey is one string_view, cheaper by value
  void Key(JsonKey key) {
    buf_.append(key.text(first_));
    first_ = true;  // the value that follows needs no comma
  }
  void BeginObject(std::string_view key) { Key(key); Open('{'); }
  // cppcheck-suppress passedByValue ; JsonKey is one string_view, cheaper by value
  void BeginObject(JsonKey key) { Key(key); Open('{'); }
  void BeginObject() { Separator(); Open('{'); }  // inside an array
  void EndObject() { Close('}'); }
  void BeginArray(std::string_view key) { Key(key); Open('['); }
  // cppcheck-suppress passedByValue ; JsonKey is one string_view, cheaper by value
  void BeginArray(JsonKey key) { Key(key); Open('['); }
  void EndArray() { Close(']'); }

  // Values (after Key, or as array elements).
  void String(std::string_view v) { Separator(); AppendJsonString(buf_, v); }
  void Int(int64_t v);
  void Uint(uint64_t v);
  void Double(double v) { Separator(); AppendJsonDouble(buf_, v); }
  void Bool(bool v) { Separator(); buf_.append(v ? "true" : "false"); }
  // Text that is already valid JSON (a value passed through from an input record).
  void RawJson(std::string_view json) { Separator(); buf_.append(json); }
  // Members of an input object passed through as they are: the text between its braces
  // ("\"a\":1,\"b\":[2]"), valid JSON by the caller's check. Nothing for an empty object.
  void RawMembers(std::string_view members) {
    if (members.empty()) return;
    Separator();
    buf_.append(members);
  }

  // A key and its value, written by the value's type: strings, bool, double, signed and
  // unsigned integers (smaller types promote as in a call to one of the Value overloads below).
  template <typename V>
  void Field(std::string_view key, const V& v) { Key(key); Value(v); }
  template <typename V>
  // cppcheck-suppress passedByValue ; JsonKey is one string_view, cheaper by value
  void Field(JsonKey key, const V& v) { Key(key); Value(v); }

  OutputStream& out() { return out_; }

 private:
  void Value(std::string_view v) { String(v); }
  void Value(const char* v) { String(v); }
  void Value(const std::string& v) { String(v); }
  void Value(bool v) { Bool(v); }
  void Value(double v) { Double(v); }
  void Value(int v) { Int(v); }
  void Value(long v) { Int(v); }
  void Value(long long v) { Int(v); }
  void Value(unsigned v) { Uint(v); }
  void Value(unsigned long v) { Uint(v); }
  void Value(unsigned long long v) { Uint(v); }

  void Separator() {
    if (!first_) buf_.push_back(',');
    first_ = false;
  }
  void Open(char c) {
    buf_.push_back(c);
    first_ = true;
    ++depth_;
  }
  void Close(char c) {
    buf_.push_back(c);
    first_ = false;
    --depth_;
  }

  OutputStream& out_;
  std::string& buf_;
  bool first_ = true;
  int depth_ = 0;
};

}  // namespace seckit

#endif  // SECKIT_JSON_WRITER_H_
