// Fuzzes log-grep's --where expression parser and evaluator: any text either parses or gives a
// usage error, and a parsed expression evaluates against records without crashing. The first
// line of the input is the expression; the rest are "field=value" lines the record holds.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "where_expr.h"

namespace seckit::log_grep {
namespace {

class MapSource : public FieldSource {
 public:
  void Add(std::string_view line) {
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) return;
    values_[std::string(line.substr(0, eq))].emplace_back(line.substr(eq + 1));
  }
  void Values(const FieldPath& path, std::vector<std::string>& out) const override {
    auto it = values_.find(path.dotted());
    if (it == values_.end()) return;
    out.insert(out.end(), it->second.begin(), it->second.end());
  }

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
};

}  // namespace
}  // namespace seckit::log_grep

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit::log_grep;
  if (size > 4096) return 0;  // regexes compile in Hyperscan: keep each run short
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const size_t newline = text.find('\n');
  const std::string_view expression = text.substr(0, newline);
  seckit::Result<WhereExpr> where = WhereExpr::Parse(expression);
  if (!where.ok()) {
    SECKIT_FUZZ_CHECK(!where.status().message().empty());
    return 0;
  }
  MapSource record;
  if (newline != std::string_view::npos) {
    std::string_view rest = text.substr(newline + 1);
    while (!rest.empty()) {
      const size_t end = rest.find('\n');
      record.Add(rest.substr(0, end));
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }
  const bool first = where->Matches(record);
  SECKIT_FUZZ_CHECK(where->Matches(record) == first);  // evaluation has no hidden state
  return 0;
}
