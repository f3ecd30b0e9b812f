// Resolver: local sources at once, online ones through the cache and then the HTTP engine.
#include "resolver.h"

#include <algorithm>

#include "seckit/ip.h"
#include "seckit/time.h"

namespace seckit::ioc_enrich {
namespace {

// `key` := the key of `indicator` in known_ (a buffer reused, so a lookup allocates nothing).
void KeyOf(const Indicator& indicator, std::string& key) {
  key.assign(1, static_cast<char>('a' + static_cast<int>(indicator.type)));
  key += indicator.value;
}

// The address an IP indicator names, or nullopt for other types.
std::optional<IpAddress> AddressOf(const Indicator& indicator) {
  if (indicator.type != IndicatorType::kIpv4 && indicator.type != IndicatorType::kIpv6) {
    return std::nullopt;
  }
  return IpAddress::Parse(indicator.value);
}

}  // namespace

Resolver::Resolver(ResolverSources sources, bool all_addresses)
    : sources_(std::move(sources)), all_addresses_(all_addresses) {
  if (!sources_.feeds.empty()) stats_["feeds"];
  for (const auto& [name, db] : sources_.geo) stats_[name];
  for (const auto& provider : sources_.providers) stats_[provider->name()];
}

const Resolution& Resolver::Request(const Indicator& indicator) {
  KeyOf(indicator, key_);
  const std::pair<Resolution&, bool> found = known_.FindOrAdd(key_);
  Resolution& resolution = found.first;  // in known_, which keeps it in place
  if (!found.second) return resolution;
  AskLocal(indicator, resolution);
  AskProviders(indicator, resolution);
  return resolution;
}

void Resolver::Forget(size_t limit) {
  if (known_.size() <= limit || !pending_.empty()) return;
  known_.Clear();
}

void Resolver::AskLocal(const Indicator& indicator, Resolution& resolution) {
  if (!sources_.feeds.empty()) {
    SourceStats& s = stats_["feeds"];
    ++s.asked;
    const size_t before = resolution.enrichments.size();
    sources_.feeds.Lookup(indicator, resolution.enrichments);
    if (resolution.enrichments.size() > before) ++s.found;
  }
  if (sources_.geo.empty()) return;
  std::optional<IpAddress> address = AddressOf(indicator);
  if (!address || (!all_addresses_ && !address->IsGlobal())) return;
  for (const auto& [name, db] : sources_.geo) {
    SourceStats& s = stats_[name];
    ++s.asked;
    Enrichment e;
    e.provider = name;
    if (db->Lookup(*address, e.geo)) {
      ++s.found;
      resolution.enrichments.push_back(std::move(e));
    }
  }
}

void Resolver::AskProviders(const Indicator& indicator, Resolution& resolution) {
  if (sources_.providers.empty()) return;
  std::optional<IpAddress> address = AddressOf(indicator);
  // Internal addresses are never sent out: they tell the provider about the network, and no
  // provider knows anything about them anyway.
  if (address && !all_addresses_ && !address->IsGlobal()) return;
  const TimeNs now = Now();
  for (size_t i = 0; i < sources_.providers.size(); ++i) {
    const Provider& provider = *sources_.providers[i];
    if (!provider.Supports(indicator.type)) continue;
    SourceStats& s = stats_[provider.name()];
    ++s.asked;
    if (sources_.cache) {
      std::optional<Answer> cached =
          sources_.cache->Get(provider.name(), indicator.type, indicator.value, now);
      if (cached) {
        ++s.from_cache;
        Apply(provider.name(), std::move(*cached), resolution);
        continue;
      }
    }
    if (!sources_.engine) {
      // --offline: only what the cache holds. Not an error: the user asked for it.
      continue;
    }
    ++resolution.pending;
    pending_.push_back({indicator, &resolution, i});
  }
}

void Resolver::Apply(const std::string& provider, Answer answer, Resolution& resolution) {
  SourceStats& s = stats_[provider];
  switch (answer.kind) {
    case Answer::Kind::kFound:
      ++s.found;
      for (Enrichment& e : answer.enrichments) resolution.enrichments.push_back(std::move(e));
      break;
    case Answer::Kind::kNotFound:
      break;
    case Answer::Kind::kError:
      ++s.errors;
      if (s.first_error.empty()) s.first_error = answer.error;
      resolution.errors.emplace_back(provider, std::move(answer.error));
      break;
  }
}

Status Resolver::ResolvePending() {
  if (pending_.empty()) return Status::Ok();
  struct ToCache {
    size_t provider;
    Indicator indicator;
    Answer answer;
  };
  std::vector<ToCache> to_cache;
  std::vector<Pending> batch;
  batch.swap(pending_);
  for (const Pending& p : batch) {
    const Provider& provider = *sources_.providers[p.provider];
    sources_.engine->Submit(provider.name(), provider.BuildRequest(p.indicator),
                            [this, &p, &provider, &to_cache](const HttpResponse& response) {
                              Answer answer = response.status == 0
                                                  ? Answer::Error(response.error)
                                                  : provider.ParseResponse(p.indicator, response);
                              if (answer.kind != Answer::Kind::kError) {
                                to_cache.push_back({p.provider, p.indicator, answer});
                              }
                              --p.resolution->pending;
                              Apply(provider.name(), std::move(answer), *p.resolution);
                            });
  }
  Status run = sources_.engine->Run();
  // Answers arrive in whatever order the network gives; records list them in the order of the
  // sources (local ones first, then the providers as given), as a cached run does.
  std::map<std::string_view, size_t> rank;
  for (size_t i = 0; i < sources_.providers.size(); ++i)
    rank[sources_.providers[i]->name()] = i + 1;
  auto by_source = [&rank](const Enrichment& a, const Enrichment& b) {
    auto ra = rank.find(a.provider), rb = rank.find(b.provider);
    return (ra == rank.end() ? 0 : ra->second) < (rb == rank.end() ? 0 : rb->second);
  };
  for (const Pending& p : batch) {
    std::stable_sort(p.resolution->enrichments.begin(), p.resolution->enrichments.end(), by_source);
  }
  // One transaction for the batch, after the network work, so that a concurrent run is never
  // kept waiting on the cache while this one waits on the network.
  if (sources_.cache && !to_cache.empty()) {
    const TimeNs now = Now();
    SECKIT_RETURN_IF_ERROR(sources_.cache->Begin());
    for (const ToCache& c : to_cache) {
      const Provider& provider = *sources_.providers[c.provider];
      const TimeNs ttl = c.answer.kind == Answer::Kind::kFound ? provider.limits().cache_ttl
                                                               : provider.limits().negative_ttl;
      SECKIT_RETURN_IF_ERROR(sources_.cache->Put(provider.name(), c.indicator.type,
                                                 c.indicator.value, c.answer, now, ttl));
    }
    SECKIT_RETURN_IF_ERROR(sources_.cache->Commit());
  }
  return run;
}

HttpEngine::Stats Resolver::engine_stats(const std::string& provider) const {
  return sources_.engine ? sources_.engine->stats(provider) : HttpEngine::Stats{};
}

}  // namespace seckit::ioc_enrich
