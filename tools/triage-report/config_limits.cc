// The report's limits from the config file: max_distinct, max_citations, top and fail_on under
// [triage-report] (or SECKIT_TRIAGE_REPORT_<KEY> in the environment), each used only when its flag
// was not given, with the flag's own range.
#include <cstdlib>
#include <string>
#include <string_view>

#include "options.h"
#include "severity.h"

namespace seckit::triage_report {
namespace {

// Where a value of `key` was read from, for messages: the environment variable that set it, else
// the config file (Config's lookup order: tool variable, shared variable, file).
std::string SourceOf(const Config& config, std::string_view key) {
  for (const std::string& name : {Config::EnvironmentName("triage-report." + std::string(key)),
                                  Config::EnvironmentName(key)}) {
    const char* value = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe): no threads yet
    if (value != nullptr && *value != '\0') return "environment variable " + name;
  }
  return config.path();
}

struct SizeKey {
  const char* key;
  size_t Options::*member;
  bool Options::*given;
  int64_t min, max;  // the range of the flag of the same name
};

constexpr SizeKey kSizeKeys[] = {
    {"max_distinct", &Options::max_distinct, &Options::max_distinct_given, 16, 100'000'000},
    {"max_citations", &Options::max_citations, &Options::max_citations_given, 1, 10'000},
    {"top", &Options::top, &Options::top_given, 1, 1000},
};

}  // namespace

Status ApplyConfigLimits(const Config& config, Options& options) {
  for (const SizeKey& k : kSizeKeys) {
    if (options.*k.given) continue;  // the flag beats the file
    Result<std::optional<int64_t>> value = config.GetInt(k.key);
    if (!value.ok()) return value.status();
    if (!value->has_value()) continue;
    if (**value < k.min || **value > k.max) {
      return Status::Config(SourceOf(config, k.key) + ": 'triage-report." + k.key +
                            "' must be between " + std::to_string(k.min) + " and " +
                            std::to_string(k.max));
    }
    options.*k.member = static_cast<size_t>(**value);
  }
  if (!options.fail_on_given) {
    Result<std::optional<std::string>> value = config.GetString("fail_on");
    if (!value.ok()) return value.status();
    if (value->has_value()) {
      if (!ParseSeverity(**value)) {
        return Status::Config(
            SourceOf(config, "fail_on") +
            ": 'triage-report.fail_on' must be one of info, low, medium, high, critical");
      }
      options.fail_on = **value;
    }
  }
  return Status::Ok();
}

}  // namespace seckit::triage_report
