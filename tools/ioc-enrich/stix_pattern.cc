// A recursive-descent reader of STIX patterns that keeps only OR-joined equalities.
#include "stix_pattern.h"

#include <cctype>

namespace seckit::ioc_enrich::feeds {
namespace {

struct Token {
  enum class Kind {
    kEnd,
    kOpenBracket,
    kCloseBracket,
    kOpenParen,
    kCloseParen,
    kOperator,
    kString,
    kWord,
    kError
  };
  Kind kind = Kind::kEnd;
  std::string text;
};

bool EqualsUpper(std::string_view word, std::string_view upper) {
  if (word.size() != upper.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(word[i])) != upper[i]) return false;
  }
  return true;
}

// Keywords that make a pattern more than a disjunction of equalities.
bool IsUnsupportedKeyword(std::string_view word) {
  for (std::string_view k : {"AND", "FOLLOWEDBY", "NOT", "WITHIN", "REPEATS", "START", "STOP",
                             "LIKE", "MATCHES", "IN", "ISSUBSET", "ISSUPERSET", "EXISTS"}) {
    if (EqualsUpper(word, k)) return true;
  }
  return false;
}

// The types a value may have on `path` (quotes removed); 0 for a path this tool cannot match.
TypeMask TypesOfPath(std::string& path) {
  const TypeMask kHost =
      Bit(IndicatorType::kDomain) | Bit(IndicatorType::kIpv4) | Bit(IndicatorType::kIpv6);
  if (path == "ipv4-addr:value") return Bit(IndicatorType::kIpv4) | Bit(IndicatorType::kCidr);
  if (path == "ipv6-addr:value") return Bit(IndicatorType::kIpv6) | Bit(IndicatorType::kCidr);
  if (path == "domain-name:value") return Bit(IndicatorType::kDomain);
  if (path == "url:value") return Bit(IndicatorType::kUrl) | kHost;
  if (path == "email-addr:value") return Bit(IndicatorType::kEmail);
  constexpr std::string_view kHashes = "file:hashes.";
  if (path.starts_with(kHashes)) {
    for (size_t i = kHashes.size(); i < path.size(); ++i) {
      path[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(path[i])));
    }
    const std::string_view name = std::string_view(path).substr(kHashes.size());
    if (name == "MD5") return Bit(IndicatorType::kMd5);
    if (name == "SHA-1" || name == "SHA1") return Bit(IndicatorType::kSha1);
    if (name == "SHA-256" || name == "SHA256") return Bit(IndicatorType::kSha256);
  }
  return 0;
}

class Parser {
 public:
  explicit Parser(std::string_view pattern) : text_(pattern) { Advance(); }
  StixPattern Parse();

 private:
  void Advance();
  void ReadString();
  void ReadWord();
  bool Expression();
  bool Term();
  bool Comparison();
  bool Stop(StixPattern::Kind kind, std::string why) {
    result_.kind = kind;
    result_.why = std::move(why);
    return false;
  }
  // Called where a token other than the expected one stands.
  bool Unexpected(std::string_view expected) {
    if (token_.kind == Token::Kind::kError) return Stop(StixPattern::Kind::kMalformed, token_.text);
    if (token_.kind == Token::Kind::kWord && IsUnsupportedKeyword(token_.text)) {
      return Stop(StixPattern::Kind::kUnsupported, "uses " + token_.text);
    }
    const std::string found =
        token_.kind == Token::Kind::kEnd ? "the end" : "'" + token_.text + "'";
    return Stop(StixPattern::Kind::kMalformed,
                "expected " + std::string(expected) + ", found " + found);
  }
  bool Is(Token::Kind kind) const { return token_.kind == kind; }
  bool IsWord(std::string_view upper) const {
    return token_.kind == Token::Kind::kWord && EqualsUpper(token_.text, upper);
  }

  std::string_view text_;
  size_t pos_ = 0;
  Token token_;
  StixPattern result_;
  std::string skipped_path_;  // the first comparison left out, for the message
};

void Parser::Advance() {
  while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  token_.text.clear();
  if (pos_ == text_.size()) {
    token_.kind = Token::Kind::kEnd;
    return;
  }
  const char c = text_[pos_];
  const auto single = [this, c](Token::Kind kind) {
    token_.kind = kind;
    token_.text.assign(1, c);
    ++pos_;
  };
  switch (c) {
    case '[':
      return single(Token::Kind::kOpenBracket);
    case ']':
      return single(Token::Kind::kCloseBracket);
    case '(':
      return single(Token::Kind::kOpenParen);
    case ')':
      return single(Token::Kind::kCloseParen);
    case '\'':
      return ReadString();
    case '=':
    case '!':
    case '<':
    case '>':
      token_.kind = Token::Kind::kOperator;
      token_.text.assign(1, c);
      ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '=') token_.text.push_back(text_[pos_++]);
      return;
    default:
      return ReadWord();
  }
}

void Parser::ReadString() {
  ++pos_;
  token_.kind = Token::Kind::kString;
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (c == '\'') return;
    if (c == '\\') {
      if (pos_ == text_.size() || (text_[pos_] != '\'' && text_[pos_] != '\\')) break;
      token_.text.push_back(text_[pos_++]);
      continue;
    }
    token_.text.push_back(c);
  }
  token_.kind = Token::Kind::kError;
  token_.text = "a string is not closed or has a bad escape";
}

void Parser::ReadWord() {
  token_.kind = Token::Kind::kWord;
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (std::isspace(static_cast<unsigned char>(c)) ||
        std::string_view("[]()=!<>").find(c) != std::string_view::npos) {
      break;
    }
    ++pos_;
    token_.text.push_back(c);
    if (c == '\'') {  // a quoted path segment: hashes.'SHA-256'
      const size_t close = text_.find('\'', pos_);
      if (close == std::string_view::npos) {
        token_.kind = Token::Kind::kError;
        token_.text = "a quoted name is not closed";
        return;
      }
      token_.text.append(text_.substr(pos_, close + 1 - pos_));
      pos_ = close + 1;
    }
  }
}

StixPattern Parser::Parse() {
  result_.kind = StixPattern::Kind::kUsable;
  if (!Expression()) return result_;
  if (!Is(Token::Kind::kEnd)) {
    Unexpected("OR or the end");
    return result_;
  }
  if (result_.equalities.empty()) {
    Stop(StixPattern::Kind::kUnsupported, "compares " + skipped_path_ +
                                              ", not an address, domain, URL, e-mail address or "
                                              "MD5/SHA-1/SHA-256 hash");
  }
  return result_;
}

bool Parser::Expression() {
  if (!Term()) return false;
  while (IsWord("OR")) {
    Advance();
    if (!Term()) return false;
  }
  return true;
}

bool Parser::Term() {
  if (Is(Token::Kind::kOpenParen)) {
    Advance();
    if (!Expression()) return false;
    if (!Is(Token::Kind::kCloseParen)) return Unexpected("')'");
    Advance();
    return true;
  }
  if (!Is(Token::Kind::kOpenBracket)) return Unexpected("'[' or '('");
  Advance();
  if (!Comparison()) return false;
  while (IsWord("OR")) {
    Advance();
    if (!Comparison()) return false;
  }
  if (!Is(Token::Kind::kCloseBracket)) return Unexpected("OR or ']'");
  Advance();
  // A qualifier after the observation (WITHIN, REPEATS, START) is caught by the caller.
  return true;
}

bool Parser::Comparison() {
  if (!Is(Token::Kind::kWord) || IsUnsupportedKeyword(token_.text)) {
    return Unexpected("an object path");
  }
  std::string path;
  for (char c : token_.text) {
    if (c != '\'') path.push_back(c);
  }
  if (path.find(':') == std::string::npos) return Unexpected("an object path (type:property)");
  Advance();
  if (Is(Token::Kind::kOperator) && token_.text != "=") {
    return Stop(StixPattern::Kind::kUnsupported, "uses the operator " + token_.text);
  }
  if (!Is(Token::Kind::kOperator)) return Unexpected("'='");
  Advance();
  if (!Is(Token::Kind::kString)) {
    if (Is(Token::Kind::kWord)) {
      return Stop(StixPattern::Kind::kUnsupported, "compares with " + token_.text);
    }
    return Unexpected("a string");
  }
  const TypeMask types = TypesOfPath(path);
  if (types != 0) {
    result_.equalities.push_back({path, token_.text, types});
  } else if (skipped_path_.empty()) {
    skipped_path_ = path;
  }
  Advance();
  return true;
}

}  // namespace

StixPattern ParseStixPattern(std::string_view pattern) { return Parser(pattern).Parse(); }

}  // namespace seckit::ioc_enrich::feeds
