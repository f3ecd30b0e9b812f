// Answers as the text the answer cache stores: a kind ("found", "not_found") and a JSON array of
// the enrichments, read back exactly as they were written.
#ifndef SECKIT_IOC_ENRICH_ANSWER_CODEC_H_
#define SECKIT_IOC_ENRICH_ANSWER_CODEC_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "enrichment.h"

namespace seckit::ioc_enrich {

// "found" or "not_found"; an error answer has no stored form ("" is returned).
std::string_view AnswerKindName(Answer::Kind kind);

// The enrichments as compact JSON ("[]" for none). Absent fields are left out; invalid UTF-8 in
// strings is replaced by U+FFFD, as in every seckit output.
std::string EncodeEnrichments(const std::vector<Enrichment>& enrichments);

// The answer stored as `kind` and `body`; nullopt when either is not something
// EncodeEnrichments and AnswerKindName write (a damaged row is a cache miss, not an error).
std::optional<Answer> DecodeAnswer(std::string_view kind, std::string_view body);

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_ANSWER_CODEC_H_
