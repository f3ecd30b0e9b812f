// JsonWriter: streams JSON-lines records straight into an OutputStream's buffer — no DOM per
// record — with correct escaping (controls, quotes, backslashes; invalid UTF-8 becomes U+FFFD).
#ifndef SECKIT_JSON_WRITER_H_
#define SECKIT_JSON_WRITER_H_

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

  void Key(std::string_view key) {
    Separator();
    AppendJsonString(buf_, key);
    buf_.push_back(':');
    first_ = true;  // the value that follows needs no comma
  }
  void BeginObject(std::string_view key) { Key(key); Open('{'); }
  void BeginObject() { Separator(); Open('{'); }  // inside an array
  void EndObject() { Close('}'); }
  void BeginArray(std::string_view key) { Key(key); Open('['); }
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

  void Field(std::string_view key, std::string_view v) { Key(key); String(v); }
  void Field(std::string_view key, const char* v) { Key(key); String(v); }
  void Field(std::string_view key, const std::string& v) { Key(key); String(v); }
  void Field(std::string_view key, bool v) { Key(key); Bool(v); }
  void Field(std::string_view key, double v) { Key(key); Double(v); }
  void Field(std::string_view key, int v) { Key(key); Int(v); }
  void Field(std::string_view key, long v) { Key(key); Int(v); }
  void Field(std::string_view key, long long v) { Key(key); Int(v); }
  void Field(std::string_view key, unsigned v) { Key(key); Uint(v); }
  void Field(std::string_view key, unsigned long v) { Key(key); Uint(v); }
  void Field(std::string_view key, unsigned long long v) { Key(key); Uint(v); }

  OutputStream& out() { return out_; }

 private:
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
