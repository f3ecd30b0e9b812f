// WhereExpr: log-grep's --where predicate language over parsed fields (of a text line or a JSON
// record), parsed and compiled once, then tested against every record.
//
// Grammar (EBNF; whitespace separates tokens and is otherwise ignored):
//
//   expression = and-expr { "or" and-expr } ;
//   and-expr   = unary { "and" unary } ;
//   unary      = "not" unary | "(" expression ")" | "exists" field | condition ;
//   condition  = field ( "=" | "==" | "!=" | "<" | "<=" | ">" | ">=" ) value
//              | field ( "~" | "=~" ) value                        (* regex *)
//              | field [ "not" ] "in" ( value | "[" value { "," value } "]" ) ;
//   field      = word ;   (* starts with a letter, "_", "@" or a non-ASCII byte; no "*" and
//                            no empty part between dots *)
//   value      = word | string ;
//   word       = wordchar { wordchar } ;   (* but not a keyword *)
//   wordchar   = letter | digit | "_" | "." | "-" | ":" | "/" | "@" | "*" | "+"
//              | any byte >= 0x80 ;
//   string     = '"' { any byte but '"' and "\" | '\"' | "\\" | "\" other-byte } '"' ;
//   keyword    = "and" | "or" | "not" | "in" | "exists" ;   (* in any case: AND, Not ... *)
//
// Precedence: not > and > or ("a or b and not c" is "a or (b and (not c))"). Nesting of "(" and
// "not" is limited to kMaxDepth levels. In a string, \" is a quote and \\ a backslash; any other
// backslash is kept as it is, so regexes read naturally: "(?i)\.php$" is the regex (?i)\.php$.
// Anything outside the word characters (a space, "'", "=", ...) must be in a string.
//
// Semantics. A field has zero or more values (a JSON array gives one per element; null, objects
// and empty arrays give none), each as text (numbers in JSON form, booleans "true"/"false").
//
//   f = v, f == v     some value of f equals v
//   f != v            not (f = v): no value of f equals v; TRUE when f is absent
//   f < v, <=, >, >=  some value of f orders before / after v (see the literal types below)
//   f ~ v, f =~ v     some value of f contains a match of the regex v (unanchored: use ^ and $)
//   f in C            some value of f is an IP address inside C, an address or CIDR
//   f in [C1, C2]     ... inside any of the listed addresses or CIDRs
//   f not in C        not (f in C); TRUE when f is absent
//   exists f          f has at least one value
//   not e, a and b, a or b   as usual; "and" and "or" stop at the first decisive operand
//
// Every comparison on an absent field is false, so "not f = v" and "f != v" hold for records
// without f; write "exists f and f != v" to require the field.
//
// What the literal v looks like decides how a value is compared with it (quoting changes nothing
// here, except that a quoted "*" is an ordinary character):
//   - a number, [+-]digits[.digits][(e|E)[+-]digits]: values that parse the same way compare
//     numerically (integers within int64_t exactly): 1.0 = 1, 1e3 = 1000, 10 > 9, 02134 = 2134;
//   - an RFC 3339 time with a UTC offset (time.h ParseRfc3339): values that parse as RFC 3339
//     compare as instants: 2026-11-24T11:00:00+01:00 = 2026-11-24T10:00:00.000Z;
//   - an IP address (ip.h): values that are addresses of the same family compare as addresses,
//     numerically: 10.0.0.9 < 10.0.0.10, 2001:db8::1 = 2001:DB8:0::1; an IPv4-mapped IPv6
//     address (::ffff:a.b.c.d) on either side counts as the IPv4 address a.b.c.d;
//   - an unquoted word with "*" after = or !=: a wildcard, "*" matching any run of bytes and the
//     rest exact: user.name = adm*, url.path = */wp-login.php;
//   - anything else: text; = is byte for byte (case matters), < <= > >= order bytewise (memcmp).
// A value not of the literal's type is neither equal nor ordered: with "bytes > 1000" a value "-"
// does not match (and "bytes != 1000" does). A date alone (2026-11-24) is text, which still
// orders timestamps of one format correctly.
//
// "in" takes addresses and CIDRs ("10.0.0.0/8", "2001:db8::/32", "1.2.3.4" as a /32; host bits
// set in "10.1.2.3/8" are cleared); anything else there is a parse error (use "or" or a regex for
// lists of words). A value is in when it is exactly an IP address (no port, brackets or zone) of
// the prefix's family and lies inside; again ::ffff:a.b.c.d counts as a.b.c.d.
//
// Regexes are Hyperscan's PCRE subset, compiled once at parse time, and may be bare words
// (f ~ admin) or strings. They work on bytes: "." is one byte and not a newline unless (?s);
// (?i) folds ASCII letters only; ^ and $ anchor at the value's start and end ($ also before a
// final newline, as in PCRE). Inline flags (?i) (?s) (?m) (?x) work anywhere in the regex.
// Back-references, lookaround, atomic groups and possessive quantifiers are not supported: such
// a regex is a parse error carrying Hyperscan's reason.
//
// Errors: Parse returns Status::Usage with a message of the form
//   --where: expected a value after '>=' at column 27: http.response.status_code >=
// Columns count characters (UTF-8 sequences) from 1; the expression is quoted after the colon
// (around the column, when it is long), with control bytes shown as \xHH. NUL bytes are refused.
#ifndef SECKIT_LOG_GREP_WHERE_EXPR_H_
#define SECKIT_LOG_GREP_WHERE_EXPR_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/records.h"
#include "seckit/status.h"

namespace seckit::log_grep {

struct WhereProgram;  // the compiled expression, private to the where_*.cc files

// What --where reads fields from: a parsed text line or a JSON record.
class FieldSource {
 public:
  virtual ~FieldSource() = default;
  // Appends the values of the field at `path` as text (numbers in JSON form); nothing if absent.
  virtual void Values(const FieldPath& path, std::vector<std::string>& out) const = 0;
};

class WhereExpr {
 public:
  // Deepest nesting of "(" and "not" that Parse accepts.
  static constexpr int kMaxDepth = 256;

  // Parses and compiles `text` (see the top of this file). An empty or malformed expression, an
  // "in" operand that is not an address or CIDR, or a regex Hyperscan cannot compile is
  // Status::Usage; a CPU Hyperscan cannot run on is Status::Internal.
  static Result<WhereExpr> Parse(std::string_view text);

  WhereExpr(WhereExpr&&) noexcept;
  WhereExpr& operator=(WhereExpr&&) noexcept;
  ~WhereExpr();

  // Whether the record whose fields `fields` gives satisfies the expression. Asks `fields` for a
  // field's values once per condition evaluated (conditions skipped by and/or are not asked).
  // Not thread-safe: one expression keeps one value buffer and one Hyperscan scratch, reused by
  // every call; give each thread its own WhereExpr (Parse the text again).
  bool Matches(const FieldSource& fields) const;

  // The field names the expression reads, each once, in order of first appearance (so the caller
  // knows which parsing is needed).
  const std::vector<FieldPath>& fields() const;

 private:
  explicit WhereExpr(std::unique_ptr<WhereProgram> program);

  std::unique_ptr<WhereProgram> program_;  // null only in a moved-from expression
};

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_WHERE_EXPR_H_
