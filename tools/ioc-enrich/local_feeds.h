// Local threat-intel feeds held in memory: plain indicator lists, CSV with a column mapping, MISP
// CSV and JSON exports, and STIX 2.1 bundles; looked up by exact value, IPs also by every listed
// CIDR containing them, domains also by every listed parent domain.
//
// --feed SPEC
//   FILE               format detected from the content (below)
//   FORMAT:FILE        FORMAT is plain, csv, misp-csv, misp-json or stix
//   csv:MAPPING:FILE   CSV with an explicit column mapping (below)
// A SPEC naming an existing file is always that file. Otherwise the text before the first ':' is
// the format when it is one of the names above; any other word there ("json:x") is a usage
// error; anything else (a path with '/' or '.' before its ':') is a file name. After "csv:",
// text up to the next ':' that starts with WORD= is a MAPPING (an unknown WORD is a usage
// error). Files may be gzip or zstd compressed. Entries are named "feed:" + the file's base
// name in records.
//
// Format detection (no FORMAT:), from the first bytes that are not blanks:
//   '{' or '['  JSON: a STIX bundle when it has "type":"bundle" or an "objects" array (or is a
//               list of objects with "spec_version"); a MISP export when it has "Event",
//               "response", "Attribute" or "Object" (or is a list of {"Event":…}); else an error.
//   otherwise   the first line that is neither blank nor a '#' comment decides:
//               - misp-csv when, split on ',', it has the columns uuid, event_id, category, type
//                 and value;
//               - csv when it is a header row: two or more fields (separator detected as below),
//                 one of them a value-column name (see CSV), none of them an indicator; or when
//                 the '#' comment line right before it is such a header row with as many fields
//                 as it (abuse.ch writes "# id,dateadded,url,…");
//               - plain otherwise.
//
// plain: one entry a line, read by seckit::ParseFeedLine (comments, "value<TAB>count",
//   "hash;description", defanged values); the rest of the line or its comment is the
//   description. A line that is not blank and names no indicator is bad input (FILE:LINE).
//
// csv: RFC 4180 fields (quotes, doubled quotes, quoted line breaks), lines starting with '#'
//   skipped, blank lines skipped. The separator is the most frequent of ',' ';' TAB '|' in the
//   first data line (',' on a tie) unless the mapping sets one.
//   Without a mapping the columns come from a header: the first row when none of its fields is
//   an indicator, else the '#' comment line right before the first row. Header names are
//   compared lowercase with blanks and '-' read as '_'; each field takes the first name of its
//   list that the header has, a column serving one field only:
//     value        value indicator ioc ioc_value observable observable_value, then
//                  url domain domain_name hostname host fqdn ip ip_address ipaddress ipv4 ipv6
//                  address dst_ip cidr network sha256 sha256_hash sha1 sha1_hash md5 md5_hash
//                  hash email
//     type         type ioc_type indicator_type observable_type
//     first_seen   first_seen first_seen_utc firstseen first_seen_at date_added dateadded
//                  created created_at date
//     last_seen    last_seen last_seen_utc lastseen last_seen_at last_online updated modified
//     tags         tags tag labels label threat_type threat malware_printable malware
//                  malware_family family category
//     score        score confidence confidence_level risk_score risk
//     description  description comment comments note notes info
//     reference    reference references ref link reference_url url, else any "*_link"
//   A file whose header names no value column is a usage error (give a mapping).
//   MAPPING is a comma-separated list of FIELD=COLUMN, FIELD one of value (required), type,
//   first_seen, last_seen, tags, score, description, reference, and COLUMN a 1-based column
//   number or a header name; plus the options sep=comma|semicolon|tab|pipe (or ';' '|') and
//   header=yes|no|auto. Only the mapped fields are read. With column names the header is the
//   first row that has them all (or the comment line right before it). With numbers only,
//   header=auto skips the first row when its value column is not an indicator. Examples:
//     csv:value=2,tags=5:blocklist.csv
//     csv:value=ioc,score=confidence_level,sep=semicolon:export.csv
//   Per row: the value is classified as for a plain list; a type column, when mapped, limits
//   what it may be ("ip", "domain", "url", "md5", "sha256_hash", OTX's "FileHash-SHA256" …; a
//   mismatch is bad input) and a row whose type names something else (a file name, a mutex)
//   is skipped; tags are split on ',' ';' '|'; times are RFC 3339, "YYYY-MM-DD[ HH:MM:SS]"
//   (UTC), "YYYYMMDD" or epoch seconds/milliseconds; the score is a number 0-100. A bad time or
//   score is bad input, and the entry is kept without it.
//
// misp-csv: MISP's CSV export, columns by the header's names (type, value, comment, to_ids,
//   date, attribute_tag, first_seen, last_seen, event_info) or, without a header, MISP's
//   default order uuid,event_id,category,type,value,comment,to_ids,date,object_relation,
//   attribute_tag. first_seen is the attribute's first_seen, else its date.
// misp-json: events as described under detection; attributes from Attribute[] and
//   Object[].Attribute[] (deleted ones ignored); the description is "EVENT INFO: COMMENT" (an
//   object's comment stands in for its attributes' empty ones); tags are the event's and the
//   attribute's; first_seen is the attribute's first_seen, else the event's date; the reference
//   is the event's first "link" attribute.
//   For both MISP formats: the types ip-src, ip-dst (also |port), domain, hostname (also
//   |port), domain|ip (two entries), url, md5, sha1, sha256, filename|md5/sha1/sha256, email,
//   email-src, email-dst and email-reply-to give entries; other types are skipped (counted in a
//   --verbose note). Verdict: malicious when to_ids is set, else suspicious.
// stix: objects of type "indicator" with pattern_type "stix" (or none, as in STIX 2.0) whose
//   pattern is equalities on ipv4-addr:value, ipv6-addr:value, domain-name:value, url:value,
//   email-addr:value or file:hashes.MD5/'SHA-1'/'SHA-256', joined by OR; each equality is an
//   entry (comparisons on other properties inside an OR are left out). Patterns with AND,
//   FOLLOWEDBY, qualifiers, other operators, or nothing usable, other pattern types and revoked
//   indicators are skipped (counted in a --verbose note, with the object id); a malformed
//   pattern is bad input (FILE, ID). Description "NAME: DESCRIPTION"; tags labels and
//   indicator_types; first_seen valid_from (else created); score confidence; reference the
//   first external_references[].url; verdict benign when indicator_types is only "benign",
//   suspicious when only anomalous-activity/anonymization/unknown, else malicious.
//
// Entries: a plain list's or CSV's entry is malicious unless said otherwise; its score comes only
// from a mapped score column. Host CIDRs (/32, /128) are stored as addresses.
#ifndef SECKIT_IOC_ENRICH_LOCAL_FEEDS_H_
#define SECKIT_IOC_ENRICH_LOCAL_FEEDS_H_

#include <memory>
#include <string>
#include <vector>

#include "enrichment.h"
#include "seckit/diag.h"
#include "seckit/indicators.h"
#include "seckit/status.h"

namespace seckit::ioc_enrich {

class LocalFeeds {
 public:
  LocalFeeds();
  ~LocalFeeds();
  LocalFeeds(LocalFeeds&&) noexcept;
  LocalFeeds& operator=(LocalFeeds&&) noexcept;

  // Loads one --feed argument (see above). Entries that cannot be read are reported through
  // `diag` as bad input with FILE:LINE (or FILE, OBJECT ID) and skipped; with --strict the first
  // one is returned as a DataError. A missing file is Status::NoInput, an unknown format or a
  // bad mapping Status::Usage, a JSON feed that does not parse Status::DataError.
  Status Load(const std::string& spec, Diagnostics& diag);
  // Builds the lookup tables; call after the last Load and before Lookup. Until Finish has run
  // after the latest Load, lookups find nothing.
  void Finish();

  // Appends one Enrichment per feed entry that matches `indicator` (its value normalised as
  // Classify normalises): entries equal to it; for an address also every listed network that
  // contains it; for a network every listed network equal to or containing it; for a domain
  // also every listed parent domain; for a URL with a scheme also a scheme-less entry equal to
  // the rest ("evil.com/gate.php", as maltrail lists them). matched_entry names the entry when
  // it is not the indicator itself. Thread-safe. A lookup that finds nothing allocates nothing;
  // an IPv4-mapped IPv6 address is not matched against IPv4 entries.
  void Lookup(const Indicator& indicator, std::vector<Enrichment>& out) const;

  size_t size() const;  // entries loaded
  bool empty() const { return size() == 0; }

 private:
  struct Tables;
  std::unique_ptr<Tables> tables_;
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_LOCAL_FEEDS_H_
