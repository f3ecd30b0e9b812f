// The text log parsers of log-grep: syslog (RFC 3164 and RFC 5424), OpenSSH messages inside
// syslog, Apache/nginx access logs, and the choice of format for a file from its first lines.
//
// Shared rules:
// - Parsers scan the string_view once, by hand (no regex), never read past it, never allocate
//   beyond the event's own fields, and accept any bytes (NUL, invalid UTF-8): a line they do not
//   recognise gives false, never a crash. A trailing '\r' is ignored.
// - Field values are copied as they appear in the line (no unescaping, no case folding), except
//   IP addresses, which are written in canonical text (seckit::IpAddress: RFC 5952 for IPv6), and
//   numbers, which are LogField numbers. Absent means unknown: a field is omitted, never empty.
// - An address in an address position that IpAddress::Parse rejects does not fail the line: it
//   goes to source.address (raw) instead of source.ip.
#ifndef SECKIT_LOG_GREP_LOG_PARSERS_H_
#define SECKIT_LOG_GREP_LOG_PARSERS_H_

#include <span>
#include <string_view>

#include "log_event.h"
#include "seckit/time.h"

namespace seckit::log_grep {

// Parses one syslog line into `event` (cleared first). Returns false, with `event` cleared, when
// the line is not syslog. Accepted shapes, each with an optional "<PRI>" prefix (0..191):
//
//   RFC 3164   "Nov 24 10:06:05 host tag[pid]: message"  (time.h's ParseSyslog3164: single-digit
//              or space-padded day, fraction, Cisco year; the year comes from `reference` by
//              time.h's rule). Variations seen in loghub and plaso files:
//              - no host: "Nov 18 08:30:20 kernel: msg" (the first word ends with ':' or is
//                "name[pid]:", so it is the tag) and "Feb 29 01:15:43: msg" (a ':' right after
//                the time: no host, no tag);
//              - no tag: "Jan 22 07:54:32 host Job `cron.daily' terminated" (the word after the
//                host is neither "name:" nor "name[pid]:"/"name[pid] "), the rest is the message;
//              - tags with '(' or '/': "sshd(pam_unix)[19939]:", "/sbin/anacron[1234]:".
//   RFC 3339   "2026-11-24T10:06:05.123456+00:00 host tag[pid]: message" (rsyslog's
//              high-precision file format). A host and a tag are required, so plain
//              timestamped application logs are not taken for syslog.
//   RFC 5424   "<34>1 2026-11-24T10:06:05.123Z host app procid msgid [sd] message" (PRI and
//              version required; "-" fields are omitted; a UTF-8 BOM before the message is
//              dropped; structured data is validated and skipped, not turned into fields).
//
// Fields: host.hostname, process.name (the tag or APP-NAME, as written: "/sbin/anacron"),
// process.pid (number; an RFC 5424 PROCID that is not a number goes to log.syslog.procid),
// log.syslog.priority, log.syslog.facility.code, log.syslog.severity.code (numbers, with a PRI),
// log.syslog.version (text, "1") and log.syslog.msgid (RFC 5424), log.syslog.repeat_count
// (number N of a "message repeated N times: [ ... ]" line), message (without surrounding
// spaces; omitted when empty). event.time is set from the timestamp (RFC 5424 "-": unset).
// When the base name of process.name is sshd, sshd-session, sshd-auth or sshd(pam_unix), the
// message (inside "message repeated ..." brackets, if any) goes through ParseSshdMessage.
bool ParseSyslogLine(std::string_view line, TimeNs reference, LogEvent& event);

// Adds the fields of one OpenSSH log message to `event` (which it does not clear); a message it
// does not recognise adds nothing. Recognised (an "error: " or "fatal: " prefix is ignored):
//
//   event.action           messages                                             category / outcome
//   ssh_login              Accepted|Failed METHOD for [invalid user] USER        authentication /
//                            from IP port N [ssh2][: KEYTYPE FP]                success|failure
//   ssh_invalid_user       Invalid user USER from IP [port N]                   authentication /
//                                                                                failure
//   ssh_pam_auth_failure   pam_unix(sshd:auth): authentication failure; ...     authentication /
//                            rhost=HOST [user=USER] (also without the           failure
//                            "pam_unix(sshd:auth): " prefix, as pam_unix
//                            logs under the tag "sshd(pam_unix)")
//   ssh_max_auth_exceeded  maximum authentication attempts exceeded for         authentication /
//                            [invalid user] USER from IP port N ...;           failure
//                            Disconnecting: Too many authentication failures
//                            for USER (OpenSSH before 7.x)
//   ssh_disconnect         Received disconnect from IP [port N]:CODE: ...;      session / -
//                            Disconnected from [invalid user|authenticating
//                            user|user] USER IP port N; Disconnecting
//                            [invalid user|authenticating user] USER IP port N:
//   ssh_connection_closed  Connection closed by [invalid user|authenticating    session / -
//                            user|user] [USER] IP [port N]
//   ssh_break_in_attempt   reverse mapping checking getaddrinfo for HOST [IP]   network / -
//                            failed - POSSIBLE BREAK-IN ATTEMPT!; Address IP
//                            maps to HOST, but this does not map back ...
//
// A trailing " [preauth]" is ignored. "message repeated N times: [ MSG ]" adds
// log.syslog.repeat_count = N and parses MSG (so N failed passwords are one record with N).
// Fields: event.category, event.action, event.outcome, user.name (exactly as logged, including
// spaces; omitted when empty), source.ip (canonical), source.address (an address that does not
// parse as IP), source.domain (a host name: pam rhost, reverse-mapping name), source.port
// (number), ssh.auth.method (password, publickey, keyboard-interactive, none, hostbased, ...;
// "keyboard-interactive/pam" gives "keyboard-interactive"), ssh.auth.key.type and
// ssh.auth.key.fingerprint (after "ssh2: "). User names are taken from the right (the last
// " from " of the line), so a name that itself contains spaces stays whole.
void ParseSshdMessage(std::string_view message, LogEvent& event);

// Parses one Apache/nginx access log line into `event` (cleared first). Returns false, with
// `event` cleared, when it is not one. Shape (common, combined, and vhost-combined):
//
//   [VHOST[:PORT] ]CLIENT IDENT USER [TIME] "REQUEST" STATUS BYTES[ "REFERRER" "USER-AGENT"[ ...]]
//
// TIME is "[24/Nov/2026:11:44:15 +0000]"; STATUS is three digits; BYTES digits or "-". A quoted
// field must be closed (a line whose referrer or user agent runs to the end of the line without
// its closing quote is not parsed). The request ends at the quote followed by " STATUS ", so raw
// quotes inside it are tolerated. CLIENT may be an X-Forwarded-For list ("10.0.0.2, 10.0.0.1",
// also quoted and followed by the real peer: "\"10.5.1.1, 199.96.1.1\" 10.2.1.185"): every
// element of a list must be an IP address (or "unknown"/"-"). A leading word that is not an IP
// address, followed by the client, is the virtual host.
//
// Fields: destination.domain and destination.port (the vhost), source.ip (canonical: the client,
// or the first list element that parses), source.address (the raw client text, when it is a list
// or not an IP address), user.name (unless "-"), http.request.method, url.original, http.version
// ("1.1"; each only when the request has them: an empty request "" gives none),
// http.response.status_code, http.response.body.bytes ("-": omitted), http.request.referrer and
// user_agent.original (unless "-"). Escapes inside quoted fields (\", \\, \xHH) are kept as they
// appear. event.time is set from TIME.
bool ParseAccessLogLine(std::string_view line, LogEvent& event);

// How many leading non-empty lines DetectFormat looks at (callers may pass more; the rest are
// ignored).
inline constexpr size_t kDetectSampleLines = 32;

// Picks the format of a file from `sample`, its first lines (with or without '\r'). Rule: take
// the first kDetectSampleLines lines that are not empty or all whitespace, and classify each:
// json if its first non-whitespace byte is '{', else syslog if ParseSyslogLine accepts it, else
// access if ParseAccessLogLine does, else text. The class with the most lines wins if it holds at
// least half of them (ties go to json, then syslog, then access); otherwise, or with no
// non-empty line, kText. Never returns kAuto.
LogFormat DetectFormat(std::span<const std::string_view> sample);

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_LOG_PARSERS_H_
