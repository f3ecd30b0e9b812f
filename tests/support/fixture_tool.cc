// seckit-fixture: a test-only tool (never installed) that copies JSON-lines records through
// ToolMain, so tests can prove the shared contract end to end: exit statuses, diagnostics,
// closed pipes, full disks, atomic -o, --strict and config checks.
#include <CLI/CLI.hpp>

#include "seckit/diag.h"
#include "seckit/json_writer.h"
#include "seckit/output.h"
#include "seckit/records.h"
#include "seckit/tool_main.h"

namespace {

struct Options {
  std::vector<std::string> inputs;
  uint64_t repeat = 1;  // write each record this many times (to make a lot of output)
};

seckit::Status Run(const Options& options, seckit::Io& io) {
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back("-");
  seckit::Status worst;
  for (const std::string& path : inputs) {
    auto source = seckit::OpenInput(path);
    if (!source.ok()) {
      io.diag.Error(source.status().message());
      if (worst.ok()) worst = seckit::Status(source.status().code(), "");
      continue;
    }
    seckit::JsonLinesReader reader(**source, io.diag);
    seckit::JsonRecord record;
    while (reader.Next(record) && io.out.healthy()) {
      for (uint64_t i = 0; i < options.repeat && io.out.healthy(); ++i) {
        io.out.Write(record.raw);
        io.out.Write("\n");
      }
    }
    if (!reader.status().ok()) return reader.status();
  }
  return worst;
}

}  // namespace

int main(int argc, char** argv) {
  auto options = std::make_shared<Options>();
  seckit::ToolSpec spec;
  spec.info.name = "seckit-fixture";
  spec.info.summary = "copy JSON-lines records (test fixture)";
  spec.define = [options](CLI::App& app) {
    app.add_option("inputs", options->inputs, "Inputs")->type_name("FILE");
    app.add_option("--repeat", options->repeat, "Write each record N times")->type_name("N");
  };
  spec.run = [options](seckit::Io& io) { return Run(*options, io); };
  return seckit::ToolMain(spec, argc, argv);
}
