// The default indicator fields, and classifying their values.
#include "indicator_fields.h"

namespace seckit::ioc_enrich {

const std::vector<std::string>& DefaultIndicatorFields() {
  static const std::vector<std::string> fields = {"source.ip",
                                                  "destination.ip",
                                                  "client.ip",
                                                  "server.ip",
                                                  "source.domain",
                                                  "destination.domain",
                                                  "dns.question.name",
                                                  "dns.answers.data",
                                                  "url.original",
                                                  "url.full",
                                                  "url.domain",
                                                  "tls.client.server_name",
                                                  "file.hash.md5",
                                                  "file.hash.sha1",
                                                  "file.hash.sha256",
                                                  "process.hash.md5",
                                                  "process.hash.sha1",
                                                  "process.hash.sha256",
                                                  "user.email",
                                                  "email.from.address",
                                                  "email.to.address",
                                                  "threat.indicator.ip",
                                                  "threat.indicator.url.original",
                                                  "threat.indicator.url.domain"};
  return fields;
}

IndicatorFields::IndicatorFields(const std::vector<std::string>& dotted) {
  paths_.reserve(dotted.size());
  for (const std::string& d : dotted) paths_.emplace_back(d);
  for (size_t i = 0; i < paths_.size(); ++i) {
    const std::string& first = paths_[i].parts().front();
    if (first.empty()) {
      always_.push_back(i);
    } else {
      by_first_byte_[static_cast<unsigned char>(first.front())].push_back(i);
    }
  }
}

void IndicatorFields::MarkCandidates(simdjson::dom::element root) {
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS) {
    candidate_.assign(paths_.size(), 1);
    return;
  }
  candidate_.assign(paths_.size(), 0);
  for (size_t i : always_) candidate_[i] = 1;
  for (simdjson::dom::key_value_pair member : object) {
    const std::string_view key = member.key;
    if (key.empty()) continue;
    for (size_t i : by_first_byte_[static_cast<unsigned char>(key.front())]) {
      // As libcommon's dotted lookup: the key is the first part, or starts with it and a dot.
      const std::string& first = paths_[i].parts().front();
      if (key.starts_with(first) && (key.size() == first.size() || key[first.size()] == '.')) {
        candidate_[i] = 1;
      }
    }
  }
}

void IndicatorFields::Collect(const JsonRecord& record, std::vector<FieldIndicator>& out) {
  ForEachValue(record, [&out](size_t field, std::string_view text) {
    AddIndicator(field, text, out);
  });
}

void IndicatorFields::AddIndicator(size_t field, std::string_view text,
                                   std::vector<FieldIndicator>& out) {
  std::optional<Indicator> indicator = Classify(text);
  if (!indicator) return;
  // The same value twice in one field (an array) counts once.
  for (size_t k = out.size(); k-- > 0 && out[k].field == field;) {
    if (out[k].indicator.value == indicator->value) return;
  }
  out.push_back({field, std::move(*indicator)});
}

}  // namespace seckit::ioc_enrich
