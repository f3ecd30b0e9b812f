// Whether a regex could match a "\n": when no pattern can, a match in a block of lines never
// spans two of them, and candidate lines need no second scan of their own.
#ifndef SECKIT_LOG_GREP_REGEX_NEWLINE_H_
#define SECKIT_LOG_GREP_REGEX_NEWLINE_H_

#include <string_view>

namespace seckit::log_grep {

// False only when `regex` (Hyperscan syntax, compiled without HS_FLAG_DOTALL) surely matches no
// "\n": it uses only literal bytes, '.', escaped punctuation, \w \d \b \B, \xHH other than \x0a,
// groups "(" and "(?:", and classes that are not negated whose members are printable bytes,
// ranges of them, those escapes, or POSIX classes other than [:space:] and [:cntrl:]. Anything
// else (\s \W \D \v \R \N, [^…], inline flags such as (?s), \Q…\E, …) answers true.
bool CanMatchNewline(std::string_view regex);

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_REGEX_NEWLINE_H_
