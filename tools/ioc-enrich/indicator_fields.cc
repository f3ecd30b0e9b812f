// The default indicator fields, and classifying their values.
#include "indicator_fields.h"

namespace seckit::ioc_enrich {

const std::vector<std::string>& DefaultIndicatorFields() {
  static const std::vector<std::string> fields = {
      "source.ip",          "destination.ip",         "client.ip",
      "server.ip",          "source.domain",          "destination.domain",
      "dns.question.name",  "dns.answers.data",       "url.original",
      "url.full",           "url.domain",             "tls.client.server_name",
      "file.hash.md5",      "file.hash.sha1",         "file.hash.sha256",
      "process.hash.md5",   "process.hash.sha1",      "process.hash.sha256",
      "user.email",         "email.from.address",     "email.to.address",
      "threat.indicator.ip", "threat.indicator.url.original", "threat.indicator.url.domain"};
  return fields;
}

IndicatorFields::IndicatorFields(const std::vector<std::string>& dotted) {
  paths_.reserve(dotted.size());
  for (const std::string& d : dotted) paths_.emplace_back(d);
}

void IndicatorFields::Collect(const JsonRecord& record, std::vector<FieldIndicator>& out) {
  for (size_t i = 0; i < paths_.size(); ++i) {
    texts_.clear();
    CollectTexts(record.root, paths_[i], texts_);
    for (const std::string& text : texts_) {
      std::optional<Indicator> indicator = Classify(text);
      if (!indicator) continue;
      bool seen = false;  // the same value twice in one field (an array) counts once
      for (size_t k = out.size(); k-- > 0 && out[k].field == i;) {
        if (out[k].indicator.value == indicator->value) seen = true;
      }
      if (!seen) out.push_back({i, std::move(*indicator)});
    }
  }
}

}  // namespace seckit::ioc_enrich
