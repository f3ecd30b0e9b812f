// A left-to-right reading of a regex's pieces, just enough to find what its end repeats.
#include "regex_tail.h"

#include <optional>
#include <vector>

namespace seckit::log_grep {
namespace {

enum class Piece {
  kAtom,        // one byte or a one-byte class: "a", ".", "\w", "\x41", "[a-z]"
  kQuantifier,  // "+", "*" or "?"
  kGroupEnd,    // ")"
  kOther,       // "(", "(?:", "|", "^", "$", "\b" and the other assertions
};

struct Token {
  size_t begin = 0;
  Piece piece = Piece::kOther;
};

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The escape at regex[i] ('\\') as a token of `length` bytes; nullopt for escapes not read here
// (back-references, \p{…}, \Q, \x{…}, \c…, …).
std::optional<Piece> ReadEscape(std::string_view regex, size_t i, size_t& length) {
  if (i + 1 >= regex.size()) return std::nullopt;
  const char c = regex[i + 1];
  length = 2;
  if (c == 'x') {
    if (i + 3 >= regex.size() || !IsHex(regex[i + 2]) || !IsHex(regex[i + 3])) return std::nullopt;
    length = 4;
    return Piece::kAtom;
  }
  if (std::string_view("wWdDsShHvVtnrfae").find(c) != std::string_view::npos) return Piece::kAtom;
  if (std::string_view("bBAzZG").find(c) != std::string_view::npos) return Piece::kOther;
  if (!IsAsciiAlnum(c) && static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
    return Piece::kAtom;  // escaped punctuation: "\.", "\+", "\\", …
  }
  return std::nullopt;
}

// The length of the class starting at regex[i] ('['), 0 when it does not close.
size_t ClassLength(std::string_view regex, size_t i) {
  size_t at = i + 1;
  if (at < regex.size() && regex[at] == '^') ++at;
  if (at < regex.size() && regex[at] == ']') ++at;  // a leading ']' is a member
  while (at < regex.size() && regex[at] != ']') {
    if (regex.substr(at, 2) == "[:") {
      const size_t close = regex.find(":]", at + 2);
      if (close == std::string_view::npos) return 0;
      at = close + 2;
    } else {
      at += regex[at] == '\\' ? 2 : 1;
    }
  }
  return at < regex.size() ? at + 1 - i : 0;
}

std::optional<std::vector<Token>> Tokens(std::string_view regex) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < regex.size()) {
    const char c = regex[i];
    size_t length = 1;
    Piece piece = Piece::kAtom;
    if (c == '\\') {
      std::optional<Piece> escape = ReadEscape(regex, i, length);
      if (!escape) return std::nullopt;
      piece = *escape;
    } else if (c == '[') {
      length = ClassLength(regex, i);
      if (length == 0) return std::nullopt;
    } else if (c == '(') {
      if (regex.substr(i, 2) == "(?") {
        if (regex.substr(i, 3) != "(?:") return std::nullopt;  // options may change the reading
        length = 3;
      }
      piece = Piece::kOther;
    } else if (c == '{') {
      return std::nullopt;  // counted repetition
    } else if (c == ')') {
      piece = Piece::kGroupEnd;
    } else if (c == '+' || c == '*' || c == '?') {
      piece = Piece::kQuantifier;
    } else if (c == '|' || c == '^' || c == '$') {
      piece = Piece::kOther;
    }
    tokens.push_back({i, piece});
    i += length;
  }
  return tokens;
}

bool EndsPiece(const Token& token) {
  return token.piece == Piece::kAtom || token.piece == Piece::kQuantifier ||
         token.piece == Piece::kGroupEnd;
}

}  // namespace

std::string WithoutTrailingRepeat(std::string_view regex) {
  std::optional<std::vector<Token>> tokens = Tokens(regex);
  if (!tokens) return std::string(regex);
  std::vector<Token>& t = *tokens;
  size_t end = regex.size();
  while (t.size() >= 2 && t.back().piece == Piece::kQuantifier) {
    const Token& repeated = t[t.size() - 2];
    const char quantifier = regex[t.back().begin];
    if (quantifier == '+' &&
        (repeated.piece == Piece::kAtom || repeated.piece == Piece::kGroupEnd)) {
      end = t.back().begin;  // X+ -> X
      t.pop_back();
    } else if (quantifier != '+' && repeated.piece == Piece::kAtom && t.size() >= 3 &&
               EndsPiece(t[t.size() - 3])) {
      end = repeated.begin;  // X* or X? -> nothing
      t.resize(t.size() - 2);
    } else {
      break;  // lazy or possessive ("X+?", "X*+"), or nothing before that ends a piece
    }
  }
  return std::string(regex.substr(0, end));
}

}  // namespace seckit::log_grep
