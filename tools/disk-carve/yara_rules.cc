// Compiling with libyara: each file is first compiled alone, so that one bad file (a YARA
// compiler cannot be reused after an error) costs only that file.
#include "yara_rules.h"

#include <yara.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "seckit/json_writer.h"

namespace seckit::disk_carve {
namespace {

// libyara is initialised once for the process (yr_initialize is reference counted).
void InitializeYara() {
  static const int kInit = yr_initialize();
  (void)kInit;
}

struct CompileErrors {
  std::vector<std::string> messages;
  std::string path;
};

void OnCompileMessage(int level, const char* file, int line, const YR_RULE*, const char* message,
                      void* user) {
  if (level != YARA_ERROR_LEVEL_ERROR) return;
  auto* errors = static_cast<CompileErrors*>(user);
  errors->messages.push_back(std::string(file != nullptr ? file : errors->path.c_str()) + ":" +
                             std::to_string(line) + ": " + message);
}

// Adds `path` to `compiler` under `ns`; the number of errors, with their messages in `errors`.
int AddFile(YR_COMPILER* compiler, const std::string& path, const std::string& ns,
            CompileErrors& errors) {
  errors.path = path;
  yr_compiler_set_callback(compiler, OnCompileMessage, &errors);
  FILE* file = std::fopen(path.c_str(), "r");
  if (file == nullptr) {
    errors.messages.push_back(path + ": cannot open");
    return 1;
  }
  const int count = yr_compiler_add_file(compiler, file, ns.c_str(), path.c_str());
  (void)std::fclose(file);  // opened for reading: nothing to lose
  return count;
}

std::vector<std::string> RuleFiles(const std::string& path) {
  std::vector<std::string> files;
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return {path};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path, ec)) {
    const std::string ext = entry.path().extension().string();
    if (entry.is_regular_file(ec) && (ext == ".yar" || ext == ".yara")) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct ScanState {
  std::vector<YaraMatch> matches;
};

int OnScanMessage(YR_SCAN_CONTEXT*, int message, void* data, void* user) {
  if (message != CALLBACK_MSG_RULE_MATCHING) return CALLBACK_CONTINUE;
  const auto* rule = static_cast<const YR_RULE*>(data);
  YaraMatch match;
  match.rule = rule->identifier;
  match.rule_namespace = rule->ns != nullptr ? rule->ns->name : "";
  const char* tag = nullptr;
  yr_rule_tags_foreach(rule, tag) { match.tags.emplace_back(tag); }
  const YR_META* meta = nullptr;
  yr_rule_metas_foreach(rule, meta) {
    std::string value;
    if (meta->type == META_TYPE_INTEGER) {
      value = std::to_string(meta->integer);
    } else if (meta->type == META_TYPE_BOOLEAN) {
      value = meta->integer != 0 ? "true" : "false";
    } else {
      AppendJsonString(value, meta->string != nullptr ? meta->string : "");
    }
    match.meta.emplace_back(meta->identifier, std::move(value));
  }
  static_cast<ScanState*>(user)->matches.push_back(std::move(match));
  return CALLBACK_CONTINUE;
}

}  // namespace

Result<std::unique_ptr<YaraRules>> YaraRules::Compile(const std::string& path, Diagnostics& diag) {
  InitializeYara();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::Config("cannot open YARA rules " + path + ": no such file or directory");
  }
  YR_COMPILER* compiler = nullptr;
  if (yr_compiler_create(&compiler) != ERROR_SUCCESS) return Status::Internal("yr_compiler_create");
  size_t good = 0;
  std::string first_error;
  for (const std::string& file : RuleFiles(path)) {
    const std::string ns = std::filesystem::path(file).stem().string();
    YR_COMPILER* trial = nullptr;
    if (yr_compiler_create(&trial) != ERROR_SUCCESS) continue;
    CompileErrors errors;
    const int failed = AddFile(trial, file, ns, errors);
    yr_compiler_destroy(trial);
    if (failed != 0) {
      for (const std::string& message : errors.messages) {
        diag.Warning("YARA rules left out, they do not compile: " + message);
        if (first_error.empty()) first_error = message;
      }
      continue;
    }
    CompileErrors again;
    if (AddFile(compiler, file, ns, again) == 0) ++good;
  }
  if (good == 0) {
    yr_compiler_destroy(compiler);
    return Status::Config("no YARA rules compiled from " + path +
                          (first_error.empty() ? " (no .yar or .yara file)" : ": " + first_error));
  }
  YR_RULES* rules = nullptr;
  const int got = yr_compiler_get_rules(compiler, &rules);
  yr_compiler_destroy(compiler);
  if (got != ERROR_SUCCESS) return Status::Config("cannot build YARA rules from " + path);
  return std::unique_ptr<YaraRules>(new YaraRules(rules));
}

YaraRules::~YaraRules() { yr_rules_destroy(rules_); }

Result<std::vector<YaraMatch>> YaraRules::Scan(std::span<const uint8_t> data) const {
  ScanState state;
  const int rc = yr_rules_scan_mem(rules_, data.data(), data.size(), SCAN_FLAGS_FAST_MODE,
                                   OnScanMessage, &state, 0);
  if (rc != ERROR_SUCCESS) {
    return Status::Internal("YARA scan failed with error " + std::to_string(rc));
  }
  return std::move(state.matches);
}

}  // namespace seckit::disk_carve
