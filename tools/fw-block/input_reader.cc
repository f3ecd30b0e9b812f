// ReadCandidates: records or plain lists in, candidates out.
#include "input_reader.h"

#include <cstring>
#include <memory>

#include "seckit/input.h"
#include "seckit/interrupt.h"
#include "seckit/line_reader.h"

namespace seckit::fw_block {
namespace {

// Replays the bytes read to detect the format, then reads on from the real source.
class PeekedSource : public InputSource {
 public:
  PeekedSource(std::unique_ptr<InputSource> inner) : inner_(std::move(inner)) {
    name_ = inner_->name();
    compression_ = inner_->compression();
  }
  Status Peek() {
    peeked_.resize(4096);
    Result<size_t> n = inner_->Read(peeked_.data(), peeked_.size());
    if (!n.ok()) return n.status();
    peeked_.resize(*n);
    return Status::Ok();
  }
  const std::string& peeked() const { return peeked_; }
  Result<size_t> Read(char* buffer, size_t n) override {
    if (position_ < peeked_.size()) {
      const size_t take = std::min(n, peeked_.size() - position_);
      std::memcpy(buffer, peeked_.data() + position_, take);
      position_ += take;
      return take;
    }
    return inner_->Read(buffer, n);
  }
  uint64_t raw_offset() const override { return inner_->raw_offset(); }

 private:
  std::unique_ptr<InputSource> inner_;
  std::string peeked_;
  size_t position_ = 0;
};

constexpr size_t kMaxKeptRecord = size_t{16} * 1024;

bool LooksLikeJson(const std::string& head) {
  for (char c : head) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{';
  }
  return false;
}

std::string Where(const std::string& name, uint64_t line) {
  return name + ":" + std::to_string(line);
}

Status TooMany(const std::string& name, uint64_t line, size_t limit) {
  return Status::DataError("more than " + std::to_string(limit) +
                           " addresses to block (--max), stopped reading at " + Where(name, line) +
                           ": nothing was changed");
}

// One line of a plain list: an address or CIDR, then anything (a comment, a score column).
Status ReadListLine(const Line& line, const std::string& name, Diagnostics& diag,
                    CandidateList& out, InputCounts& counts) {
  std::string_view text = line.text;
  if (const size_t hash = text.find('#'); hash != std::string_view::npos)
    text = text.substr(0, hash);
  const size_t begin = text.find_first_not_of(" \t\r\xEF\xBB\xBF");
  if (begin == std::string_view::npos) return Status::Ok();
  text = text.substr(begin);
  const size_t end = text.find_first_of(" \t,;");
  const std::string_view token = text.substr(0, end);
  ++counts.records;
  std::string why;
  std::optional<Cidr> cidr = ParseBlockTarget(token, why);
  if (!cidr) {
    const std::string shown(token.substr(0, 80));
    return diag.BadInput("\"" + shown + "\" is " + why, Where(name, line.number));
  }
  out.Add({*cidr, "listed in " + name, Where(name, line.number), ""});
  return Status::Ok();
}

// The best score and worst verdict ioc-enrich recorded for `address` in this record's
// threat.enrichments, matched by indicator.ip, matched.atomic or a feed CIDR (ioc.matched_entry).
struct Judgement {
  bool any = false;
  double score = -1;
  int verdict = -1;
  std::string provider;
};

Judgement JudgementFor(const JsonRecord& record, const Cidr& address) {
  static const FieldPath kEnrichments("threat.enrichments");
  Judgement best;
  std::optional<simdjson::dom::element> list = record.Find(kEnrichments);
  simdjson::dom::array entries;
  if (!list || list->get_array().get(entries) != simdjson::SUCCESS) return best;
  for (simdjson::dom::element entry : entries) {
    if (!entry.is_object()) continue;
    auto text_at = [&](const char* pointer) -> std::string_view {
      std::string_view value;
      if (entry.at_pointer(pointer).get(value) != simdjson::SUCCESS) return {};
      return value;
    };
    bool matches = false;
    for (const char* p : {"/indicator/ip", "/matched/atomic", "/ioc/matched_entry"}) {
      std::string why;
      std::optional<Cidr> c = ParseBlockTarget(text_at(p), why);
      if (c && (c->Contains(address) || *c == address)) matches = true;
    }
    if (!matches) continue;
    const int verdict = VerdictRank(text_at("/ioc/verdict"));
    double score = -1;
    if (entry.at_pointer("/ioc/score").get(score) != simdjson::SUCCESS) {
      score = verdict == 2 ? 100 : verdict == 1 ? 50 : 0;
    }
    best.any = true;
    if (verdict > best.verdict) best.verdict = verdict;
    if (score > best.score) {
      best.score = score;
      best.provider = std::string(text_at("/indicator/provider"));
    }
  }
  return best;
}

std::string NumberText(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// Whether `cidr` from `record` passes the thresholds, and the reason to record when it does.
bool Passes(const JsonRecord& record, const Cidr& cidr, const InputSettings& settings,
            std::string& reason) {
  static const FieldPath kRiskScore("event.risk_score");
  static const FieldPath kRuleId("rule.id");
  const bool thresholds = settings.min_score >= 0 || settings.min_verdict_rank >= 0;
  const Judgement j = JudgementFor(record, cidr);
  if (j.any) {
    if (settings.min_score >= 0 && j.score < settings.min_score) return false;
    if (settings.min_verdict_rank >= 0 && j.verdict < settings.min_verdict_rank) return false;
    reason = "ioc score " + NumberText(j.score);
    if (!j.provider.empty()) reason += " (" + j.provider + ")";
    return true;
  }
  // An alert (anomaly-detect) has a risk score instead of enrichments.
  std::optional<double> risk = record.GetNumber(kRiskScore);
  if (thresholds) {
    if (settings.min_verdict_rank >= 0 || !risk || *risk < settings.min_score) return false;
  }
  std::string rule;
  if (record.GetText(kRuleId, rule)) {
    reason = "rule " + rule;
  } else {
    reason = "named in a record";
  }
  if (risk) reason += " (risk score " + NumberText(*risk) + ")";
  return true;
}

Status ReadRecords(InputSource& source, const InputSettings& settings, Diagnostics& diag,
                   CandidateList& out, InputCounts& counts) {
  JsonLinesReader reader(source, diag);
  JsonRecord record;
  std::vector<std::string> values;
  while (reader.Next(record)) {
    ++counts.records;
    if ((counts.records & 4095) == 0 && Interrupted()) return Status::Interrupted();
    for (const FieldPath& field : settings.fields) {
      values.clear();
      CollectTexts(record.root, field, values);
      for (const std::string& value : values) {
        std::string why;
        std::optional<Cidr> cidr = ParseBlockTarget(value, why);
        if (!cidr) {
          SECKIT_RETURN_IF_ERROR(
              diag.BadInput(field.dotted() + " \"" + value.substr(0, 80) + "\" is " + why,
                            Where(reader.name(), record.line_number)));
          continue;
        }
        std::string reason;
        if (!Passes(record, *cidr, settings, reason)) {
          ++counts.below_threshold;
          continue;
        }
        // The record goes into the state with the block, unless it is unreasonably large.
        std::string raw = record.raw.size() <= kMaxKeptRecord ? std::string(record.raw) : "";
        out.Add(
            {*cidr, std::move(reason), Where(reader.name(), record.line_number), std::move(raw)});
        if (out.items().size() > settings.stop_after) {
          return TooMany(reader.name(), record.line_number, settings.stop_after);
        }
      }
    }
  }
  return reader.status();
}

}  // namespace

std::vector<std::string> DefaultFields() {
  return {"source.ip", "destination.ip", "client.ip", "server.ip", "threat.indicator.ip"};
}

int VerdictRank(std::string_view verdict) {
  if (verdict == "malicious") return 2;
  if (verdict == "suspicious") return 1;
  if (verdict == "benign" || verdict == "unknown") return 0;
  return -1;
}

Status ReadCandidates(const std::string& path, const InputSettings& settings, Diagnostics& diag,
                      CandidateList& out, InputCounts& counts) {
  Result<std::unique_ptr<InputSource>> opened = OpenInput(path);
  if (!opened.ok()) return opened.status();
  PeekedSource source(std::move(opened.value()));
  SECKIT_RETURN_IF_ERROR(source.Peek());
  InputFormat format = settings.format;
  if (format == InputFormat::kAuto) {
    format = LooksLikeJson(source.peeked()) ? InputFormat::kJson : InputFormat::kList;
  }
  if (format == InputFormat::kJson) return ReadRecords(source, settings, diag, out, counts);
  LineReader lines(source);
  Line line;
  while (lines.Next(line)) {
    // Ctrl-C while reading: stop before anything changes.
    if ((line.number & 4095) == 0 && Interrupted()) return Status::Interrupted();
    SECKIT_RETURN_IF_ERROR(ReadListLine(line, source.name(), diag, out, counts));
    if (out.items().size() > settings.stop_after) {
      return TooMany(source.name(), line.number, settings.stop_after);
    }
  }
  return lines.status();
}

}  // namespace seckit::fw_block
