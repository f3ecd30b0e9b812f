// ioc-enrich's flow: set up the sources, then read records (or indicator lists) in batches,
// resolve each batch's new indicators together, and write the records in input order.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>

#include "options.h"
#include "record_batch.h"
#include "record_read_ahead.h"
#include "resolver.h"
#include "seckit/diag.h"
#include "seckit/input.h"
#include "seckit/line_reader.h"
#include "seckit/output.h"
#include "seckit/records.h"

namespace seckit::ioc_enrich {
namespace {

// The providers to ask: --provider, else the config's `providers` list ([ioc-enrich] or top level).
Result<std::vector<std::string>> ProviderNames(const Options& options, const Config& config) {
  if (!options.providers.empty()) return options.providers;
  Result<std::optional<std::vector<std::string>>> listed = config.GetStringList("providers");
  if (!listed.ok()) return listed.status();
  return listed->value_or(std::vector<std::string>{});
}

// NAME=URL pairs of --provider-url, checked against the providers asked for.
Result<std::map<std::string, std::string>> ProviderUrls(const Options& options,
                                                        const std::vector<std::string>& names) {
  std::map<std::string, std::string> urls;
  for (const std::string& pair : options.provider_urls) {
    const size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size()) {
      return Status::Usage("--provider-url wants NAME=URL, not '" + pair + "'");
    }
    std::string name = pair.substr(0, eq);
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      return Status::Usage("--provider-url names " + name + ", which no --provider asks for");
    }
    urls[name] = pair.substr(eq + 1);
  }
  return urls;
}

// The CA file HTTPS servers are verified against: --ca-file, else ca_file in the config, else ""
// (the system's store). Checked here, so that a wrong path is one clear error and not a
// certificate failure recorded for every lookup.
Result<std::string> CaFile(const Options& options, const Config& config) {
  std::string path = options.ca_file;
  const bool from_config = path.empty();
  if (from_config) {
    Result<std::optional<std::string>> configured = config.GetString("ca_file");
    if (!configured.ok()) return configured.status();
    path = configured->value_or(std::string());
    if (path.empty()) return path;
  }
  std::string why;
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    why = "is a directory";
  } else if (std::FILE* file = std::fopen(path.c_str(), "rb"); file == nullptr) {
    why = std::strerror(errno);
  } else {
    (void)std::fclose(file);
  }
  if (!why.empty()) {
    const std::string message = "cannot read the CA file " + path + ": " + why;
    return from_config ? Status::Config(message + " (ca_file in the config)")
                       : Status::NoInput(message);
  }
  return path;
}

Result<ResolverSources> OpenSources(const Options& options, Io& io) {
  ResolverSources sources;
  for (const std::string& feed : options.feeds) {
    SECKIT_RETURN_IF_ERROR(sources.feeds.Load(feed, io.diag));
  }
  sources.feeds.Finish();
  for (const std::string& path : options.mmdb) {
    Result<std::unique_ptr<GeoDatabase>> db = GeoDatabase::Open(path);
    if (!db.ok()) return db.status();
    sources.geo.emplace_back("mmdb:" + std::filesystem::path(path).filename().string(),
                             std::move(db.value()));
  }
  Result<std::vector<std::string>> names = ProviderNames(options, io.config);
  if (!names.ok()) return names.status();
  Result<std::map<std::string, std::string>> urls = ProviderUrls(options, *names);
  if (!urls.ok()) return urls.status();
  for (const std::string& name : *names) {
    auto url = urls->find(name);
    Result<std::unique_ptr<Provider>> provider =
        MakeProvider(name, url == urls->end() ? std::string() : url->second, io.config);
    if (!provider.ok()) return provider.status();
    sources.providers.push_back(std::move(provider.value()));
  }
  const bool wants_cache = !options.no_cache && !sources.providers.empty();
  if (wants_cache) {
    const std::string path =
        options.cache_path.empty() ? AnswerCache::DefaultPath() : options.cache_path;
    if (path.empty()) {
      io.diag.Warning("no cache: neither XDG_CACHE_HOME nor HOME is set (use --cache FILE)");
    } else {
      Result<std::unique_ptr<AnswerCache>> cache = AnswerCache::Open(path);
      if (!cache.ok()) return cache.status();
      sources.cache = std::move(cache.value());
    }
  }
  if (!options.offline && !sources.providers.empty()) {
    HttpEngineOptions engine;
    engine.max_connections = options.concurrency;
    engine.timeout = static_cast<TimeNs>(options.timeout_seconds * kNsPerSecond);
    engine.user_agent = "ioc-enrich (" + VersionString() + ")";
    Result<std::string> ca_file = CaFile(options, io.config);
    if (!ca_file.ok()) return ca_file.status();
    engine.ca_file = std::move(ca_file.value());
    sources.engine = std::make_unique<HttpEngine>(engine, sources.cache.get());
    for (const auto& provider : sources.providers) {
      sources.engine->SetLimits(provider->name(), provider->limits());
    }
  }
  if (sources.feeds.empty() && sources.geo.empty() && sources.providers.empty()) {
    return Status::Usage(
        "nothing to ask: give --feed, --mmdb or --provider (or name providers in the config)");
  }
  return sources;
}

class Enricher {
 public:
  Enricher(const Options& options, Io& io, Resolver& resolver, JsonWriter& writer)
      : io_(io),
        resolver_(resolver),
        field_names_(options.fields.empty() ? DefaultIndicatorFields() : options.fields),
        fields_(field_names_),
        batch_(writer, options.min_score) {}

  Status Records(const std::string& path) {
    Result<std::unique_ptr<InputSource>> in = OpenInput(path);
    if (!in.ok()) {
      io_.diag.Error(in.status().message());
      missing_input_ = true;
      return Status::Ok();
    }
    if (ReadAhead()) return RecordsReadAhead(**in);
    JsonLinesReader reader(**in, io_.diag);
    JsonRecord record;
    std::vector<FieldIndicator> found;
    std::vector<RecordMatch> matches;
    while (reader.Next(record)) {
      if (Interrupted()) return Status::Interrupted();
      found.clear();
      matches.clear();
      fields_.Collect(record, found);
      for (FieldIndicator& f : found) {
        const Resolution& r = resolver_.Request(f.indicator);
        matches.push_back({fields_.paths()[f.field].dotted(), std::move(f.indicator), &r});
      }
      batch_.AddRecord(record, matches);
      if (EndOfBatch()) SECKIT_RETURN_IF_ERROR(Flush());
    }
    return reader.status();
  }

  // Parsing and looking for indicators on a second core while this one resolves and writes;
  // not with --line-buffered, where each record is to go out as soon as it has been read.
  bool ReadAhead() const {
    return !io_.common.line_buffered && std::thread::hardware_concurrency() > 1;
  }

  // Records() with the reading done by RecordReadAhead: the same records, indicators, batches
  // and messages, in the same order.
  Status RecordsReadAhead(InputSource& in) {
    RecordReadAhead ahead(in, io_.diag, field_names_);
    std::vector<FieldIndicator> found;
    std::vector<RecordMatch> matches;
    while (const RecordChunk* chunk = ahead.Next()) {
      for (const ReadRecord& record : chunk->records) {
        if (Interrupted()) return Status::Interrupted();
        found.clear();
        for (size_t i = record.first; i < record.first + record.count; ++i) {
          const FieldValue& v = chunk->values[i];
          IndicatorFields::AddIndicator(v.field, chunk->Text(v.text), found);
        }
        matches.clear();
        for (FieldIndicator& f : found) {
          const Resolution& r = resolver_.Request(f.indicator);
          matches.push_back({fields_.paths()[f.field].dotted(), std::move(f.indicator), &r});
        }
        batch_.AddRecordText(chunk->Text(record.text), record.merge, matches);
        if (EndOfBatch()) SECKIT_RETURN_IF_ERROR(Flush());
      }
    }
    return ahead.status();
  }

  Status List(const std::string& path) {
    Result<std::unique_ptr<InputSource>> in = OpenInput(path);
    if (!in.ok()) {
      io_.diag.Error(in.status().message());
      missing_input_ = true;
      return Status::Ok();
    }
    LineReader reader(**in);
    Line line;
    while (reader.Next(line)) {
      if (Interrupted()) return Status::Interrupted();
      const FeedLine entry = ParseFeedLine(line.text);
      if (entry.blank) continue;
      if (!entry.indicator) {
        SECKIT_RETURN_IF_ERROR(io_.diag.BadInput(
            "not an indicator", (*in)->name() + ":" + std::to_string(line.number)));
        continue;
      }
      const Resolution& r = resolver_.Request(*entry.indicator);
      batch_.AddListed({"threat.indicator", *entry.indicator, &r}, path, line.number);
      if (EndOfBatch()) SECKIT_RETURN_IF_ERROR(Flush());
    }
    return reader.status();
  }

  Status Flush() {
    SECKIT_RETURN_IF_ERROR(resolver_.ResolvePending());
    batch_.Flush();
    resolver_.Forget();  // the batch's records are written: no resolution is referenced now
    return io_.out.status();
  }

  bool missing_input() const { return missing_input_; }
  uint64_t dropped() const { return batch_.dropped(); }

 private:
  bool EndOfBatch() const {
    return io_.common.line_buffered || batch_.full(resolver_.pending_count());
  }

  Io& io_;
  Resolver& resolver_;
  std::vector<std::string> field_names_;
  IndicatorFields fields_;
  RecordBatch batch_;
  bool missing_input_ = false;
};

// One line per source on stderr: a warning when lookups failed, a note (--verbose) otherwise.
Status Summarize(const Resolver& resolver, Io& io) {
  uint64_t failed = 0;
  for (const auto& [name, s] : resolver.stats()) {
    std::string line = name + ": " + std::to_string(s.asked) + " asked, " +
                       std::to_string(s.from_cache) + " from cache, " +
                       std::to_string(s.found) + " found";
    const HttpEngine::Stats http = resolver.engine_stats(name);
    if (http.requests > 0) {
      line += ", " + std::to_string(http.requests) + " requests (" +
              std::to_string(http.retries) + " retries, " + std::to_string(http.rate_limited) +
              " rate-limited)";
    }
    if (s.errors > 0) {
      failed += s.errors;
      line += ", " + std::to_string(s.errors) + " failed (" + s.first_error + ")";
      io.diag.Warning(line);
    } else {
      io.diag.Note(line);
    }
  }
  if (failed > 0) {
    return Status::Unavailable(std::to_string(failed) +
                               " lookups failed; the records say which (ioc.errors)");
  }
  return Status::Ok();
}

}  // namespace

Status Run(const Options& options, Io& io) {
  Result<ResolverSources> sources = OpenSources(options, io);
  if (!sources.ok()) return sources.status();
  Resolver resolver(std::move(sources.value()), options.all_addresses);
  JsonWriter writer(io.out);
  Enricher enricher(options, io, resolver, writer);
  Status status;
  for (const std::string& list : options.indicator_lists) {
    status = enricher.List(list);
    if (!status.ok()) break;
  }
  if (status.ok() && (!options.inputs.empty() || options.indicator_lists.empty())) {
    std::vector<std::string> inputs = options.inputs;
    if (inputs.empty()) inputs.push_back("-");
    for (const std::string& input : inputs) {
      status = enricher.Records(input);
      if (!status.ok()) break;
    }
  }
  if (status.ok() || status.code() == ExitCode::kDataError) {
    Status flushed = enricher.Flush();
    if (status.ok()) status = flushed;
  }
  Status summary = Summarize(resolver, io);
  if (!status.ok()) return status;
  // Each missing input was reported when it was met: no second message.
  if (enricher.missing_input()) return Status(ExitCode::kNoInput, "");
  return summary;
}

}  // namespace seckit::ioc_enrich
