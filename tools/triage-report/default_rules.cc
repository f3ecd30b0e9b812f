// The built-in finding rules (rules.h explains the format; --print-rules prints this text).
#include "rules.h"

namespace seckit::triage_report {

std::string_view DefaultRulesText() {
  return R"TOML(# triage-report's built-in rules. A record goes to the first rule whose `when` holds.

[[rule]]
id = "deleted-file-yara"
title = "Deleted file {file.path} recovered with YARA matches"
when = { "event.dataset" = ["disk.file", "disk.carved"], "file.deleted" = "true", "yara.matches" = { exists = true } }
severity = "critical"
group_by = ["file.path"]
indicators = ["file.hash.sha256", "file.path"]
recommendation = "Analyse the recovered file {disk.recovered.path}; look for how {file.name} got on the disk"

[[rule]]
id = "deleted-file-intel"
title = "Deleted file {file.path} recovered, listed by threat intelligence"
when = { "event.dataset" = ["disk.file", "disk.carved"], "file.deleted" = "true", "threat.enrichments" = { exists = true } }
severity = "high"
group_by = ["file.path"]
indicators = ["file.hash.sha256", "file.path"]
recommendation = "Analyse the recovered file {disk.recovered.path}"

[[rule]]
id = "yara-match"
title = "YARA rule {yara.matches.rule} matched"
when = { "yara.matches" = { exists = true } }
severity = "high"
group_by = ["yara.matches.rule"]
indicators = ["file.hash.sha256", "file.path"]
recommendation = "Examine the files YARA rule {yara.matches.rule} matched"

[[rule]]
id = "anomaly-alert"
title = "{rule.name}"
when = { "event.module" = "anomaly-detect", "event.kind" = "alert" }
severity = "medium"
severity_field = "event.severity"
severity_scale = "ecs"
group_by = ["rule.id", "source.ip", "destination.ip"]
indicators = ["source.ip", "destination.ip", "related.ip", "dns.question.registered_domain"]
recommendation = "Investigate {rule.name}: {message}"

[[rule]]
id = "suricata-alert"
title = "Suricata: {rule.name}"
when = { "event.module" = "suricata", "event.kind" = "alert" }
severity = "medium"
severity_field = "event.severity"
severity_scale = "ecs"
group_by = ["rule.id", "source.ip", "destination.ip"]
indicators = ["source.ip", "destination.ip"]
recommendation = "Review Suricata signature {rule.id} ({rule.name})"

[[rule]]
id = "zeek-notice"
title = "Zeek notice {rule.name}"
when = { "event.module" = "zeek", "event.kind" = "alert" }
severity = "medium"
group_by = ["rule.name", "source.ip"]
indicators = ["source.ip", "destination.ip"]

[[rule]]
id = "alert"
title = "{event.module} alert: {rule.name}"
when = { "event.kind" = "alert" }
severity = "medium"
severity_field = "event.severity"
severity_scale = "ecs"
group_by = ["event.module", "rule.name", "source.ip"]
indicators = ["source.ip", "destination.ip", "related.ip"]

[[rule]]
id = "fw-block-applied"
title = "Blocked {fw.address} ({fw.backend})"
when = { "event.dataset" = "fw.action", "fw.action" = "block", "fw.applied" = "true" }
severity = "info"
group_by = ["fw.address"]
indicators = ["fw.address"]
action = true

[[rule]]
id = "fw-block-dry-run"
title = "Block of {fw.address} prepared but not applied (dry run)"
when = { "event.dataset" = "fw.action", "fw.action" = "block" }
severity = "info"
group_by = ["fw.address"]
indicators = ["fw.address"]
recommendation = "Apply the prepared block of {fw.address} (fw-block ran as a dry run)"

[[rule]]
id = "threat-intel"
title = "Listed indicator {threat.enrichments.matched.atomic} ({threat.enrichments.indicator.provider})"
when = { "threat.enrichments" = { exists = true } }
severity = "medium"
severity_field = "threat.enrichments.indicator.confidence"
severity_scale = "confidence"
group_by = ["threat.enrichments.matched.atomic"]
indicators = ["threat.enrichments.matched.atomic"]
recommendation = "Search for {threat.enrichments.matched.atomic} elsewhere; block it if it is not yours"

[[rule]]
id = "log-grep-indicator"
title = "Listed indicator {grep.matches.indicator} in logs"
when = { "grep.matches.indicator" = { exists = true } }
severity = "medium"
group_by = ["grep.matches.indicator"]
indicators = ["grep.matches.indicator"]

[[rule]]
id = "log-grep-pattern"
title = "Log lines matching {grep.matches.pattern}"
when = { "grep.matches.pattern" = { exists = true } }
severity = "low"
group_by = ["grep.matches.pattern"]
indicators = ["source.ip"]
)TOML";
}

std::vector<Rule> DefaultRules() {
  Result<std::vector<Rule>> rules = ParseRules(DefaultRulesText(), "(built-in rules)");
  // The built-in text is tested (rules_test.cc); a failure here is a bug, so fail loudly.
  if (!rules.ok()) return {};
  return std::move(rules.value());
}

}  // namespace seckit::triage_report
