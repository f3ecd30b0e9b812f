// log-grep's flow: build the selection from the options, expand the inputs, search each one
// (resuming from --state), and print records, text, counts or file names.
#include <unistd.h>

#include "input_set.h"
#include "options.h"
#include "resume_state.h"
#include "searcher.h"
#include "seckit/config.h"
#include "seckit/diag.h"
#include "seckit/input.h"
#include "seckit/output.h"

namespace seckit::log_grep {
namespace {

Result<std::vector<std::string>> ReadPatternFile(const std::string& path) {
  Result<std::unique_ptr<InputSource>> input = OpenInput(path);
  if (!input.ok()) return input.status();
  LineReader reader(**input);
  std::vector<std::string> patterns;
  Line line;
  while (reader.Next(line)) patterns.emplace_back(line.text);
  if (!reader.status().ok()) return reader.status();
  return patterns;
}

Result<TimeNs> ParseTimeOption(const char* flag, const std::string& text) {
  std::optional<TimeNs> time = ParseAny(text);
  if (!time) {
    return Status::Usage(std::string(flag) + ": cannot read '" + text +
                         "' as a time (use RFC 3339, e.g. 2026-11-24T10:00:00Z, or epoch seconds)");
  }
  return *time;
}

// Splits the positionals into the pattern (when nothing else says what to look for) and files.
Status TakePatterns(const Options& options, std::vector<std::string>& patterns,
                    std::vector<std::string>& files) {
  files = options.positionals;
  patterns = options.patterns;
  for (const std::string& path : options.pattern_files) {
    Result<std::vector<std::string>> more = ReadPatternFile(path);
    if (!more.ok()) return Status::Usage("-f: " + more.status().message());
    patterns.insert(patterns.end(), more->begin(), more->end());
  }
  bool told = !options.patterns.empty() || !options.pattern_files.empty() ||
              !options.ioc_files.empty() || !options.where.empty();
  if (!told) {
    if (files.empty()) return Status::Usage("nothing to look for: give a PATTERN, -e, -f, --ioc or --where");
    patterns.push_back(files.front());
    files.erase(files.begin());
  }
  return Status::Ok();
}

Status LoadIocs(const Options& options, IocMatcher& iocs, Diagnostics& diag) {
  for (const std::string& path : options.ioc_files) {
    std::vector<IocFeedError> rejected;
    Status status = iocs.LoadFile(path, rejected);
    if (!status.ok()) return Status(status.code(), "--ioc: " + status.message());
    for (const IocFeedError& error : rejected) {
      diag.Warning("not an indicator: '" + error.text + "'", path + ":" + std::to_string(error.line));
    }
  }
  iocs.Finish();
  if (!options.ioc_files.empty() && iocs.empty()) {
    return Status::Usage("--ioc: no indicators in " + options.ioc_files.front());
  }
  return Status::Ok();
}

Result<Selection> BuildSelection(const Options& options, std::vector<std::string>& files,
                                 Diagnostics& diag) {
  Selection selection;
  std::vector<std::string> patterns;
  SECKIT_RETURN_IF_ERROR(TakePatterns(options, patterns, files));
  if (options.invert && patterns.empty() && options.ioc_files.empty()) {
    return Status::Usage("-v inverts patterns or --ioc; there is neither");
  }
  Result<PatternSet> compiled = PatternSet::Compile(
      std::move(patterns), {options.fixed, options.ignore_case, options.word});
  if (!compiled.ok()) return compiled.status();
  selection.patterns = std::move(compiled).value();
  SECKIT_RETURN_IF_ERROR(LoadIocs(options, selection.iocs, diag));
  if (!options.where.empty()) {
    Result<WhereExpr> where = WhereExpr::Parse(options.where);
    if (!where.ok()) return where.status();
    selection.where = std::move(where).value();
  }
  if (!options.since.empty()) {
    Result<TimeNs> since = ParseTimeOption("--since", options.since);
    if (!since.ok()) return since.status();
    selection.since = *since;
  }
  if (!options.until.empty()) {
    Result<TimeNs> until = ParseTimeOption("--until", options.until);
    if (!until.ok()) return until.status();
    selection.until = *until;
  }
  selection.invert = options.invert;
  selection.max_count = options.max_count;
  selection.format = *ParseLogFormat(options.format);
  return selection;
}

// Prints "FILE:COUNT" (or "COUNT") for -c, "FILE" for -l.
void PrintSummary(OutputStream& out, const std::string& path, bool with_name, bool count_only,
                  uint64_t selected) {
  std::string name = path == "-" ? "(standard input)" : path;
  std::string line;
  if (count_only) {
    line = with_name ? name + ":" + std::to_string(selected) : std::to_string(selected);
  } else if (selected > 0) {
    line = name;
  } else {
    return;
  }
  line.push_back('\n');
  out.Write(line);
}

}  // namespace

Status Run(const Options& options, Io& io) {
  std::vector<std::string> args;
  Result<Selection> built = BuildSelection(options, args, io.diag);
  if (!built.ok()) return built.status();
  const Selection& selection = *built;

  InputSetOptions input_options;
  input_options.recursive = options.recursive;
  input_options.include = options.include;
  input_options.exclude = options.exclude;
  Result<InputSet> inputs = ExpandInputs(args, input_options, io.diag);
  if (!inputs.ok()) return inputs.status();

  Report report = options.count ? Report::kCount
                  : options.files_with_matches ? Report::kFileNames
                                               : Report::kRecords;
  bool as_text = options.text || (!options.json && io.out.is_terminal());
  TimeNs run_time = Now();
  JsonLineWriter json(io.out, run_time);
  TextStyle style;
  style.color = as_text && (options.color == "always" ||
                            (options.color == "auto" && io.out.is_terminal()));
  style.file_names = !options.no_filename &&
                     (options.with_filename || args.size() > 1 || options.recursive);
  style.line_numbers = options.line_numbers;
  TextLineWriter text(io.out, style);
  Searcher searcher(selection, report, io, as_text ? nullptr : &json, as_text ? &text : nullptr,
                    run_time);
  searcher.set_threads(options.threads);

  std::optional<ResumeState> state;
  if (!options.state_file.empty()) {
    Result<ResumeState> opened = ResumeState::Open(options.state_file);
    if (!opened.ok()) return opened.status();
    state = std::move(opened).value();
  }
  std::vector<ReadPlan> plans;
  if (state) {
    plans = state->Plan(inputs->paths, io.diag);
    searcher.set_count_lines(true);  // the state keeps line numbers for the next run
  } else {
    for (const std::string& path : inputs->paths) {
      ReadPlan plan;
      plan.path = path;
      plan.final = true;
      plans.push_back(plan);
    }
  }

  ExitCode worst = inputs->outcome;
  uint64_t selected = 0;
  for (const ReadPlan& plan : plans) {
    Result<std::unique_ptr<InputSource>> source =
        plan.tracked ? OpenPlanned(plan) : OpenAt(plan.path, plan.start_offset);
    if (!source.ok()) {
      if (source.status().code() == ExitCode::kTempFail) {
        io.diag.Warning(source.status().message());  // rotated meanwhile: read by the next run
        continue;
      }
      io.diag.Error(source.status().message());
      worst = MoreSerious(worst, source.status().code());
      continue;
    }
    SearchResult result;
    Status status = searcher.Search(**source, plan.path, plan.start_offset, plan.start_line,
                                    !plan.final, result);
    if (status.code() == ExitCode::kInterrupted || !io.out.healthy()) return status;
    if (!status.ok()) {
      if (io.diag.strict()) return status;
      if (!status.message().empty()) io.diag.Error(status.message());
      worst = MoreSerious(worst, status.code());
    } else if (state) {
      state->Record(plan, ReadProgress{result.end_offset, result.lines, result.reached_end});
    }
    selected += result.selected;
    if (report != Report::kRecords) {
      PrintSummary(io.out, plan.path, style.file_names, report == Report::kCount, result.selected);
    }
  }
  if (state) {
    // Saved only when the output is intact: records lost to a write error must be read again.
    Status flushed = io.out.Flush();
    if (!flushed.ok()) return flushed;
    Status saved = state->Save();
    if (!saved.ok()) return saved;
  }
  if (worst != ExitCode::kOk) return Status(worst, "");
  return selected > 0 ? Status::Ok() : Status(ExitCode::kNothingFound, "");
}

}  // namespace seckit::log_grep
