// Shortening a regex's trailing repetition when only "does this line match?" is asked.
#ifndef SECKIT_LOG_GREP_REGEX_TAIL_H_
#define SECKIT_LOG_GREP_REGEX_TAIL_H_

#include <string>
#include <string_view>

namespace seckit::log_grep {

// `regex` with the repetitions at its very end cut to what selecting lines needs: "X+" becomes
// "X", and "X*" or "X?" goes, while what stays before them is itself a piece of a match (an atom,
// a quantified atom or a group), so "Failed password for \w+" becomes "Failed password for \w".
// A line holds a match of one exactly when it holds a match of the other, but Hyperscan reports
// a match at every byte a trailing "\w+" can stop at, and those reports were a fifth of the time
// of a five-pattern scan. Applies to the last alternative only, which is enough ("a|b\w+" becomes
// "a|b\w"). Returns `regex` unchanged when it holds syntax this reading does not know to be safe:
// counted repetition ({n,m}), inline options or other "(?" groups than "(?:", \Q…\E, escapes
// longer than "\xHH", lazy or possessive quantifiers at the end. Not for -w, whose wrapping
// checks the byte after the match.
std::string WithoutTrailingRepeat(std::string_view regex);

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_REGEX_TAIL_H_
