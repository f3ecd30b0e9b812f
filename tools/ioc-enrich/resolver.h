// Asks every source about each distinct indicator once per run: local feeds and .mmdb files at
// once, online providers through the answer cache and, for what the cache does not hold, the HTTP
// engine, in batches (Request() many, then ResolvePending()). Answers are kept for the whole run
// and applied to every record that holds the indicator.
#ifndef SECKIT_IOC_ENRICH_RESOLVER_H_
#define SECKIT_IOC_ENRICH_RESOLVER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "answer_cache.h"
#include "enrichment.h"
#include "geo_database.h"
#include "http_engine.h"
#include "local_feeds.h"
#include "provider.h"
#include "resolution_table.h"
#include "seckit/indicators.h"
#include "seckit/status.h"

namespace seckit::ioc_enrich {

// Per source, for the summary on stderr.
struct SourceStats {
  uint64_t asked = 0;  // distinct indicators looked up (again after Resolver::Forget)
  uint64_t from_cache = 0;
  uint64_t found = 0;
  uint64_t errors = 0;
  std::string first_error;  // an example, for the summary
};

struct ResolverSources {
  LocalFeeds feeds;
  std::vector<std::pair<std::string, std::unique_ptr<GeoDatabase>>> geo;  // name, database
  std::vector<std::unique_ptr<Provider>> providers;
  std::unique_ptr<AnswerCache> cache;  // may be null (--no-cache)
  std::unique_ptr<HttpEngine> engine;  // null when offline or without providers
};

class Resolver {
 public:
  // all_addresses: also send private, loopback, documentation and other non-global addresses to
  // online providers and .mmdb lookups (local feeds always see every address).
  Resolver(ResolverSources sources, bool all_addresses);

  // Distinct indicators remembered at most between batches (a few hundred bytes each, and as
  // much again per field an enriched one's entries were written for, kept as JSON): past
  // this, Forget() starts over, so memory stays bounded on an endless stream of new indicators.
  static constexpr size_t kMaxRemembered = size_t{1} << 18;

  // The resolution of `indicator`: complete for local sources and cached answers at once; online
  // answers arrive with the next ResolvePending(). The reference stays valid until Forget().
  const Resolution& Request(const Indicator& indicator);

  // Drops every remembered resolution when more than `limit` are held. Only between batches:
  // no reference from Request() may be in use and nothing may be pending. Forgotten indicators
  // are asked again when they come back (online answers then come from the answer cache).
  void Forget(size_t limit = kMaxRemembered);
  size_t remembered() const { return known_.size(); }

  // Asks the online providers about everything requested since the last call.
  Status ResolvePending();
  // Online lookups waiting for the next ResolvePending() (one per indicator and provider).
  size_t pending_count() const { return pending_.size(); }
  bool online() const { return sources_.engine != nullptr; }

  // Sources in the order they are asked, with what happened.
  const std::map<std::string, SourceStats>& stats() const { return stats_; }
  // The HTTP engine's counters for `provider` (all zero when offline).
  HttpEngine::Stats engine_stats(const std::string& provider) const;

 private:
  struct Pending {
    Indicator indicator;
    Resolution* resolution;
    size_t provider;
  };
  void AskLocal(const Indicator& indicator, Resolution& resolution);
  void AskProviders(const Indicator& indicator, Resolution& resolution);
  void Apply(const std::string& provider, Answer answer, Resolution& resolution);

  ResolverSources sources_;
  bool all_addresses_;
  ResolutionTable known_;  // key: type letter + value
  std::string key_;        // the buffer KeyOf fills
  std::vector<Pending> pending_;
  std::map<std::string, SourceStats> stats_;
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_RESOLVER_H_
