// ioc-enrich's command line and self-description: the one source of --help, the man page and
// the shell completions.
#include <CLI/CLI.hpp>

#include <memory>

#include "options.h"

namespace seckit::ioc_enrich {
namespace {

constexpr const char* kDescription = R"TEXT(ioc-enrich reads JSON-lines records (the output of pcap-extract, log-grep or any ECS source), finds the indicators in them (addresses, domains, URLs, hashes, e-mail addresses), asks local feeds, offline .mmdb databases and online threat-intel APIs about each distinct indicator once, and writes every record with what was learnt added as ECS threat.enrichments entries and a summary (ioc.verdict, ioc.score). Records are written in input order with all their fields as they came; a record without any enrichment is written unchanged (or dropped with --min-score). With -i, plain indicator lists (one per line, comments and defanged forms accepted) are read instead, and each indicator becomes an ioc.indicator record.

Indicators are taken from the fields listed under INDICATOR FIELDS (or those given with --field), each value that is one indicator as a whole: "203.0.113.5", "evil[.]example", "http://x.example/a", a hash. Private, loopback, link-local, documentation and other addresses that are not routed on the Internet are never sent to online providers nor looked up in .mmdb files, unless --all-addresses; local feeds see every address.)TEXT";

constexpr const char* kFields = R"TEXT(By default: source.ip, destination.ip, client.ip, server.ip, source.domain, destination.domain, dns.question.name, dns.answers.data, url.original, url.full, url.domain, tls.client.server_name, file.hash.md5, file.hash.sha1, file.hash.sha256, process.hash.md5, process.hash.sha1, process.hash.sha256, user.email, email.from.address, email.to.address, threat.indicator.ip, threat.indicator.url.original, threat.indicator.url.domain. Nested ({"source":{"ip":…}}) and dotted ({"source.ip":…}) forms and arrays are all read. --field PATH (repeatable) replaces the list.)TEXT";

constexpr const char* kSources = R"TEXT(Local feeds (--feed [FORMAT:]FILE, repeatable): plain lists (one indicator per line, # comments, defanged forms, a second column or comment as description), CSV with a header row or a column mapping, MISP CSV and JSON exports, STIX 2.1 bundles (indicators whose patterns are equalities on ipv4-addr, ipv6-addr, domain-name, url or file hashes). The format is recognised from the content unless FORMAT (plain, csv, misp-csv, misp-json, stix) is given. An address matches every listed CIDR containing it, a domain every listed parent domain. Feed entries are malicious; their score is 100 unless the feed has a score column.

Offline databases (--mmdb FILE, repeatable): MaxMind GeoLite2/GeoIP2 and DB-IP City, Country and ASN files add geo and AS context (threat.enrichments.indicator.geo, .as); they give no verdict.

Online providers (--provider NAME, repeatable): virustotal, abuseipdb, otx, greynoise, urlhaus, threatfox, malwarebazaar, internetdb (Shodan InternetDB), misp, and generic ones declared in the config. --provider-url NAME=URL points one at a proxy, mirror or test server. HTTPS servers are verified against the system's CA certificates, or against those in --ca-file FILE alone (or ca_file in [ioc-enrich] of the config, SECKIT_IOC_ENRICH_CA_FILE): the CA of a TLS-inspecting proxy or of a self-hosted MISP. API keys come from SECKIT_<NAME>_API_KEY or api_key in [providers.NAME] of a config file only its owner can read; they never appear in output, messages or the cache.)TEXT";

constexpr const char* kScores = R"TEXT(Each source's judgement becomes ioc.verdict (malicious, suspicious, benign, unknown) and a score from 0 to 100; a record's ioc.score is the highest of its enrichments. Per source: local feeds 100, or their score column; VirusTotal 25 for each engine that flags the indicator malicious plus 10 for each that calls it suspicious, capped at 100 (three engines, its malicious threshold, make 75), or Google Threat Intelligence's threat score when present; AbuseIPDB its abuseConfidenceScore; OTX 25 per pulse, capped at 100; GreyNoise 90 malicious, 50 noise, 0 benign or RIOT; URLhaus 100 while the URL (or one on the host) is online, else 80, and 100 for payload hashes; ThreatFox its highest confidence_level; MalwareBazaar 100; InternetDB 80 for malware, c2 or compromised tags, 40 for scanner or tor; MISP 90 for attributes marked to_ids, else 50; generic providers the configured JSON pointer times score_scale.)TEXT";

constexpr const char* kPoliteness = R"TEXT(Requests go out concurrently (--concurrency in all, and per provider) within each provider's documented free-tier rate limit and daily quota (overridable in [ioc-enrich.providers.NAME]: requests_per_minute, daily_quota, concurrency, cache_ttl, negative_ttl). Over HTTPS, a server that offers HTTP/2 (ALPN h2) gets them multiplexed over one connection; other servers get HTTP/1.1, one request at a time per connection. Retry-After is honoured on 429 and 503; other server errors and network failures are retried with exponential backoff and jitter; a provider that keeps failing is skipped for the rest of a cooldown (circuit breaker). Every failure is recorded in the record (ioc.errors: provider, indicator, error) and summarised on stderr; the exit status is then 69.

Answers are cached in SQLite (--cache FILE, default $XDG_CACHE_HOME/seckit/ioc-enrich.sqlite), found ones for cache_ttl (default a day) and "not found" for negative_ttl (default six hours); errors are never cached. Two runs may share the cache at the same time. --offline answers from the cache and the local sources only; from cron, each run asks the APIs only about indicators that are new or whose answer has expired.)TEXT";

constexpr const char* kMemory = R"TEXT(Memory does not grow with the length of the input stream. Records are read and parsed on a second thread at most 4 chunks of 4,096 records (or about 4 MiB of text each) ahead, and wait in a batch of at most 16,384 records, 64 MiB of text or 4,096 new online lookups before they are written; a record line over 64 MiB is a bad line. The answers for at most 262,144 distinct indicators are remembered between batches (more, and they are forgotten and asked again, from the answer cache for online ones). What grows with the configuration: local feeds are held in memory (about 120 bytes per entry: a 1,000,000-entry feed takes about 125 MB), .mmdb databases are memory-mapped, and each online response may hold up to 16 MiB while it is parsed (times the requests in flight, --concurrency). The answer cache is an SQLite file on disk.)TEXT";

}  // namespace

ToolSpec MakeSpec() {
  auto options = std::make_shared<Options>();
  ToolSpec spec;
  spec.info.name = "ioc-enrich";
  spec.info.summary =
      "enrich indicators in records from local feeds, offline databases and threat-intel APIs";
  spec.info.description = kDescription;
  spec.info.sections = {{"INDICATOR FIELDS", kFields},
                        {"SOURCES", kSources},
                        {"VERDICTS AND SCORES", kScores},
                        {"RATE LIMITS, RETRIES AND THE CACHE", kPoliteness},
                        {"MEMORY", kMemory}};
  spec.info.examples = {
      {"pcap-extract capture.pcap | ioc-enrich --feed bad-ips.txt | jq -c 'select(.threat.enrichments)'",
       "Flows and DNS/HTTP/TLS records of a capture, with the ones touching a listed indicator "
       "marked."},
      {"ioc-enrich -i iocs.txt --provider virustotal --provider abuseipdb",
       "What two APIs say about each indicator of a plain list (keys from the environment or "
       "the config)."},
      {"log-grep --ioc feed.txt auth.log | ioc-enrich --provider abuseipdb --min-score 80",
       "Log lines from addresses AbuseIPDB scores 80 or more."},
      {"ioc-enrich --mmdb GeoLite2-City.mmdb --mmdb GeoLite2-ASN.mmdb < flows.jsonl",
       "Geo and AS context, offline."},
      {"ioc-enrich --provider-url virustotal=http://127.0.0.1:8080 --provider virustotal -i x.txt",
       "The same API through a local proxy or test server."},
  };
  spec.info.exit_status_notes =
      "69 when some lookups failed (the records are still written, with ioc.errors saying "
      "which); 65 when an input line was not a JSON object or a list line not an indicator; "
      "66 when an input could not be opened (the others are still read).";
  spec.info.see_also = {"pcap-extract(1)", "log-grep(1)", "anomaly-detect(1)",
                        "triage-report(1)", "seckit-format(7)", "mmdblookup(1)"};
  spec.define = [options](CLI::App& app) {
    app.add_option("inputs", options->inputs,
                   "JSON-lines files to enrich (- is standard input, the default without -i)")
        ->type_name("FILE");
    app.add_option("-i,--indicators", options->indicator_lists,
                   "Read indicators from a plain list FILE instead of records (repeatable)")
        ->type_name("FILE")
        ->allow_extra_args(false);
    app.add_option("--feed", options->feeds,
                   "Look indicators up in a local feed [FORMAT:]FILE (repeatable)")
        ->type_name("FEED")
        ->allow_extra_args(false);
    app.add_option("--mmdb", options->mmdb, "Add geo/AS context from an .mmdb FILE (repeatable)")
        ->type_name("FILE")
        ->allow_extra_args(false);
    app.add_option("--provider", options->providers, "Ask the online provider NAME (repeatable)")
        ->type_name("NAME")
        ->allow_extra_args(false);
    app.add_option("--provider-url", options->provider_urls,
                   "Send a provider's requests to URL instead (NAME=URL, repeatable)")
        ->type_name("NAME=URL")
        ->allow_extra_args(false);
    app.add_option("--field", options->fields,
                   "Take indicators from field PATH instead of the default list (repeatable)")
        ->type_name("PATH")
        ->allow_extra_args(false);
    app.add_option("--cache", options->cache_path, "Keep provider answers in the SQLite FILE")
        ->type_name("FILE");
    app.add_flag("--no-cache", options->no_cache, "Neither read nor write the answer cache");
    app.add_flag("--offline", options->offline,
                 "Ask no online provider: answer from the cache and local sources only");
    app.add_flag("--all-addresses", options->all_addresses,
                 "Also send private and other non-global addresses to providers and .mmdb");
    app.add_option("--min-score", options->min_score,
                   "Write only records whose ioc.score reaches N (0-100)")
        ->type_name("N")
        ->check(CLI::Range(0, 100));
    app.add_option("--concurrency", options->concurrency,
                   "Requests in flight at once, over all providers")
        ->type_name("N")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    app.add_option("--timeout", options->timeout_seconds, "Give up on one attempt after SECONDS")
        ->type_name("SECONDS")
        ->check(CLI::Range(0.1, 600.0))
        ->capture_default_str();
    app.add_option("--ca-file", options->ca_file,
                   "Verify HTTPS servers against the CA certificates in the PEM FILE only")
        ->type_name("FILE");
  };
  spec.run = [options](Io& io) { return Run(*options, io); };
  return spec;
}

}  // namespace seckit::ioc_enrich
