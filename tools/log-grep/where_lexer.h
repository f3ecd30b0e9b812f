// The tokens of a --where expression, and the error messages that point at a column of it.
#ifndef SECKIT_LOG_GREP_WHERE_LEXER_H_
#define SECKIT_LOG_GREP_WHERE_LEXER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "seckit/status.h"

namespace seckit::log_grep {

enum class TokenKind : uint8_t {
  kEnd,       // after the last token
  kWord,      // a field name or a bare value (never a keyword)
  kString,    // "..."
  kLParen,    // (
  kRParen,    // )
  kLBracket,  // [
  kRBracket,  // ]
  kComma,     // ,
  kEq,        // = or ==
  kNe,        // !=
  kLt,        // <
  kLe,        // <=
  kGt,        // >
  kGe,        // >=
  kRegex,     // ~ or =~
  kAnd,       // the keywords, in any case
  kOr,
  kNot,
  kIn,
  kExists,
  kError,  // a lexing error; `text` says what
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  size_t offset = 0;     // where the token starts in the expression, in bytes
  std::string_view raw;  // the token as written (empty for kEnd)
  std::string text;      // kString: the content with \" and \\ resolved; kError: the message
};

// Splits an expression into tokens on demand. The expression must outlive the lexer and its
// tokens' `raw` views.
class WhereLexer {
 public:
  explicit WhereLexer(std::string_view expression) : text_(expression) {}

  // The next token; kEnd at the end (and again after it), kError for a NUL byte, an unterminated
  // string or a character that starts no token.
  Token Next();

 private:
  Token Lex(TokenKind kind, size_t length);
  Token LexString();
  Token LexWord();
  Token Error(size_t offset, std::string message);

  std::string_view text_;
  size_t pos_ = 0;
};

// The 1-based column of byte `offset`: characters before it, counting a UTF-8 sequence as one.
size_t WhereColumn(std::string_view expression, size_t offset);

// Status::Usage("--where: WHAT at column N: EXCERPT"), the excerpt being the expression, or the
// part around `offset` when it is long, with control bytes shown as \xHH.
Status WhereError(std::string_view expression, size_t offset, std::string_view what);

// A token for a message: 'word', "string" (long ones shortened), '(' or "the end".
std::string DescribeToken(const Token& token);

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_WHERE_LEXER_H_
