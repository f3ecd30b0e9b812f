// triage-report's flow: choose the rules and the format, stream every input through the analysis,
// build the report, render it, and turn --fail-on into the exit status.
#include <optional>

#include "options.h"
#include "record_stream.h"
#include "report.h"
#include "seckit/config.h"
#include "seckit/diag.h"
#include "seckit/output.h"
#include "seckit/progress.h"
#include "seckit/records.h"

namespace seckit::triage_report {
namespace {

Result<std::vector<Rule>> ChooseRules(const Options& options, const Config& config) {
  std::string path = options.rules_path;
  if (path.empty()) {
    Result<std::optional<std::string>> configured = config.GetString("rules");
    if (!configured.ok()) return configured.status();
    if (configured->has_value()) path = **configured;
  }
  if (path.empty()) return DefaultRules();
  return LoadRules(path);
}

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// --format, else what -o's extension says, else text on a terminal and JSON otherwise.
std::string ChooseFormat(const Options& options, const Io& io) {
  if (!options.format.empty()) return options.format;
  const std::string& path = io.common.output_path;
  if (EndsWith(path, ".html") || EndsWith(path, ".htm")) return "html";
  if (EndsWith(path, ".md")) return "md";
  if (EndsWith(path, ".jsonl")) return "timesketch";
  if (EndsWith(path, ".json")) return "json";
  if (EndsWith(path, ".txt")) return "text";
  return io.out.is_terminal() ? "text" : "json";
}

Result<std::optional<TimeNs>> WindowEdge(const std::string& text, const char* flag) {
  if (text.empty()) return std::optional<TimeNs>();
  std::optional<TimeNs> t = ParseRfc3339(text);
  if (!t) return Status::Usage(std::string(flag) + " wants an RFC 3339 time such as 2026-11-24T10:00:00Z");
  return t;
}

struct Window {
  std::optional<TimeNs> since, until;
  bool Contains(std::optional<TimeNs> t) const {
    if (!since && !until) return true;
    if (!t) return false;  // a record with no time cannot be placed inside a window
    return (!since || *t >= *since) && (!until || *t <= *until);
  }
};

}  // namespace

Status Run(const Options& flags, Io& io) {
  if (flags.print_rules) {
    io.out.Write(DefaultRulesText());
    return Status::Ok();
  }
  Options options = flags;
  SECKIT_RETURN_IF_ERROR(ApplyConfigLimits(io.config, options));
  Result<std::vector<Rule>> rules = ChooseRules(options, io.config);
  if (!rules.ok()) return rules.status();
  Result<std::optional<TimeNs>> since = WindowEdge(options.since, "--since");
  if (!since.ok()) return since.status();
  Result<std::optional<TimeNs>> until = WindowEdge(options.until, "--until");
  if (!until.ok()) return until.status();
  const Window window{*since, *until};
  std::optional<Severity> fail_on;
  if (!options.fail_on.empty()) fail_on = ParseSeverity(options.fail_on);
  const std::string format = ChooseFormat(options, io);

  Limits limits;
  limits.max_distinct = options.max_distinct;
  limits.max_citations = options.max_citations;
  Analysis analysis(std::move(rules.value()), limits);
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back("-");
  ProgressOptions progress_options;
  progress_options.force = io.common.progress;
  progress_options.disable = io.common.quiet;
  progress_options.unit = ProgressUnit::kCount;
  Progress progress("triage-report", std::nullopt, progress_options);
  uint64_t outside = 0;
  StreamTotals totals;
  RecordConsumer consumer;
  consumer.prepare = [&](const RecordView& view) { analysis.Prefetch(view); };
  consumer.consume = [&](const RecordView& view, const std::string& input, uint64_t line) {
    if (window.Contains(view.time())) {
      analysis.Add(view, input, line);
    } else {
      ++outside;
    }
  };
  SECKIT_RETURN_IF_ERROR(StreamRecords(inputs, options.threads, io.diag, progress, consumer,
      totals));

  progress.Finish();
  ReportSettings settings;
  settings.title = options.title;
  settings.top_n = options.top;
  Report report = BuildReport(analysis, settings);
  report.inputs = inputs;
  report.bad_lines = totals.bad_lines;
  report.outside_window = outside;
  std::string text;
  if (format == "html") RenderHtml(report, text);
  else if (format == "md") RenderMarkdown(report, text);
  else if (format == "text") RenderText(report, text);
  else if (format == "timesketch") RenderTimesketch(report, text);
  else RenderJson(report, text);
  io.out.Write(text);

  if (totals.missing) return Status(ExitCode::kNoInput, "");
  if (fail_on && report.worst() && *report.worst() >= *fail_on) {
    io.diag.Note("a finding at or above " + std::string(SeverityName(*fail_on)) + " exists");
    return Status(ExitCode::kNothingFound, "");
  }
  return Status::Ok();
}

}  // namespace seckit::triage_report
