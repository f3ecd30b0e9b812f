// log-grep's command line and self-description: the one source of --help, the man page and the
// shell completions.
#include <CLI/CLI.hpp>

#include <memory>

#include "options.h"

namespace seckit::log_grep {
namespace {

constexpr const char* kDescription = R"TEXT(log-grep selects lines of log files the way grep does, and understands what they say: each file's format is recognised (RFC 3164 and RFC 5424 syslog with OpenSSH's sshd messages, Apache and nginx access logs, JSON lines such as other seckit tools write, plain text otherwise), so lines can also be selected by parsed fields (--where), by typed indicators of compromise (--ioc) and by time (--since, --until), and written as ECS JSON records.

What to look for: patterns (-e, -f, or the first argument when neither -e, -f, --ioc nor --where is given), indicator lists (--ioc), or both; a line is selected when any pattern or indicator matches it (every line when there are none, so --where can be used alone). -v inverts that choice. --where and --since/--until then keep only the lines that satisfy them.

Inputs: files, directories with -r, or standard input (- or no file). Compressed files (.gz, .zst) are read transparently. The files of a rotated set (auth.log.2.gz, auth.log.1, auth.log) are read oldest first. Binary files are skipped with a warning; files that cannot be read are reported and the rest are searched.

Output: on a terminal, the selected lines as text like grep's (matches in colour); otherwise, and with --json, one ECS record per selected line (docs/FORMAT.md, datasets log.syslog, log.access, log.json, log.text). A JSON input line is passed through with all its members as they were, plus a grep object saying where it was and what matched. -c and -l print counts and file names as grep does, whatever the output mode.)TEXT";

constexpr const char* kMatching = R"TEXT(Patterns are regular expressions in Hyperscan's PCRE dialect (character classes, \d \w \s \b, repetition {n,m}, alternation, anchors; no back-references or lookaround, which are refused with an error naming the pattern), or literal strings with -F. All patterns are compiled into one database and searched together, so -f with hundreds of thousands of patterns costs little more than one. -i folds ASCII case. -w requires a match not to touch a letter, digit or underscore on either side. Matching is byte-wise: invalid UTF-8 and NUL bytes are searched like any other bytes.

Indicators (--ioc FILE, repeatable; one per line, '#' comments, defanged forms such as 1.2.3[.]4 and hxxp://evil[.]com accepted) match by type: an IPv4 or IPv6 address matches a whole address in the line and never part of a longer one (1.2.3.4 does not match 11.2.3.4 or 1.2.3.45), a CIDR matches every address inside it, a domain matches itself and its subdomains on label boundaries (evil.com matches a.evil.com, not notevil.com), URLs, e-mail addresses and MD5/SHA-1/SHA-256 hashes match exactly.)TEXT";

constexpr const char* kFormats = R"TEXT(Each file's format is chosen from its first lines (or by --format): syslog (RFC 3164, with or without <PRI>, and RFC 5424) gives host.hostname, process.name, process.pid and message; sshd's messages in it also give event.action (ssh_login, ssh_invalid_user, ssh_pam_auth_failure, ssh_max_auth_exceeded, ssh_disconnect, ssh_connection_closed, ssh_break_in_attempt), event.outcome, user.name, source.ip, source.port and ssh.auth.method. access (Apache and nginx common and combined formats, optionally after a virtual host) gives source.ip, user.name, http.request.method, url.original, http.version, http.response.status_code, http.response.body.bytes, http.request.referrer and user_agent.original. json lines keep their own fields. text gives none. Every record also has event.original (the line), log.file.path, log.file.line and log.offset. RFC 3164 times have no year: the latest year that puts the line no more than a week after the run is taken; times without a zone are UTC.)TEXT";

constexpr const char* kWhere = R"TEXT(--where EXPR tests parsed fields by their ECS names, on every format, JSON lines from other tools included: comparisons FIELD = VALUE, != , <, <=, >, >= (numeric when both sides are numbers), FIELD ~ REGEX, FIELD in CIDR; combined with and, or, not and parentheses. Values with spaces or operators are double-quoted. A field holding several values (an array) satisfies a comparison when any value does; an absent field satisfies none (but != holds). Examples: 'http.response.status_code >= 500', 'event.action = ssh_login and event.outcome = failure and not source.ip in 10.0.0.0/8'.)TEXT";

constexpr const char* kCron = R"TEXT(With --state FILE, log-grep remembers for each input file how far it has read (by device, inode and a fingerprint of the file's first bytes), and the next run reads only lines added since. A file renamed by log rotation is found again among its rotated siblings and finished before the new file is read; a truncated file (copytruncate) is read from its start; a rotated file that was compressed is recognised by its fingerprint. So no line is lost or repeated across runs. A last line without its newline is left for the next run. The state file is locked for the run (a second run at the same time fails with status 75) and replaced atomically at the end.)TEXT";

constexpr const char* kThreads = R"TEXT(With --threads 2 or more (2 is the default), each block of lines read from a syslog, access or text file is cut in two at a line's end: the second part is searched (patterns and --ioc), parsed and written on a second thread while the first thread does the first part and then reads the next block; the second part's records follow the first's, so the output is the same byte for byte as with --threads 1, and -c adds both parts' counts. Where the cut falls follows which thread had to wait for the other. This costs little more CPU time in all and shortens the wall time by a third to a half when a core is free for it. One thread does it all with --where, -m, -l, text output (to a terminal, or --text) and JSON-lines input, whose bad lines are reported in order. At most 2 threads are used now; a larger N is accepted. Memory: a second read buffer (1 MiB, or as large as the first has grown), the second part's records (about three times its lines' size) until they are written, and the second thread's own Hyperscan scratch space.)TEXT";

constexpr const char* kMemory = R"TEXT(Memory does not grow with the size of the input. Lines are read into one buffer of 1 MiB that grows to the longest line seen, up to 256 MiB: a longer line is cut, its first 256 MiB searched and the rest read and dropped, with a warning naming the file, line and offset (in --format json such a line is a bad line, as broken JSON is). Writing a selected line as a record holds the line and its record, so the worst case is about three times the longest line kept. Patterns, -f files and --ioc lists are held in memory (Hyperscan's database and the indicator tables: roughly 100 bytes per indicator). The --state file holds a few hundred bytes per input file.)TEXT";

}  // namespace

ToolSpec MakeSpec() {
  auto options = std::make_shared<Options>();
  ToolSpec spec;
  spec.info.name = "log-grep";
  spec.info.summary = "search and parse logs: patterns, indicators, field predicates, cron resume";
  spec.info.description = kDescription;
  spec.info.sections = {{"FORMATS", kFormats},
                        {"MATCHING", kMatching},
                        {"FIELD PREDICATES", kWhere},
                        {"SCHEDULED SCANS", kCron},
                        {"MEMORY", kMemory},
                        {"THREADS", kThreads}};
  spec.info.examples = {
      {"log-grep -e 'Failed password' /var/log/auth.log*",
       "Failed SSH logins in the current and rotated auth logs, oldest first."},
      {"log-grep --ioc bad-ips.txt access.log.gz | jq -r .source.ip | sort | uniq -c",
       "Requests from listed addresses, counted per address."},
      {"log-grep --where 'http.response.status_code >= 500' access.log",
       "Server errors in an access log."},
      {"log-grep --state /var/lib/seckit/auth.state --ioc feed.txt /var/log/auth.log",
       "From cron: only the lines added since the last run."},
      {"pcap-extract --type dns capture.pcap | log-grep --ioc domains.txt",
       "DNS messages about listed domains, from another tool's records."},
  };
  spec.info.exit_status_notes =
      "As grep: 0 when a line was selected, 1 when none was. 65 when a JSON line could not be "
      "read; 66 when an input file could not be opened (the other files are still searched).";
  spec.info.see_also = {"grep(1)", "rg(1)", "pcap-extract(1)", "ioc-enrich(1)",
                        "anomaly-detect(1)", "seckit-format(7)"};
  spec.reserved_short_flags = {"v"};
  spec.define = [options](CLI::App& app) {
    app.add_option("args", options->positionals,
                   "[PATTERN] FILE...: the pattern, unless -e, -f, --ioc or --where is given; "
                   "then files (- is standard input, the default)")
        ->type_name("ARG");
    app.add_option("-e,--regexp", options->patterns, "Select lines matching PATTERN (repeatable)")
        ->type_name("PATTERN")
        ->allow_extra_args(false);
    app.add_option("-f,--file", options->pattern_files, "Read patterns from FILE, one per line")
        ->type_name("FILE")
        ->allow_extra_args(false);
    app.add_flag("-F,--fixed-strings", options->fixed, "Patterns are literal strings");
    app.add_flag("-i,--ignore-case", options->ignore_case, "Ignore ASCII case in patterns");
    app.add_flag("-w,--word-regexp", options->word,
                 "A match must not touch a letter, digit or underscore");
    app.add_flag("-v,--invert-match", options->invert,
                 "Select lines that no pattern or indicator matches");
    app.add_option("--ioc", options->ioc_files,
                   "Select lines holding an indicator listed in FILE (repeatable)")
        ->type_name("FILE")
        ->allow_extra_args(false);
    app.add_option("--where", options->where, "Keep only lines whose parsed fields satisfy EXPR")
        ->type_name("EXPR");
    app.add_option("--since", options->since,
                   "Keep only lines at or after TIME (RFC 3339 or epoch seconds)")
        ->type_name("TIME");
    app.add_option("--until", options->until, "Keep only lines before TIME")->type_name("TIME");
    app.add_flag("-c,--count", options->count, "Print the number of selected lines per file");
    app.add_flag("-l,--files-with-matches", options->files_with_matches,
                 "Print the names of files with a selected line");
    app.add_option("-m,--max-count", options->max_count,
                   "Stop reading a file after N selected lines")
        ->type_name("N");
    app.add_flag("-n,--line-number", options->line_numbers, "Text output: prefix line numbers");
    app.add_flag("-H,--with-filename", options->with_filename,
                 "Text output: prefix file names (the default with several inputs)");
    app.add_flag("--no-filename", options->no_filename, "Text output: never prefix file names");
    app.add_flag("-r,--recursive", options->recursive,
                 "Search directories recursively (the current one when no file is given)");
    app.add_option("--include", options->include,
                   "With -r, search only files whose base name matches GLOB (repeatable)")
        ->type_name("GLOB")
        ->allow_extra_args(false);
    app.add_option("--exclude", options->exclude,
                   "With -r, skip files whose base name matches GLOB (repeatable)")
        ->type_name("GLOB")
        ->allow_extra_args(false);
    app.add_option("--format", options->format, "Input format: auto, syslog, access, json, text")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"auto", "syslog", "access", "json", "text"}))
        ->capture_default_str();
    auto* json = app.add_flag("--json", options->json,
                              "Write JSON records even to a terminal (the default elsewhere)");
    app.add_flag("--text", options->text, "Write matching lines as text even into a pipe")
        ->excludes(json);
    app.add_option("--color,--colour", options->color, "Colour text output: auto, always, never")
        ->type_name("WHEN")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_option("--threads", options->threads,
                   "Threads: 2 or more parse and write records on a second core (see THREADS)")
        ->type_name("N")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    app.add_option("--state", options->state_file,
                   "Resume from (and record in) FILE how far each input was read")
        ->type_name("FILE");
  };
  spec.run = [options](Io& io) { return Run(*options, io); };
  return spec;
}

}  // namespace seckit::log_grep
