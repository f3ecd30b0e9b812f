// How enrichments look in records (docs/FORMAT.md, "ioc-enrich"): ECS threat.enrichments entries
// and the per-record summary `ioc`.
#ifndef SECKIT_IOC_ENRICH_ENRICHMENT_JSON_H_
#define SECKIT_IOC_ENRICH_ENRICHMENT_JSON_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "enrichment.h"
#include "seckit/indicators.h"
#include "seckit/json_writer.h"

namespace seckit::ioc_enrich {

// Writes, inside an open object, the ECS indicator type and value fields: "type":"ipv4-addr",
// "ip":"1.2.3.4" / "url":{"domain":…} / "url":{"original":…} / "email":{"address":…} /
// "file":{"hash":{"sha256":…}}.
void WriteIndicatorFields(JsonWriter& w, const Indicator& indicator);

// One threat.enrichments entry (an object inside an open array): what `enrichment` says about
// `indicator`, found in the record's field `field`.
void WriteEnrichment(JsonWriter& w, const Enrichment& enrichment, const Indicator& indicator,
                     std::string_view field);

// The record's summary: the worst verdict and the highest score of its enrichments. An entry
// without a score counts 100 when malicious, 50 when suspicious, 0 otherwise.
struct RecordSummary {
  Verdict verdict = Verdict::kUnknown;
  int score = 0;
  size_t enrichments = 0;
  void Add(const Enrichment& e);
};

// An error of one provider about one indicator, for ioc.errors.
struct LookupError {
  std::string provider;
  std::string indicator;
  std::string error;
};

// Writes "ioc":{"verdict","score","enrichments","errors":[…]} (errors only when there are some).
void WriteSummary(JsonWriter& w, const RecordSummary& summary,
                  const std::vector<LookupError>& errors);

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_ENRICHMENT_JSON_H_
