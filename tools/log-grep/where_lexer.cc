// Tokenizing --where expressions, and error messages that show where in the expression.
#include "where_lexer.h"

#include <algorithm>
#include <cstdio>

namespace seckit::log_grep {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }

bool IsWordByte(char c) {
  unsigned char b = static_cast<unsigned char>(c);
  if (b >= 0x80) return true;  // non-ASCII text (user names, hosts) needs no quotes
  if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) return true;
  switch (b) {
    case '_':
    case '.':
    case '-':
    case ':':
    case '/':
    case '@':
    case '*':
    case '+':
      return true;
    default:
      return false;
  }
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool EqualsIgnoringCase(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// Appends `text` with control bytes as \xHH, so a message stays on one line.
void AppendPrintable(std::string& out, std::string_view text) {
  for (char c : text) {
    unsigned char b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7f) {
      char hex[5];
      (void)std::snprintf(hex, sizeof hex, "\\x%02x", b);
      out.append(hex);
    } else {
      out.push_back(c);
    }
  }
}

// The first `limit` bytes of `text`, cut at a character boundary, with "..." when shortened.
std::string Shortened(std::string_view text, size_t limit) {
  std::string out;
  if (text.size() <= limit) {
    AppendPrintable(out, text);
    return out;
  }
  size_t end = limit;
  while (end > 0 && IsContinuationByte(text[end])) --end;
  AppendPrintable(out, text.substr(0, end));
  out.append("...");
  return out;
}

}  // namespace

Token WhereLexer::Next() {
  while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
  if (pos_ == text_.size()) return Token{TokenKind::kEnd, pos_, {}, {}};
  char c = text_[pos_];
  char next = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
  switch (c) {
    case '(':
      return Lex(TokenKind::kLParen, 1);
    case ')':
      return Lex(TokenKind::kRParen, 1);
    case '[':
      return Lex(TokenKind::kLBracket, 1);
    case ']':
      return Lex(TokenKind::kRBracket, 1);
    case ',':
      return Lex(TokenKind::kComma, 1);
    case '~':
      return Lex(TokenKind::kRegex, 1);
    case '=':
      if (next == '=') return Lex(TokenKind::kEq, 2);
      if (next == '~') return Lex(TokenKind::kRegex, 2);
      return Lex(TokenKind::kEq, 1);
    case '!':
      if (next == '=') return Lex(TokenKind::kNe, 2);
      return Error(pos_, "unexpected character '!' (write 'not' or '!=')");
    case '<':
      return next == '=' ? Lex(TokenKind::kLe, 2) : Lex(TokenKind::kLt, 1);
    case '>':
      return next == '=' ? Lex(TokenKind::kGe, 2) : Lex(TokenKind::kGt, 1);
    case '"':
      return LexString();
    case '&':
      return Error(pos_, "unexpected character '&' (write 'and')");
    case '|':
      return Error(pos_, "unexpected character '|' (write 'or')");
    case '\'':
      return Error(pos_, "unexpected character \"'\" (strings take double quotes)");
    case '\0':
      return Error(pos_, "NUL byte");
    default:
      break;
  }
  if (IsWordByte(c)) return LexWord();
  std::string message = "unexpected character '";
  AppendPrintable(message, text_.substr(pos_, 1));
  message.push_back('\'');
  return Error(pos_, std::move(message));
}

Token WhereLexer::Lex(TokenKind kind, size_t length) {
  Token token{kind, pos_, text_.substr(pos_, length), {}};
  pos_ += length;
  return token;
}

Token WhereLexer::LexString() {
  size_t start = pos_;
  std::string content;
  size_t i = pos_ + 1;
  while (i < text_.size()) {
    char c = text_[i];
    if (c == '"') {
      pos_ = i + 1;
      return Token{TokenKind::kString, start, text_.substr(start, pos_ - start),
                   std::move(content)};
    }
    if (c == '\0') return Error(i, "NUL byte");
    if (c == '\\' && i + 1 < text_.size() && (text_[i + 1] == '"' || text_[i + 1] == '\\')) {
      content.push_back(text_[i + 1]);
      i += 2;
      continue;
    }
    // Any other backslash stays, so a regex's \. or \d needs no doubling.
    content.push_back(c);
    ++i;
  }
  return Error(start, "unterminated string");
}

Token WhereLexer::LexWord() {
  size_t start = pos_;
  while (pos_ < text_.size() && IsWordByte(text_[pos_])) ++pos_;
  std::string_view word = text_.substr(start, pos_ - start);
  TokenKind kind = TokenKind::kWord;
  if (EqualsIgnoringCase(word, "and")) {
    kind = TokenKind::kAnd;
  } else if (EqualsIgnoringCase(word, "or")) {
    kind = TokenKind::kOr;
  } else if (EqualsIgnoringCase(word, "not")) {
    kind = TokenKind::kNot;
  } else if (EqualsIgnoringCase(word, "in")) {
    kind = TokenKind::kIn;
  } else if (EqualsIgnoringCase(word, "exists")) {
    kind = TokenKind::kExists;
  }
  return Token{kind, start, word, {}};
}

Token WhereLexer::Error(size_t offset, std::string message) {
  pos_ = text_.size();  // nothing after an error is worth reading
  return Token{TokenKind::kError, offset, text_.substr(offset, 1), std::move(message)};
}

size_t WhereColumn(std::string_view expression, size_t offset) {
  offset = std::min(offset, expression.size());
  size_t column = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (!IsContinuationByte(expression[i])) ++column;
  }
  return column;
}

Status WhereError(std::string_view expression, size_t offset, std::string_view what) {
  // Long expressions (generated ones, a pasted list) are quoted around the column only.
  constexpr size_t kWhole = 100, kBefore = 50, kAfter = 30;
  size_t begin = 0, end = expression.size();
  if (expression.size() > kWhole) {
    begin = offset > kBefore ? offset - kBefore : 0;
    end = std::min(expression.size(), offset + kAfter);
    while (begin < expression.size() && IsContinuationByte(expression[begin])) ++begin;
    while (end < expression.size() && end > begin && IsContinuationByte(expression[end])) --end;
  }
  std::string message = "--where: ";
  message.append(what);
  message.append(" at column ").append(std::to_string(WhereColumn(expression, offset)));
  message.append(": ");
  if (begin > 0) message.append("...");
  AppendPrintable(message, expression.substr(begin, end - begin));
  if (end < expression.size()) message.append("...");
  return Status::Usage(std::move(message));
}

std::string DescribeToken(const Token& token) {
  constexpr size_t kLimit = 40;
  switch (token.kind) {
    case TokenKind::kEnd:
      return "the end";
    case TokenKind::kString:
      return Shortened(token.raw, kLimit);
    default:
      return "'" + Shortened(token.raw, kLimit) + "'";
  }
}

}  // namespace seckit::log_grep
