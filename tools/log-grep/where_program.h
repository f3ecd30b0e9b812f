// The compiled form of a --where expression, shared by its parser (where_parser.cc) and its
// evaluator (where_expr.cc, where_compare.cc). Not for use outside those files.
#ifndef SECKIT_LOG_GREP_WHERE_PROGRAM_H_
#define SECKIT_LOG_GREP_WHERE_PROGRAM_H_

#include <hs/hs.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/ip.h"
#include "seckit/records.h"
#include "seckit/time.h"

namespace seckit::log_grep {

// A decimal number as --where reads it: integers that fit in int64_t keep their exact value.
struct WhereNumber {
  bool is_integer = false;
  int64_t integer = 0;
  double real = 0;  // always set
};

// Parses [+-]digits[.digits][(e|E)[+-]digits], the whole text; nullopt otherwise (also for
// magnitudes beyond double's range).
std::optional<WhereNumber> ParseWhereNumber(std::string_view text);

// Whether `text` matches `pattern`, where "*" matches any run of bytes (also an empty one).
bool WildcardMatch(std::string_view pattern, std::string_view text);

// How a literal compares with values (the table in where_expr.h).
enum class LiteralType : uint8_t { kText, kNumber, kTime, kIp, kWildcard };

struct WhereLiteral {
  std::string text;
  LiteralType type = LiteralType::kText;
  WhereNumber number;
  TimeNs time = 0;
  IpAddress ip;
};

// Types `text` for a comparison; `wildcard` allows kWildcard (unquoted, after = or !=).
WhereLiteral MakeLiteral(std::string text, bool wildcard);

// -1, 0 or 1 as `value` orders before, equal to or after the literal; nullopt when the value is
// not of the literal's type. Not for kWildcard literals.
std::optional<int> CompareWithLiteral(const WhereLiteral& literal, std::string_view value);

enum class WhereOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe, kRegex, kIn, kNotIn, kExists };

struct HsDatabaseFree {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
struct HsScratchFree {
  void operator()(hs_scratch_t* scratch) const { hs_free_scratch(scratch); }
};

struct WhereCondition {
  uint32_t field = 0;  // index into WhereProgram::fields
  WhereOp op = WhereOp::kExists;
  WhereLiteral literal;                                  // = != < <= > >=
  std::unique_ptr<hs_database_t, HsDatabaseFree> regex;  // ~
  std::vector<Cidr> cidrs;                               // in, not in
};

// Whether one value satisfies a condition (kNe and kNotIn test their positive form: kEq, kIn).
bool ValueMatches(const WhereCondition& condition, std::string_view value, hs_scratch_t* scratch);

struct WhereNode {
  enum class Kind : uint8_t { kCondition, kNot, kAnd, kOr };
  Kind kind = Kind::kCondition;
  uint32_t condition = 0;          // kCondition: index into WhereProgram::conditions
  std::vector<uint32_t> children;  // kNot: one; kAnd, kOr: two or more (indices into nodes)
};

struct WhereProgram {
  std::vector<FieldPath> fields;
  std::vector<WhereCondition> conditions;
  std::vector<WhereNode> nodes;
  uint32_t root = 0;
  std::unique_ptr<hs_scratch_t, HsScratchFree> scratch;  // sized for every regex; null if none
  mutable std::vector<std::string> values;  // Matches' buffer, reused (single-threaded use)
};

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_WHERE_PROGRAM_H_
