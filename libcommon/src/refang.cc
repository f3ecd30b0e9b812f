// Refang: one left-to-right pass replacing defanging conventions, logging each replacement so
// Extract can report offsets in the original text.
#include <cstring>

#include "indicators_internal.h"
#include "seckit/indicators.h"

namespace seckit {
namespace indicators_internal {
namespace {

struct BracketForm {
  std::string_view inner;  // between the brackets, compared case-insensitively
  std::string_view replacement;
  bool takes_spaces;  // "evil [dot] com": the spaces around go too
};

constexpr BracketForm kBracketForms[] = {
    {"://", "://", false}, {".", ".", true},  {"dot", ".", true},
    {"@", "@", true},      {"at", "@", true}, {":", ":", false},
};

char Closer(char opener) {
  switch (opener) {
    case '[':
      return ']';
    case '(':
      return ')';
    case '{':
      return '}';
    default:
      return '\0';
  }
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ToLower(a[i]) != b[i]) return false;
  }
  return true;
}

// The bracket form at in[i] (an opening bracket), or null.
const BracketForm* MatchBracket(std::string_view in, size_t i) {
  const char closer = Closer(in[i]);
  for (const BracketForm& form : kBracketForms) {
    const size_t close = i + 1 + form.inner.size();
    if (close < in.size() && in[close] == closer &&
        EqualsIgnoreCase(in.substr(i + 1, form.inner.size()), form.inner)) {
      return &form;
    }
  }
  return nullptr;
}

// The length of a defanged scheme prefix at in[i] ("hxxp" -> 4, "fxp" -> 3), or 0.
size_t MatchScheme(std::string_view in, size_t i, std::string_view* replacement) {
  if (i > 0 && IsAlnum(in[i - 1])) return 0;
  for (std::string_view fang : {std::string_view("hxxp"), std::string_view("fxp")}) {
    if (!EqualsIgnoreCase(in.substr(i, fang.size()), fang)) continue;
    size_t next = i + fang.size();
    if (next < in.size() && ToLower(in[next]) == 's') ++next;
    // Only a scheme: "hxxps://", "hxxp[://]", "hxxp[:]//". A bare "hxxps:" can be a path's end,
    // and "hxxp(:" alone is not enough: Extract cuts a URL before the '(' and classifies it again
    // without the bytes after, so the decision must rest on bytes a URL would take in.
    const std::string_view rest = in.substr(next);
    const BracketForm* bracket =
        Closer(rest.empty() ? '\0' : rest[0]) != '\0' ? MatchBracket(rest, 0) : nullptr;
    const bool bracketed_scheme =
        bracket != nullptr &&
        (bracket->inner == "://" ||
         (bracket->inner == ":" && rest.substr(bracket->inner.size() + 2).starts_with("//")));
    if (rest.starts_with("://") || bracketed_scheme) {
      *replacement = fang.size() == 4 ? "http" : "ftp";
      return fang.size();
    }
  }
  return 0;
}

bool MayNeedRefang(std::string_view in) {
  for (char c : in) {
    switch (c) {
      case '[':
      case '(':
      case '{':
      case 'x':
      case 'X':
        return true;
      default:
        break;
    }
  }
  return false;
}

}  // namespace

std::string RefangWithEdits(std::string_view in, std::vector<RefangEdit>* edits) {
  if (!MayNeedRefang(in)) return std::string(in);
  std::string out;
  out.reserve(in.size());
  auto log = [&](size_t out_pos, size_t in_pos, size_t in_len) {
    if (edits != nullptr) edits->push_back({out_pos, out.size() - out_pos, in_pos, in_len});
  };
  for (size_t i = 0; i < in.size();) {
    const char c = in[i];
    if (const BracketForm* form = Closer(c) != '\0' ? MatchBracket(in, i) : nullptr) {
      size_t begin = i, end = i + form->inner.size() + 2;
      // Spaces go only between two letters or digits, where they cannot be meant as spaces. The
      // space before was copied as it was (no replacement ends in a space), so it can be popped.
      if (form->takes_spaces && i >= 2 && in[i - 1] == ' ' && IsAlnum(in[i - 2]) &&
          end + 1 < in.size() && in[end] == ' ' && IsAlnum(in[end + 1])) {
        out.pop_back();
        --begin;
        ++end;
      }
      const size_t out_pos = out.size();
      out += form->replacement;
      log(out_pos, begin, end - begin);
      i = end;
      continue;
    }
    std::string_view scheme;
    if (const size_t len =
            (c == 'h' || c == 'H' || c == 'f' || c == 'F') ? MatchScheme(in, i, &scheme) : 0) {
      const size_t out_pos = out.size();
      out += scheme;
      log(out_pos, i, len);
      i += len;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace indicators_internal

std::string Refang(std::string_view text) {
  return indicators_internal::RefangWithEdits(text, nullptr);
}

}  // namespace seckit
