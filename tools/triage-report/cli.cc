// triage-report's command line and self-description: the one source of --help, the man page and
// the shell completions.
#include <CLI/CLI.hpp>

#include <memory>

#include "options.h"

namespace seckit::triage_report {
namespace {

constexpr const char* kDescription = R"TEXT(triage-report reads JSON-lines records — the output of pcap-extract, log-grep, ioc-enrich, anomaly-detect, fw-block and disk-carve, any other ECS JSON, Zeek JSON logs and Suricata eve.json — from files and standard input, and writes one incident report: a summary (time range, records per dataset, hosts and addresses), findings with a severity, a timeline of the findings merged across tools, top talkers, domains and ports, a pivot per indicator (where else it appeared: network, logs, disk, firewall, alerts, threat intelligence), the actions taken and recommendations.

The report does no detection of its own. A finding restates what a tool said — an alert (event.kind alert: anomaly-detect's brute force, scans, beaconing; Suricata alerts; Zeek notices), a YARA match, a log-grep indicator or pattern match, a threat-intelligence enrichment, a deleted file recovered with hits, a block fw-block performed — through rules that say which records count, at what severity and grouped how (see RULES), and every finding cites the records it rests on: the input file and line, and where that record came from (the log line or capture frame).

Formats: text (a short summary, the default on a terminal), json (the default otherwise), md, html (one self-contained file: inline CSS and SVG charts, no script, no external resource, every value escaped, prints well) and timesketch (JSON lines with message, datetime and timestamp_desc, for Timesketch's importer). With -o, the extension chooses the format unless --format is given: .html/.htm html, .md md, .json json, .jsonl timesketch, .txt text. The output file is written atomically.)TEXT";

constexpr const char* kInputFormats = R"TEXT(Each line is recognised on its own. A record with @timestamp or an event object is ECS and read as it is (nested or dotted field names). A record with event_type and timestamp is Suricata eve.json: src_ip, src_port, dest_ip, dest_port, proto and flow_id become source.*, destination.*, network.transport and event.id; alert.signature, alert.signature_id and alert.category become rule.name, rule.id and rule.category; alert.severity 1, 2, 3 becomes event.severity 73, 47, 21 (high, medium, low) and event.kind is alert; dns.rrname (or dns.queries[].rrname), http.hostname, http.url, http.http_user_agent, http.status, tls.sni and tls.ja3.hash become dns.question.name, url.domain, url.original, user_agent.original, http.response.status_code, tls.client.server_name and tls.client.ja3; flow.bytes_toserver/toclient become source.bytes/destination.bytes. A record with ts and uid (or id.orig_h) is a Zeek log (named by _path, else by its fields): id.orig_h, id.orig_p, id.resp_h, id.resp_p become source.ip, source.port, destination.ip, destination.port; conn's orig_bytes/resp_bytes, dns's query/qtype_name/rcode_name/answers, http's host/uri/method/status_code/user_agent, ssl's server_name/version/cipher/ja3 map to the same ECS fields as above; notice's note and msg become rule.name and message, with event.kind alert. event.dataset is suricata.EVENT_TYPE or zeek.LOG.)TEXT";

constexpr const char* kRules = R"TEXT(Rules are TOML: --rules FILE, or `rules = "FILE"` under [triage-report] in the config; otherwise the built-in rules, which --print-rules prints. Each [[rule]] table has: id; title (a template: {field} is replaced by the field's first value); when, a table of FIELD = CONDITION that must all hold (a string: some value equals it; an array: some value equals one of them; {exists = true|false}; {min = N}); severity (info, low, medium, high, critical: fixed, or the default when severity_field gives nothing); severity_field and severity_scale (ecs: >=99 critical, >=73 high, >=47 medium, >=21 low — Elastic's 21/47/73/99 convention that anomaly-detect uses; risk_score: >=90, >=70, >=40, >=1; suricata: 1 high, 2 medium, 3 low; confidence: High, Medium, Low, None or a 0-100 score; name); group_by, the fields whose first values name one finding; indicators, the fields whose values go to the pivot; recommendation, a template; action = true for records that are actions taken. A record goes to the first rule whose `when` holds. The built-in rules, in order: deleted-file-yara (critical), deleted-file-intel (high), yara-match (high), anomaly-alert (by event.severity), suricata-alert (by alert.severity), zeek-notice (medium), alert (any other event.kind alert, by event.severity), fw-block-applied (info, an action), fw-block-dry-run (info, a recommendation), threat-intel (by the enrichment's confidence), log-grep-indicator (medium), log-grep-pattern (low).)TEXT";

constexpr const char* kMemory = R"TEXT(Memory stays bounded whatever the input size. Records are streamed; the counting tables (datasets, talkers, domains, ports, hosts, addresses, the pivot's sightings) count exactly until one holds --max-distinct keys, then become approximate top-k tables (Misra-Gries with median purges): every count reported is then at most max_error too low, where max_error <= 2 x (records counted) / --max-distinct, and the report prints that bound next to each approximate list. Findings keep --max-citations records each (and count the rest); at most 10,000 findings are kept. The same record read twice (logs.jsonl and an enriched copy of it) is counted once in the summary when it names its origin (log.file.path with log.offset, or with pcap.frame / pcap.flow.first_frame), up to --max-distinct remembered origins.)TEXT";

constexpr const char* kConfiguration = R"TEXT(The [triage-report] table of the config file (see --config) may set: rules, the rules file (as --rules); max_distinct (as --max-distinct, 16 to 100000000); max_citations (as --max-citations, 1 to 10000); top (as --top, 1 to 1000); fail_on (as --fail-on: info, low, medium, high or critical). The numbers are TOML integers and fail_on a string. The environment variable SECKIT_TRIAGE_REPORT_<KEY> (SECKIT_TRIAGE_REPORT_MAX_DISTINCT) beats the file, and a flag on the command line beats both. A value of the wrong type or out of range is an error that names the file (or variable) and the key, with exit status 78.)TEXT";

constexpr const char* kThreads = R"TEXT(With --threads 2 or more one thread reads the input and parses each line while another analyses the records, in the order they were read; indexing each record's fields is shared between the two, the one that had to wait for the other taking more of it. The report is the same byte for byte as with --threads 1, approximate counts included, and warnings about bad lines come in the same order. At most 2 threads are used now; a larger N is accepted. Handing the parsed records from one core to the other costs CPU time (a quarter to a third more in all), so the second thread shortens the wall time only when a core is free for it; on a busy machine --threads 1 (the default) is faster. Memory: up to 4 batches of 256 parsed records are in flight (a batch closes early once it holds 16 MiB of input), on top of the analysis' own tables.)TEXT";

}  // namespace

ToolSpec MakeSpec() {
  auto options = std::make_shared<Options>();
  ToolSpec spec;
  spec.info.name = "triage-report";
  spec.info.summary = "turn the records of the other tools into an incident report";
  spec.info.description = kDescription;
  spec.info.sections = {{"INPUT FORMATS", kInputFormats},
                        {"RULES", kRules},
                        {"MEMORY", kMemory},
                        {"CONFIGURATION", kConfiguration},
                        {"THREADS", kThreads}};
  spec.info.examples = {
      {"triage-report out/*.jsonl -o report.html",
       "One self-contained HTML report from everything the pipeline wrote."},
      {"pcap-extract capture.pcap | ioc-enrich --feed iocs.txt | triage-report --format md",
       "A Markdown report straight from a pipe."},
      {"triage-report --fail-on high -q alerts.jsonl > /dev/null || echo 'look at it'",
       "From cron: exit status 1 when a finding of severity high or critical exists."},
      {"triage-report --format timesketch eve.json conn.log > timeline.jsonl",
       "A Timesketch timeline from Suricata and Zeek JSON logs."},
      {"triage-report --since 2026-11-24T10:00:00Z --until 2026-11-24T11:00:00Z --format text *.jsonl",
       "Only the records of one hour."},
  };
  spec.info.exit_status_notes =
      "1 when --fail-on (or fail_on in the config) is given and a finding at or above that "
      "severity exists (the report is still written); 65 when an input line was not a JSON object (it is skipped and the rest "
      "is read); 66 when an input could not be opened (the others are still read); 78 for a bad "
      "rules file or a bad value in the config.";
  spec.info.see_also = {"pcap-extract(1)", "log-grep(1)", "ioc-enrich(1)", "anomaly-detect(1)",
                        "fw-block(1)", "disk-carve(1)", "seckit-format(7)"};
  spec.define = [options](CLI::App& app) {
    app.add_option("inputs", options->inputs,
                   "JSON-lines files to read (- is standard input, the default)")
        ->type_name("FILE");
    app.add_option("--format", options->format,
                   "Report format (default: by -o's extension, else text on a terminal, json otherwise)")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"text", "json", "md", "html", "timesketch"}));
    app.add_option("--fail-on", options->fail_on,
                   "Exit with status 1 when a finding at or above SEVERITY exists")
        ->type_name("SEVERITY")
        ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}))
        ->each([options](const std::string&) { options->fail_on_given = true; });
    app.add_option("--since", options->since, "Read only records at or after TIME (RFC 3339)")
        ->type_name("TIME");
    app.add_option("--until", options->until, "Read only records at or before TIME (RFC 3339)")
        ->type_name("TIME");
    app.add_option("--title", options->title, "The report's title")->type_name("TEXT")->capture_default_str();
    app.add_option("--rules", options->rules_path, "Finding rules from the TOML FILE instead of the built-in ones")
        ->type_name("FILE");
    app.add_flag("--print-rules", options->print_rules, "Print the built-in rules (TOML) and exit");
    app.add_option("--max-distinct", options->max_distinct,
                   "Keys per counting table before counts become approximate")
        ->type_name("N")
        ->check(CLI::Range(16, 100'000'000))
        ->capture_default_str()
        ->each([options](const std::string&) { options->max_distinct_given = true; });
    app.add_option("--max-citations", options->max_citations, "Records cited per finding")
        ->type_name("N")
        ->check(CLI::Range(1, 10'000))
        ->capture_default_str()
        ->each([options](const std::string&) { options->max_citations_given = true; });
    app.add_option("--top", options->top, "Entries in each top list")
        ->type_name("N")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str()
        ->each([options](const std::string&) { options->top_given = true; });
    app.add_option("--threads", options->threads,
                   "Threads: 2 or more parse the input on a second core (see THREADS)")
        ->type_name("N")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
  };
  spec.run = [options](Io& io) { return Run(*options, io); };
  return spec;
}

}  // namespace seckit::triage_report
