// Tests for log-grep's --where language: every operator, typed literals, arrays and absent
// fields, quoting, precedence, CIDRs, regexes, each error message with its column, hostile input,
// and real JSON records checked against jq.
#include "where_expr.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "test_support.h"

namespace seckit::log_grep {
namespace {

// Fields from a map: a name gives its list of values (none when absent).
class MapFields : public FieldSource {
 public:
  MapFields() = default;
  MapFields(std::initializer_list<std::pair<const std::string, std::vector<std::string>>> init)
      : map_(init) {}
  void Values(const FieldPath& path, std::vector<std::string>& out) const override {
    ++calls_;
    asked_.push_back(path.dotted());
    auto it = map_.find(path.dotted());
    if (it != map_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
  mutable int calls_ = 0;
  mutable std::vector<std::string> asked_;

 private:
  std::map<std::string, std::vector<std::string>> map_;
};

// Parses `text` and tests it; a parse error fails the test (and returns false).
bool Eval(std::string_view text, const FieldSource& fields) {
  Result<WhereExpr> expr = WhereExpr::Parse(text);
  if (!expr.ok()) {
    ADD_FAILURE() << "cannot parse [" << text << "]: " << expr.status().message();
    return false;
  }
  return expr->Matches(fields);
}

// The message of the usage error `text` must give.
std::string ParseError(std::string_view text) {
  Result<WhereExpr> expr = WhereExpr::Parse(text);
  if (expr.ok()) {
    ADD_FAILURE() << "parsed, but should not have: [" << text << "]";
    return {};
  }
  EXPECT_EQ(expr.status().code(), ExitCode::kUsage) << expr.status().message();
  return expr.status().message();
}

TEST(WhereExpr, IssueExamples) {
  MapFields error_page{{"http.response.status_code", {"503"}}};
  MapFields ok_page{{"http.response.status_code", {"200"}}};
  EXPECT_TRUE(Eval("http.response.status_code >= 500", error_page));
  EXPECT_FALSE(Eval("http.response.status_code >= 500", ok_page));

  const char* internal = "source.ip in 10.0.0.0/8 and not user.name = root";
  EXPECT_TRUE(Eval(internal, MapFields{{"source.ip", {"10.1.2.3"}}, {"user.name", {"alice"}}}));
  EXPECT_FALSE(Eval(internal, MapFields{{"source.ip", {"10.1.2.3"}}, {"user.name", {"root"}}}));
  EXPECT_FALSE(Eval(internal, MapFields{{"source.ip", {"11.1.2.3"}}, {"user.name", {"bob"}}}));
  EXPECT_TRUE(Eval(internal, MapFields{{"source.ip", {"10.0.0.1"}}}));  // no user: not root

  const char* ssh = "event.action = ssh_login and event.outcome = \"failure\"";
  EXPECT_TRUE(
      Eval(ssh, MapFields{{"event.action", {"ssh_login"}}, {"event.outcome", {"failure"}}}));
  EXPECT_FALSE(
      Eval(ssh, MapFields{{"event.action", {"ssh_login"}}, {"event.outcome", {"success"}}}));

  const char* php =
      "url.original ~ \"(?i)\\.php$\" or (http.request.method = POST and "
      "http.response.body.bytes > 1000000)";
  EXPECT_TRUE(Eval(php, MapFields{{"url.original", {"/admin/Login.PHP"}}}));
  EXPECT_FALSE(Eval(php, MapFields{{"url.original", {"/admin/login.php.bak"}}}));
  EXPECT_TRUE(Eval(php, MapFields{{"url.original", {"/upload"}},
                                  {"http.request.method", {"POST"}},
                                  {"http.response.body.bytes", {"2000000"}}}));
  EXPECT_FALSE(Eval(php, MapFields{{"url.original", {"/upload"}},
                                   {"http.request.method", {"GET"}},
                                   {"http.response.body.bytes", {"2000000"}}}));
  EXPECT_FALSE(
      Eval(php, MapFields{{"http.request.method", {"POST"}}, {"http.response.body.bytes", {"-"}}}));

  const char* dns = "dns.question.name ~ \"^[a-z0-9]{30,}\\.\"";
  EXPECT_TRUE(
      Eval(dns, MapFields{{"dns.question.name", {"abcdefghij0123456789abcdefghij.evil.example"}}}));
  EXPECT_FALSE(
      Eval(dns, MapFields{{"dns.question.name", {"abcdefghij0123456789abcdefghi.evil.example"}}}));
  EXPECT_FALSE(
      Eval(dns, MapFields{{"dns.question.name", {"www.abcdefghij0123456789abcdefghij.example"}}}));
}

TEST(WhereExpr, EveryComparisonOperatorOnNumbers) {
  MapFields f{{"n", {"500"}}};
  EXPECT_TRUE(Eval("n = 500", f));
  EXPECT_TRUE(Eval("n == 500", f));
  EXPECT_FALSE(Eval("n = 501", f));
  EXPECT_TRUE(Eval("n != 501", f));
  EXPECT_FALSE(Eval("n != 500", f));
  EXPECT_TRUE(Eval("n < 501", f));
  EXPECT_FALSE(Eval("n < 500", f));
  EXPECT_TRUE(Eval("n <= 500", f));
  EXPECT_FALSE(Eval("n <= 499", f));
  EXPECT_TRUE(Eval("n > 499", f));
  EXPECT_FALSE(Eval("n > 500", f));
  EXPECT_TRUE(Eval("n >= 500", f));
  EXPECT_FALSE(Eval("n >= 501", f));
  EXPECT_TRUE(Eval("n ~ 50", f));
  EXPECT_TRUE(Eval("n=500 and n<=500 and n>=500 and n!=1", f));  // no spaces needed
}

TEST(WhereExpr, NumbersCompareNumericallyWhenBothSidesAreNumbers) {
  EXPECT_TRUE(Eval("n > 9", MapFields{{"n", {"10"}}}));      // not "10" < "9"
  EXPECT_TRUE(Eval("n > \"9\"", MapFields{{"n", {"10"}}}));  // quoting keeps the type
  EXPECT_TRUE(Eval("n = 1", MapFields{{"n", {"1.0"}}}));
  EXPECT_TRUE(Eval("n = 1000", MapFields{{"n", {"1e3"}}}));  // JSON form of doubles
  EXPECT_TRUE(Eval("n = 2134", MapFields{{"n", {"02134"}}}));
  EXPECT_TRUE(Eval("n < -1.5", MapFields{{"n", {"-2"}}}));
  EXPECT_TRUE(Eval("n = +7", MapFields{{"n", {"7"}}}));
  EXPECT_TRUE(Eval("n = 0", MapFields{{"n", {"-0"}}}));
  EXPECT_TRUE(Eval("n > 1.25e-3", MapFields{{"n", {"0.0013"}}}));
  // Integers keep every digit (a double would make these equal).
  EXPECT_FALSE(Eval("n = 9007199254740993", MapFields{{"n", {"9007199254740992"}}}));
  EXPECT_TRUE(Eval("n > 9007199254740992", MapFields{{"n", {"9007199254740993"}}}));
  // Beyond int64_t: compared as doubles.
  EXPECT_TRUE(Eval("n > 1", MapFields{{"n", {"123456789012345678901234567890"}}}));
  // A number literal never equals or orders a value that is not a number.
  MapFields dash{{"bytes", {"-"}}};
  EXPECT_FALSE(Eval("bytes > 1000", dash));
  EXPECT_FALSE(Eval("bytes < 1000", dash));
  EXPECT_FALSE(Eval("bytes = 1000", dash));
  EXPECT_TRUE(Eval("bytes != 1000", dash));
  EXPECT_FALSE(Eval("n > 5", MapFields{{"n", {"abc"}}}));
  EXPECT_FALSE(Eval("n > 5", MapFields{{"n", {"0x10"}}}));
  EXPECT_FALSE(Eval("n > 5", MapFields{{"n", {"10 "}}}));
  EXPECT_FALSE(Eval("n > 5", MapFields{{"n", {"1e999"}}}));
  EXPECT_FALSE(Eval("n = 5", MapFields{{"n", {"5."}}}));
}

TEST(WhereExpr, TextComparesExactlyAndOrdersBytewise) {
  MapFields f{{"user.name", {"carol"}}};
  EXPECT_TRUE(Eval("user.name = carol", f));
  EXPECT_FALSE(Eval("user.name = Carol", f));  // case matters
  EXPECT_FALSE(Eval("user.name = caro", f));   // whole value
  EXPECT_TRUE(Eval("user.name > bob", f));
  EXPECT_TRUE(Eval("user.name < dave", f));
  EXPECT_TRUE(Eval("user.name >= carol and user.name <= carol", f));
  EXPECT_TRUE(Eval("user.name > Zed", f));                     // 'c' 0x63 > 'Z' 0x5a
  EXPECT_TRUE(Eval("n < abc", MapFields{{"n", {"10"}}}));      // text literal: "10" < "abc"
  EXPECT_TRUE(Eval("n > a", MapFields{{"n", {"\xc3\xa9"}}}));  // bytes, unsigned
  EXPECT_TRUE(Eval("b = true", MapFields{{"b", {"true"}}}));
  EXPECT_TRUE(Eval("user.name = \"\"", MapFields{{"user.name", {""}}}));
  EXPECT_FALSE(Eval("user.name = \"\"", f));
}

TEST(WhereExpr, TimestampsCompareAsInstants) {
  MapFields f{{"@timestamp", {"2026-11-24T10:00:00.000Z"}}};
  EXPECT_TRUE(Eval("@timestamp >= 2026-11-24T10:00:00Z", f));
  EXPECT_TRUE(Eval("@timestamp = 2026-11-24T10:00:00Z", f));
  EXPECT_TRUE(Eval("@timestamp = 2026-11-24T11:00:00+01:00", f));
  EXPECT_TRUE(Eval("@timestamp < 2026-11-24T10:30:00+00:00", f));
  EXPECT_FALSE(Eval("@timestamp > 2026-11-24T10:30:00+00:00", f));
  // As text, "...T10:00:00.000Z" > "...T10:00:00.5Z" would be false.
  EXPECT_TRUE(Eval("@timestamp < 2026-11-24T10:00:00.5Z",
                   MapFields{{"@timestamp", {"2026-11-24T10:00:00.123Z"}}}));
  EXPECT_TRUE(Eval("t > 2026-11-24T09:00:00Z", MapFields{{"t", {"2026-11-24 10:00:00+00:00"}}}));
  // A value that is not a time is neither equal nor ordered.
  EXPECT_FALSE(Eval("t < 2026-11-24T10:00:00Z", MapFields{{"t", {"Nov 24 09:00:00"}}}));
  EXPECT_FALSE(Eval("t > 2026-11-24T10:00:00Z", MapFields{{"t", {"Nov 24 09:00:00"}}}));
  // A date alone is text: still right for same-format values.
  EXPECT_TRUE(Eval("@timestamp >= 2026-11-24", f));
  EXPECT_FALSE(Eval("@timestamp >= 2026-11-25", f));
}

TEST(WhereExpr, IpLiteralsCompareAsAddresses) {
  EXPECT_TRUE(Eval("source.ip = 2001:db8::1", MapFields{{"source.ip", {"2001:DB8:0:0::1"}}}));
  EXPECT_TRUE(Eval("source.ip < 10.0.0.10", MapFields{{"source.ip", {"10.0.0.9"}}}));
  EXPECT_TRUE(Eval("source.ip = 10.0.0.1", MapFields{{"source.ip", {"::ffff:10.0.0.1"}}}));
  EXPECT_TRUE(Eval("source.ip = ::ffff:10.0.0.1", MapFields{{"source.ip", {"10.0.0.1"}}}));
  EXPECT_FALSE(Eval("source.ip < 10.0.0.1", MapFields{{"source.ip", {"::1"}}}));
  EXPECT_FALSE(Eval("source.ip > 10.0.0.1", MapFields{{"source.ip", {"::1"}}}));
  EXPECT_FALSE(Eval("source.ip = 10.0.0.1", MapFields{{"source.ip", {"010.0.0.1"}}}));
}

TEST(WhereExpr, UnquotedStarIsAWildcardForEquality) {
  MapFields f{{"user.name", {"administrator"}}};
  EXPECT_TRUE(Eval("user.name = adm*", f));
  EXPECT_TRUE(Eval("user.name = *strator", f));
  EXPECT_TRUE(Eval("user.name = a*i*r", f));
  EXPECT_TRUE(Eval("user.name = *", f));
  EXPECT_TRUE(Eval("user.name = administrator*", f));
  EXPECT_FALSE(Eval("user.name = *admin", f));
  EXPECT_FALSE(Eval("user.name = Adm*", f));
  EXPECT_TRUE(Eval("user.name != root*", f));
  EXPECT_FALSE(Eval("user.name != adm*", f));
  EXPECT_FALSE(Eval("user.name = *", MapFields{}));
  // Quoted, "*" is a plain character; ordering never uses wildcards.
  EXPECT_FALSE(Eval("user.name = \"adm*\"", f));
  EXPECT_TRUE(Eval("user.name = \"adm*\"", MapFields{{"user.name", {"adm*"}}}));
  EXPECT_TRUE(Eval("user.name > adm*", f));  // "administrator" > "adm*" bytewise
  EXPECT_TRUE(Eval("p = *a*a*a*b", MapFields{{"p", {std::string(5000, 'a') + "b"}}}));
  EXPECT_FALSE(Eval("p = *a*a*a*b", MapFields{{"p", {std::string(5000, 'a')}}}));
}

TEST(WhereExpr, ArraysMatchWhenAnyValueDoes) {
  MapFields f{{"related.ip", {"192.168.1.5", "8.8.8.8", "2001:db8::7"}},
              {"tags", {"alpha", "beta"}}};
  EXPECT_TRUE(Eval("related.ip = 8.8.8.8", f));
  EXPECT_TRUE(Eval("related.ip in 2001:db8::/32", f));
  EXPECT_TRUE(Eval("related.ip in 192.168.0.0/16 and related.ip in 8.0.0.0/8", f));
  EXPECT_FALSE(Eval("related.ip in 172.16.0.0/12", f));
  EXPECT_TRUE(Eval("related.ip not in 172.16.0.0/12", f));
  EXPECT_FALSE(Eval("related.ip not in 8.0.0.0/8", f));  // one value is inside
  EXPECT_TRUE(Eval("tags ~ \"^b\"", f));
  EXPECT_TRUE(Eval("tags = alpha and tags = beta", f));
  EXPECT_FALSE(Eval("tags != alpha", f));  // != means no value equals
  EXPECT_TRUE(Eval("tags != gamma", f));
  EXPECT_TRUE(Eval("tags < b", f));  // "alpha"
  EXPECT_TRUE(Eval("tags > b", f));  // "beta"
}

TEST(WhereExpr, AbsentFieldsFailEveryComparisonButTheNegatedOnes) {
  MapFields none{{"other", {"x"}}};
  for (const char* text : {"f = x", "f = *", "f < x", "f <= x", "f > x", "f >= x", "f ~ \"\"",
                           "f in 0.0.0.0/0", "f in ::/0", "exists f"}) {
    EXPECT_FALSE(Eval(text, none)) << text;
  }
  for (const char* text :
       {"f != x", "not f = x", "f not in 0.0.0.0/0", "not exists f", "not f ~ x", "not f > 1"}) {
    EXPECT_TRUE(Eval(text, none)) << text;
  }
  EXPECT_TRUE(Eval("exists other", none));
  EXPECT_TRUE(Eval("exists f", MapFields{{"f", {""}}}));  // an empty string is a value
  EXPECT_FALSE(Eval("exists f and f != x", none));
}

TEST(WhereExpr, QuotingAndEscapes) {
  EXPECT_TRUE(Eval(R"(m = "say \"hi\"")", MapFields{{"m", {"say \"hi\""}}}));
  EXPECT_TRUE(Eval(R"(m = "back\\slash")", MapFields{{"m", {"back\\slash"}}}));
  EXPECT_TRUE(Eval(R"(m = "C:\Windows\n")", MapFields{{"m", {"C:\\Windows\\n"}}}));
  EXPECT_TRUE(Eval(R"~(m = "a and b or (c)")~", MapFields{{"m", {"a and b or (c)"}}}));
  EXPECT_TRUE(Eval(R"(m = "not")", MapFields{{"m", {"not"}}}));
  EXPECT_TRUE(Eval(R"(m = "it's = 'x'")", MapFields{{"m", {"it's = 'x'"}}}));
  EXPECT_TRUE(Eval("m = \"line\nbreak\"", MapFields{{"m", {"line\nbreak"}}}));
  EXPECT_TRUE(Eval(R"(m ~ "\d+\\d")", MapFields{{"m", {"42\\d"}}}));  // \d kept, \\ is one
  // Bare words: the word characters, including non-ASCII bytes and a '+' offset.
  EXPECT_TRUE(Eval("user.name = José", MapFields{{"user.name", {"José"}}}));
  EXPECT_TRUE(Eval("u = a_b.c-d:e/f@g+h", MapFields{{"u", {"a_b.c-d:e/f@g+h"}}}));
  EXPECT_TRUE(Eval("_id = 1 and @t = x", MapFields{{"_id", {"1"}}, {"@t", {"x"}}}));
  EXPECT_TRUE(Eval("v = \xff\xfe", MapFields{{"v", {"\xff\xfe"}}}));  // not UTF-8: still bytes
  EXPECT_TRUE(Eval(" \t\r\n a = 1 \n", MapFields{{"a", {"1"}}}));
}

TEST(WhereExpr, KeywordsIgnoreCase) {
  MapFields f{{"a", {"1"}}, {"b", {"2"}}};
  EXPECT_TRUE(Eval("a = 1 AND b = 2", f));
  EXPECT_TRUE(Eval("a = 9 Or b = 2", f));
  EXPECT_TRUE(Eval("NOT a = 9", f));
  EXPECT_TRUE(Eval("EXISTS a", f));
  EXPECT_FALSE(Eval("a IN 10.0.0.0/8", f));
  EXPECT_FALSE(Eval("a NOT IN 10.0.0.0/8", MapFields{{"a", {"10.0.0.1"}}}));
}

TEST(WhereExpr, PrecedenceIsNotThenAndThenOr) {
  MapFields f{{"a", {"1"}}, {"b", {"0"}}, {"c", {"0"}}};
  EXPECT_TRUE(Eval("a = 1 or b = 1 and c = 1", f));  // a or (b and c)
  EXPECT_FALSE(Eval("(a = 1 or b = 1) and c = 1", f));
  EXPECT_TRUE(Eval("b = 1 and c = 1 or a = 1", f));  // (b and c) or a
  EXPECT_FALSE(Eval("b = 1 and (c = 1 or a = 1)", f));
  EXPECT_FALSE(Eval("not a = 1 and b = 0", f));  // (not a) and b
  EXPECT_TRUE(Eval("not (a = 1 and b = 1)", f));
  EXPECT_TRUE(Eval("not not a = 1", f));
  EXPECT_FALSE(Eval("not not not a = 1", f));
  EXPECT_TRUE(Eval("((((a = 1))))", f));
  EXPECT_TRUE(Eval("not b = 1 and not c = 1 and a = 1", f));
  EXPECT_TRUE(Eval("b = 1 or c = 1 or b = 0 and a = 1", f));
  EXPECT_FALSE(Eval("(b = 1 or c = 1 or b = 0) and a = 0", f));
}

TEST(WhereExpr, AndOrStopAtTheFirstDecisiveOperand) {
  MapFields f{{"a", {"1"}}, {"b", {"2"}}};
  Result<WhereExpr> expr = WhereExpr::Parse("a = 1 or b = 2");
  ASSERT_TRUE(expr.ok());
  EXPECT_TRUE(expr->Matches(f));
  EXPECT_EQ(f.asked_, std::vector<std::string>{"a"});
  f.asked_.clear();
  expr = WhereExpr::Parse("a = 9 and b = 2");
  ASSERT_TRUE(expr.ok());
  EXPECT_FALSE(expr->Matches(f));
  EXPECT_EQ(f.asked_, std::vector<std::string>{"a"});
}

TEST(WhereExpr, InMatchesAddressesInsideCidrs) {
  auto ip = [](const char* value) { return MapFields{{"ip", {value}}}; };
  EXPECT_TRUE(Eval("ip in 10.0.0.0/8", ip("10.255.255.255")));
  EXPECT_FALSE(Eval("ip in 10.0.0.0/8", ip("11.0.0.0")));
  EXPECT_TRUE(Eval("ip in 10.1.2.3/8", ip("10.9.9.9")));  // host bits cleared
  EXPECT_TRUE(Eval("ip in 192.0.2.7", ip("192.0.2.7")));  // an address is a /32
  EXPECT_FALSE(Eval("ip in 192.0.2.7", ip("192.0.2.8")));
  EXPECT_TRUE(Eval("ip in \"10.0.0.0/8\"", ip("10.0.0.1")));
  EXPECT_TRUE(Eval("ip in 2001:db8::/32", ip("2001:db8:ffff::1")));
  EXPECT_FALSE(Eval("ip in 2001:db8::/32", ip("2001:db9::1")));
  EXPECT_TRUE(Eval("ip in ::1", ip("0:0:0:0:0:0:0:1")));
  // Families must agree; an IPv4-mapped IPv6 value counts as its IPv4 address.
  EXPECT_FALSE(Eval("ip in 0.0.0.0/0", ip("2001:db8::1")));
  EXPECT_FALSE(Eval("ip in ::/0", ip("10.0.0.1")));
  EXPECT_TRUE(Eval("ip in 10.0.0.0/8", ip("::ffff:10.0.0.1")));
  EXPECT_TRUE(Eval("ip in ::ffff:0:0/96", ip("::ffff:10.0.0.1")));
  // Values that are not exactly an address never match.
  for (const char* value :
       {"host.example", "10.0.0.1:22", "[::1]", "fe80::1%eth0", " 10.0.0.1", ""}) {
    EXPECT_FALSE(Eval("ip in [0.0.0.0/0, ::/0]", ip(value))) << value;
    EXPECT_TRUE(Eval("ip not in [0.0.0.0/0, ::/0]", ip(value))) << value;
  }
  const char* list = "ip in [10.0.0.0/8, 172.16.0.0/12,192.168.0.0/16 , fc00::/7]";
  EXPECT_TRUE(Eval(list, ip("172.31.0.1")));
  EXPECT_TRUE(Eval(list, ip("fd00::1")));
  EXPECT_FALSE(Eval(list, ip("172.32.0.1")));
  EXPECT_TRUE(Eval("ip in [1.2.3.4]", ip("1.2.3.4")));
}

TEST(WhereExpr, RegexesMatchAnywhereUnlessAnchored) {
  MapFields f{{"m", {"Failed password for root"}}};
  EXPECT_TRUE(Eval("m ~ password", f));
  EXPECT_TRUE(Eval("m =~ \"password for r\"", f));
  EXPECT_FALSE(Eval("m ~ \"^password\"", f));
  EXPECT_TRUE(Eval("m ~ \"^Failed .* root$\"", f));
  EXPECT_FALSE(Eval("m ~ FAILED", f));
  EXPECT_TRUE(Eval("m ~ \"(?i)FAILED\"", f));
  EXPECT_TRUE(Eval("m ~ \"Failed (?i)PASSWORD\"", f));  // inline flags anywhere
  EXPECT_TRUE(Eval("m ~ \"\"", f));                     // the empty regex matches everything
  EXPECT_TRUE(Eval("m ~ \"^$\"", MapFields{{"m", {""}}}));
  EXPECT_TRUE(Eval("n ~ \"^5[0-9]{2}$\"", MapFields{{"n", {"503"}}}));
  // "." is one byte and no newline; (?s) lets it take newlines; ^ and $ are the value's ends.
  MapFields lines{{"m", {"a\nb"}}};
  EXPECT_FALSE(Eval("m ~ a.b", lines));
  EXPECT_TRUE(Eval("m ~ \"(?s)a.b\"", lines));
  EXPECT_FALSE(Eval("m ~ \"^b\"", lines));
  EXPECT_TRUE(Eval("m ~ \"(?m)^b\"", lines));
  EXPECT_TRUE(Eval("m ~ \"^caf..$\"", MapFields{{"m", {"caf\xc3\xa9"}}}));
  // (?i) folds ASCII only.
  EXPECT_FALSE(Eval("m ~ \"(?i)\xc3\xa9\"", MapFields{{"m", {"\xc3\x89"}}}));
  // Invalid UTF-8 and NUL bytes in values are scanned as bytes.
  EXPECT_TRUE(Eval("m ~ \"b\\x00c\"", MapFields{{"m",
                                                 {std::string("a\xff\xfe"
                                                              "b\0c",
                                                              6)}}}));
}

TEST(WhereExpr, UnsupportedRegexIsAParseErrorWithHyperscansReason) {
  EXPECT_EQ(ParseError(R"(f ~ "(a)\1")"),
            R"(--where: cannot compile the regex "(a)\1" (Hyperscan: Back-references are )"
            R"(unsupported) at column 5: f ~ "(a)\1")");
  EXPECT_EQ(ParseError(R"~(f ~ "foo(?=bar)")~"),
            R"~(--where: cannot compile the regex "foo(?=bar)" (Hyperscan: Zero-width )~"
            R"~(assertions are not supported) at column 5: f ~ "foo(?=bar)")~");
  EXPECT_EQ(ParseError("a = 1 or f ~ \"[a-\""),
            "--where: cannot compile the regex \"[a-\" (Hyperscan: Unterminated character class "
            "starting at index 0) at column 14: a = 1 or f ~ \"[a-\"");
  EXPECT_EQ(ParseError("f ~ a++"),
            "--where: cannot compile the regex 'a++' (Hyperscan: Possessive quantifiers are not "
            "supported) at column 5: f ~ a++");
}

TEST(WhereExpr, ErrorMessagesPointAtTheColumn) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "the expression is empty"},
      {" \t\n", "the expression is empty"},
      {"http.response.status_code >=",
       "expected a value after '>=' at column 27: http.response.status_code >="},
      {"a >= )", "expected a value, found ')' at column 6: a >= )"},
      {"a = and", "expected a value, found 'and' at column 5: a = and"},
      {"user.name",
       "expected an operator (= != < <= > >= ~ in) after 'user.name' at column 1: user.name"},
      {"user.name root",
       "expected an operator (= != < <= > >= ~ in), found 'root' at column 11: user.name root"},
      {"a = 1 and", "expected a condition after 'and' at column 7: a = 1 and"},
      {"a = 1 or or", "expected a condition, found 'or' at column 10: a = 1 or or"},
      {"not", "expected a condition after 'not' at column 1: not"},
      {")", "expected a condition, found ')' at column 1: )"},
      {"a = 1 b = 2", "expected 'and', 'or' or the end, found 'b' at column 7: a = 1 b = 2"},
      {"a = 1)", "unmatched ')' at column 6: a = 1)"},
      {"x = 2 and (a = 1", "missing ')' to close the '(' at column 11: x = 2 and (a = 1"},
      {"(a = 1 b", "expected 'and', 'or' or ')', found 'b' at column 8: (a = 1 b"},
      {"()", "expected a condition, found ')' at column 2: ()"},
      {"500 <= status",
       "'500' is not a field name (a field name starts with a letter, '_' or '@') at column 1: "
       "500 <= status"},
      {"user.* = x",
       "'user.*' is not a field name (field names take no wildcards) at column 1: user.* = x"},
      {"a..b = 1",
       "'a..b' is not a field name (it has an empty part between dots) at column 1: a..b = 1"},
      {"a. = 1",
       "'a.' is not a field name (it has an empty part between dots) at column 1: a. = 1"},
      {"\"a\" = 1", "expected a condition, found \"a\" at column 1: \"a\" = 1"},
      {"a & b", "unexpected character '&' (write 'and') at column 3: a & b"},
      {"a = 1 || b = 2", "unexpected character '|' (write 'or') at column 7: a = 1 || b = 2"},
      {"!a = 1", "unexpected character '!' (write 'not' or '!=') at column 1: !a = 1"},
      {"a = 'x'", "unexpected character \"'\" (strings take double quotes) at column 5: a = 'x'"},
      {"a = $x", "unexpected character '$' at column 5: a = $x"},
      {"a = 1 \x01", "unexpected character '\\x01' at column 7: a = 1 \\x01"},
      {"a = \"abc", "unterminated string at column 5: a = \"abc"},
      {"a = \"abc\\\"", "unterminated string at column 5: a = \"abc\\\""},
      {"a in foo", "'foo' is not an IP address or CIDR at column 6: a in foo"},
      {"a in 10.0.0.0/33",
       "'10.0.0.0/33' is not an IP address or CIDR at column 6: "
       "a in 10.0.0.0/33"},
      {"a in \"10.0.0\"", "\"10.0.0\" is not an IP address or CIDR at column 6: a in \"10.0.0\""},
      {"a in [10.0.0.0/8, foo]",
       "'foo' is not an IP address or CIDR at column 19: a in [10.0.0.0/8, foo]"},
      {"a in [10.0.0.0/8 192.168.0.0/16]",
       "expected ',' or ']', found '192.168.0.0/16' at column 18: a in [10.0.0.0/8 "
       "192.168.0.0/16]"},
      {"a in []", "expected an IP address or CIDR, found ']' at column 7: a in []"},
      {"a in [10.0.0.0/8,",
       "expected an IP address or CIDR after ',' at column 17: a in [10.0.0.0/8,"},
      {"a in [10.0.0.0/8", "expected ',' or ']' after '10.0.0.0/8' at column 7: a in [10.0.0.0/8"},
      {"a in", "expected an IP address or CIDR after 'in' at column 3: a in"},
      {"a not b", "expected 'in', found 'b' at column 7: a not b"},
      {"a not", "expected 'in' after 'not' at column 3: a not"},
      {"exists", "expected a field name after 'exists' at column 1: exists"},
      {"exists (a)", "expected a field name, found '(' at column 8: exists (a)"},
      {"a = 1 and exists 9",
       "'9' is not a field name (a field name starts with a letter, '_' or "
       "'@') at column 18: a = 1 and exists 9"},
      {"a ~", "expected a value after '~' at column 3: a ~"},
      // Columns count characters: "José" is 4 of them.
      {"user.name = \"José\" )", "unmatched ')' at column 20: user.name = \"José\" )"},
  };
  for (const auto& [text, message] : cases) {
    EXPECT_EQ(ParseError(text), "--where: " + message) << "[" << text << "]";
  }
}

TEST(WhereExpr, RejectsNulBytes) {
  EXPECT_EQ(ParseError(std::string("a = 1\0", 6)), "--where: NUL byte at column 6: a = 1\\x00");
  EXPECT_EQ(ParseError(std::string("a = \"x\0y\"", 9)),
            "--where: NUL byte at column 7: a = \"x\\x00y\"");
  EXPECT_EQ(ParseError(std::string("\0", 1)), "--where: NUL byte at column 1: \\x00");
}

TEST(WhereExpr, LongTokensAndExpressionsAreShortenedInMessages) {
  std::string value(200, 'v');
  std::string message = ParseError("a = 1 b" + value);
  EXPECT_TRUE(message.starts_with("--where: expected 'and', 'or' or the end, found 'b" +
                                  std::string(39, 'v') + "...' at column 7: a = 1 bvvv"))
      << message;
  EXPECT_TRUE(message.ends_with("vvv...")) << message;
  EXPECT_LT(message.size(), 200u);

  std::string text;
  for (int i = 0; i < 50; ++i) text += "a = 1 or ";
  text += "b ==";
  message = ParseError(text);
  EXPECT_TRUE(
      message.starts_with("--where: expected a value after '==' at column 453: ...or a = 1 or"))
      << message;
  EXPECT_TRUE(message.ends_with("a = 1 or b ==")) << message;
  EXPECT_LT(message.size(), 120u);
}

TEST(WhereExpr, DeepNestingIsAnErrorNotACrash) {
  const int kDeep = 100000;
  std::string parens = std::string(kDeep, '(') + "a = 1" + std::string(kDeep, ')');
  std::string message = ParseError(parens);
  EXPECT_TRUE(message.starts_with("--where: nesting deeper than 256 levels at column 257: ...((("))
      << message;
  EXPECT_LT(message.size(), 200u);

  std::string nots;
  for (int i = 0; i < kDeep; ++i) nots += "not ";
  message = ParseError(nots + "a = 1");
  EXPECT_TRUE(message.starts_with("--where: nesting deeper than 256 levels at column 1025: ..."))
      << message;

  message = ParseError(std::string(kDeep, '('));
  EXPECT_TRUE(message.starts_with("--where: nesting deeper than 256 levels at column 257: "))
      << message;

  // The limit itself is fine, and "not" and "(" both count.
  int limit = WhereExpr::kMaxDepth;
  MapFields f{{"a", {"1"}}};
  EXPECT_TRUE(Eval(std::string(limit, '(') + "a = 1" + std::string(limit, ')'), f));
  std::string mixed;
  for (int i = 0; i < limit / 2; ++i) mixed += "not (";
  std::string closes(limit / 2, ')');
  EXPECT_TRUE(Eval(mixed + "a = 1" + closes, f));
  message = ParseError("not " + mixed + "a = 1" + closes);
  EXPECT_TRUE(message.starts_with("--where: nesting deeper than 256 levels at column 644: "))
      << message;
}

TEST(WhereExpr, MegabyteExpressionsParseAndEvaluate) {
  // A long "or" chain is one node: neither parsing nor evaluation recurses per operand.
  std::string chain;
  int n = 0;
  while (chain.size() < (1u << 20)) {
    chain += "f = v" + std::to_string(n++) + " or ";
  }
  chain += "g = last";
  Result<WhereExpr> expr = WhereExpr::Parse(chain);
  ASSERT_TRUE(expr.ok()) << expr.status().message();
  EXPECT_EQ(expr->fields().size(), 2u);
  EXPECT_TRUE(expr->Matches(MapFields{{"g", {"last"}}}));
  EXPECT_TRUE(expr->Matches(MapFields{{"f", {"v" + std::to_string(n - 1)}}}));
  EXPECT_FALSE(expr->Matches(MapFields{{"f", {"v" + std::to_string(n)}}}));

  std::string big(1 << 20, 'x');
  EXPECT_TRUE(Eval("m = \"" + big + "\"", MapFields{{"m", {big}}}));
  EXPECT_FALSE(Eval("m = \"" + big + "\"", MapFields{{"m", {big + "y"}}}));
  // A megabyte of distinct field names.
  std::string many;
  for (int i = 0; many.size() < (1u << 20); ++i) many += "f" + std::to_string(i) + " = 1 and ";
  many += "z = 1";
  expr = WhereExpr::Parse(many);
  ASSERT_TRUE(expr.ok()) << expr.status().message();
  EXPECT_GT(expr->fields().size(), 50000u);
  EXPECT_FALSE(expr->Matches(MapFields{{"z", {"1"}}}));
}

TEST(WhereExpr, FieldsListsEachFieldOnceInOrder) {
  Result<WhereExpr> expr =
      WhereExpr::Parse("b = 1 or a ~ x and exists c or b > 2 or not (a in 10.0.0.0/8)");
  ASSERT_TRUE(expr.ok());
  std::vector<std::string> names;
  for (const FieldPath& path : expr->fields()) names.push_back(path.dotted());
  EXPECT_EQ(names, (std::vector<std::string>{"b", "a", "c"}));
  EXPECT_EQ(expr->fields()[0].parts(), std::vector<std::string>{"b"});
}

TEST(WhereExpr, MovedExpressionsKeepWorking) {
  Result<WhereExpr> parsed = WhereExpr::Parse("m ~ \"(?i)^x\" and n > 1");
  ASSERT_TRUE(parsed.ok());
  WhereExpr expr = std::move(parsed).value();
  WhereExpr other = std::move(expr);
  MapFields f{{"m", {"XY"}}, {"n", {"2"}}};
  EXPECT_TRUE(other.Matches(f));
  Result<WhereExpr> again = WhereExpr::Parse("n = 5");
  ASSERT_TRUE(again.ok());
  other = std::move(again).value();
  EXPECT_FALSE(other.Matches(f));
  // Many regexes share one scratch; each is found.
  Result<WhereExpr> several = WhereExpr::Parse("a ~ \"x{3}\" and b ~ \"^(y|z)+$\" and c ~ w");
  ASSERT_TRUE(several.ok());
  EXPECT_TRUE(several->Matches(MapFields{{"a", {"xxx"}}, {"b", {"yzzy"}}, {"c", {"w"}}}));
  EXPECT_FALSE(several->Matches(MapFields{{"a", {"xxx"}}, {"b", {"yzzyq"}}, {"c", {"w"}}}));
}

// A JSON record's fields, through CollectTexts as the JSON-lines side reads them.
class JsonFields : public FieldSource {
 public:
  explicit JsonFields(simdjson::dom::element root) : root_(root) {}
  void Values(const FieldPath& path, std::vector<std::string>& out) const override {
    CollectTexts(root_, path, out);
  }

 private:
  simdjson::dom::element root_;
};

// The (0-based) lines of `file` the jq condition selects, as jq prints them: "[0,3]".
std::string JqSelect(const std::filesystem::path& file, const std::string& condition) {
  testing::CommandResult jq = testing::Run(
      {"jq", "-c", "-n", "[inputs] | to_entries | map(select(.value | " + condition + ") | .key)",
       file.string()});
  EXPECT_EQ(jq.exit_code, 0) << jq.err;
  while (!jq.out.empty() && jq.out.back() == '\n') jq.out.pop_back();
  return jq.out;
}

TEST(WhereExpr, AgreesWithJqOnRealGcpAuditLogs) {
  SECKIT_REQUIRE_CORPUS(file, "logs/plaso_gcp_logging.jsonl");
  if (!testing::HaveProgram("jq")) GTEST_SKIP() << "jq not found in PATH";
  std::vector<std::string> lines = testing::SplitLines(testing::ReadFile(file));
  ASSERT_GE(lines.size(), 10u);
  simdjson::dom::parser parser;
  std::vector<simdjson::dom::document> documents(lines.size());
  std::vector<simdjson::dom::element> roots;
  for (size_t i = 0; i < lines.size(); ++i) {
    simdjson::dom::element root;
    ASSERT_EQ(parser.parse_into_document(documents[i], lines[i]).get(root), simdjson::SUCCESS);
    roots.push_back(root);
  }
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"severity = ERROR", R"(.severity == "ERROR")"},
      {"protoPayload.requestMetadata.callerIp in 34.0.0.0/8",
       R"((.protoPayload.requestMetadata.callerIp // "") | startswith("34."))"},
      {R"(protoPayload.authorizationInfo.permission ~ "^compute\.subnetworks\.")",
       R"([.protoPayload.authorizationInfo[]?.permission | test("^compute\\.subnetworks\\.")])"
       R"( | any)"},
      {R"(timestamp >= 2024-01-01T00:00:00Z and not protoPayload.methodName ~ "(?i)serviceaccount")",
       R"((.timestamp >= "2024") and ((.protoPayload.methodName // "") | test("serviceaccount"; "i"))"
       R"( | not))"},
      {"not exists severity or protoPayload.status.code >= 7",
       R"(.severity == null or ((.protoPayload.status.code // -1) >= 7))"},
      {"protoPayload.authorizationInfo.granted = true and operation.last != true",
       R"(([.protoPayload.authorizationInfo[]?.granted] | any(. == true)) and)"
       R"( .operation.last != true)"},
      {"timestamp < 2021-10-19T04:30:00+02:00",  // 02:30Z: instants, not text
       R"(.timestamp < "2021-10-19T02:30:00Z")"},
  };
  size_t cases_matching_some_but_not_all = 0;
  for (const auto& [where, jq] : cases) {
    Result<WhereExpr> expr = WhereExpr::Parse(where);
    ASSERT_TRUE(expr.ok()) << expr.status().message();
    std::string ours = "[";
    size_t matched = 0;
    for (size_t i = 0; i < roots.size(); ++i) {
      if (!expr->Matches(JsonFields(roots[i]))) continue;
      if (matched++ > 0) ours += ",";
      ours += std::to_string(i);
    }
    ours += "]";
    EXPECT_EQ(ours, JqSelect(file, jq)) << where;
    if (matched > 0 && matched < roots.size()) ++cases_matching_some_but_not_all;
  }
  EXPECT_EQ(cases_matching_some_but_not_all, cases.size());
}

}  // namespace
}  // namespace seckit::log_grep
