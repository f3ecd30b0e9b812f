// YaraRules: a rules file or a folder of rules files compiled once, and buffer scans that return
// the matching rules with their tags and metadata.
#ifndef SECKIT_DISK_CARVE_YARA_RULES_H_
#define SECKIT_DISK_CARVE_YARA_RULES_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "seckit/diag.h"
#include "seckit/status.h"

struct YR_RULES;

namespace seckit::disk_carve {

struct YaraMatch {
  std::string rule;
  std::string rule_namespace;
  std::vector<std::string> tags;
  // Metadata in rule order; the value is JSON text (a string literal, a number or a boolean).
  std::vector<std::pair<std::string, std::string>> meta;
};

class YaraRules {
 public:
  // Compiles `path`: one file, or every *.yar / *.yara file of a folder (each in its own
  // namespace, named after the file). A file that does not compile is reported with file:line
  // and left out; Status::Config when no file compiles (or none is found).
  static Result<std::unique_ptr<YaraRules>> Compile(const std::string& path, Diagnostics& diag);
  ~YaraRules();
  YaraRules(const YaraRules&) = delete;
  YaraRules& operator=(const YaraRules&) = delete;

  // The rules matching `data`. Status::Internal with YARA's error code when the scan fails.
  Result<std::vector<YaraMatch>> Scan(std::span<const uint8_t> data) const;

 private:
  explicit YaraRules(YR_RULES* rules) : rules_(rules) {}
  YR_RULES* rules_;
};

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_YARA_RULES_H_
