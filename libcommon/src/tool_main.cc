// ToolMain: the shared main() — common flags, config, signals, output, errors → exit status.
#include "seckit/tool_main.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <exception>
#include <iostream>

#include "seckit/cli_doc.h"
#include "seckit/config.h"
#include "seckit/diag.h"
#include "seckit/output.h"

#ifndef SECKIT_VERSION
#define SECKIT_VERSION "0.0.0"
#endif
#ifndef SECKIT_RELEASE_DATE
#define SECKIT_RELEASE_DATE "2026-11-25"
#endif

namespace seckit {
namespace {

constexpr const char* kCommonGroup = "Common options";

// Prints a generated man page or completion script for `what` (man, bash, zsh, fish).
int Generate(const ToolSpec& spec, const CLI::App& app, const std::string& what) {
  std::string text;
  if (what == "man") {
    text = ManPage(spec.info, app, VersionString(), SECKIT_RELEASE_DATE);
  } else if (what == "bash") {
    text = BashCompletion(spec.info, app);
  } else if (what == "zsh") {
    text = ZshCompletion(spec.info, app);
  } else if (what == "fish") {
    text = FishCompletion(spec.info, app);
  } else {
    std::cerr << spec.info.name << ": error: --generate takes man, bash, zsh or fish\n";
    return static_cast<int>(ExitCode::kUsage);
  }
  std::cout << text;
  std::cout.flush();
  return std::cout ? 0 : static_cast<int>(ExitCode::kIoError);
}

// Runs the tool with output opened and config loaded; returns the outcome.
Status RunTool(const ToolSpec& spec, const CommonOptions& common, Diagnostics& diag,
               bool& reader_closed) {
  Result<Config> config = Config::Load(common.config_path, spec.info.name);
  if (!config.ok()) return config.status();
  if (!config->warning().empty()) diag.Warning(config->warning());
  Result<std::unique_ptr<OutputStream>> out = OutputStream::Open(common.output_path);
  if (!out.ok()) return out.status();
  OutputStream& stream = **out;
  stream.set_line_buffered(common.line_buffered || stream.is_terminal());
  Io io{common, diag, stream, *config};
  Status status = spec.run(io);
  reader_closed = stream.closed_by_reader();
  if (Interrupted() || status.code() == ExitCode::kInternal) {
    return Interrupted() ? Status::Interrupted() : status;  // leave any old -o file as it was
  }
  Status committed = stream.Commit();
  reader_closed = stream.closed_by_reader();
  return status.ok() ? committed : status;
}

}  // namespace

std::string VersionString() { return std::string("seckit ") + SECKIT_VERSION; }

void DefineCommandLine(const ToolSpec& spec, CLI::App& app, CommonOptions& common) {
  app.name(spec.info.name);
  app.description(spec.info.summary);
  app.set_version_flag("--version", VersionString(), "Print the version and exit");
  app.get_option("--help")->group(kCommonGroup);
  app.get_option("--version")->group(kCommonGroup);
  // "-x,--long", or "--long" when the tool has taken -x for itself.
  auto names = [&spec](const char* short_name, const char* long_name) {
    const auto& reserved = spec.reserved_short_flags;
    std::string joined = long_name;
    if (std::find(reserved.begin(), reserved.end(), short_name) == reserved.end()) {
      joined = std::string("-") + short_name + "," + joined;
    }
    return joined;
  };
  app.add_flag(names("q", "--quiet"), common.quiet, "Print no warnings, only errors")
      ->group(kCommonGroup);
  app.add_flag(names("v", "--verbose"), common.verbose, "Print notes on what is being done")
      ->group(kCommonGroup);
  app.add_option(names("o", "--output"), common.output_path,
                 "Write records to FILE (atomically: temp file, then rename) instead of "
                 "standard output")
      ->type_name("FILE")
      ->group(kCommonGroup);
  app.add_option("--config", common.config_path,
                 "Read configuration from FILE (default: $XDG_CONFIG_HOME/seckit/config.toml)")
      ->type_name("FILE")
      ->group(kCommonGroup);
  app.add_flag("--strict", common.strict,
               "Stop at the first malformed input instead of reporting and skipping it")
      ->group(kCommonGroup);
  app.add_flag("--progress", common.progress,
               "Show progress on stderr even when it is not a terminal")
      ->group(kCommonGroup);
  app.add_flag("--line-buffered", common.line_buffered, "Flush output after every record")
      ->group(kCommonGroup);
  if (spec.define) spec.define(app);
}

int ToolMain(const ToolSpec& spec, int argc, char** argv) {
  (void)std::signal(SIGPIPE, SIG_IGN);
  InstallInterruptHandlers();
  Diagnostics diag(spec.info.name);
  try {
    CLI::App app;
    CommonOptions common;
    DefineCommandLine(spec, app, common);
    // Generation needs no valid command line for the tool itself (required positionals).
    if (argc == 3 && std::strcmp(argv[1], "--generate") == 0) return Generate(spec, app, argv[2]);
    try {
      app.parse(argc, argv);
    } catch (const CLI::Success& e) {  // --help, --version
      return app.exit(e) == 0 ? 0 : static_cast<int>(ExitCode::kUsage);
    } catch (const CLI::ParseError& e) {
      diag.Error(e.what(), "command line; try '" + spec.info.name + " --help'");
      return static_cast<int>(ExitCode::kUsage);
    }
    diag.set_quiet(common.quiet);
    diag.set_verbose(common.verbose);
    diag.set_strict(common.strict);
    bool reader_closed = false;
    Status status = RunTool(spec, common, diag, reader_closed);
    diag.Finish();
    if (Interrupted()) return static_cast<int>(ExitCode::kInterrupted);
    if (reader_closed) return 0;  // `| head`: done, quietly
    if (!status.ok() && !status.message().empty()) diag.Error(status.message());
    return static_cast<int>(MoreSerious(status.code(), diag.InputOutcome()));
  } catch (const std::exception& e) {
    diag.Error(std::string("internal error: ") + e.what());
  } catch (...) {
    diag.Error("internal error: unknown exception");
  }
  return static_cast<int>(ExitCode::kInternal);
}

}  // namespace seckit
