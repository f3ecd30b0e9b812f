// log-grep --ioc matcher benchmarks: lines per second of a synthetic access/auth log (built in
// memory from a fixed seed) against 10,000 IPv4 addresses and against 100,000 mixed indicators
// (IPv4 addresses, IPv4 networks, domains), counting matching lines and collecting hits.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "ioc_matcher.h"
#include "seckit/ip.h"

namespace seckit::log_grep {
namespace {

constexpr size_t kLogBytes = 64 << 20;

std::string RandomIp(std::mt19937_64& rng) {
  const uint64_t r = rng();
  return std::to_string(1 + r % 223) + "." + std::to_string((r >> 8) & 255) + "." +
         std::to_string((r >> 16) & 255) + "." + std::to_string(1 + (r >> 24) % 254);
}

std::string RandomDomain(std::mt19937_64& rng) {
  static constexpr std::string_view kTlds[] = {"com", "net", "org", "ru", "info", "io", "de"};
  std::string name;
  const size_t len = 5 + rng() % 8;
  for (size_t i = 0; i < len; ++i) name += static_cast<char>('a' + rng() % 26);
  return name + "." + std::string(kTlds[rng() % 7]);
}

struct Corpus {
  std::vector<std::string> ips, domains;
  std::string text;
  std::vector<std::string_view> lines;
};

// Combined-format access lines (3 of 4) and sshd auth lines, with client addresses from a pool
// of 200,000 and referrers on a pool of 100,000 domains.
const Corpus& GetCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    std::mt19937_64 rng(20261125);
    for (int i = 0; i < 200000; ++i) c->ips.push_back(RandomIp(rng));
    for (int i = 0; i < 100000; ++i) c->domains.push_back(RandomDomain(rng));
    static constexpr std::string_view kPaths[] = {"/index.html", "/api/v1/users?id=42",
                                                  "/static/app.js", "/wp-login.php",
                                                  "/images/logo.png", "/cart/checkout"};
    static constexpr std::string_view kAgents[] = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Safari/537.36",
        "curl/7.88.1", "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0",
        "python-requests/2.31.0"};
    std::vector<size_t> ends;
    for (uint64_t i = 0; c->text.size() < kLogBytes; ++i) {
      const std::string& ip = c->ips[rng() % c->ips.size()];
      if (i % 4 == 3) {
        c->text += "Oct 10 13:55:" + std::to_string(10 + i % 50) + " web01 sshd[" +
                   std::to_string(1000 + i % 5000) + "]: Failed password for invalid user admin "
                   "from " + ip + " port " + std::to_string(1024 + rng() % 60000) + " ssh2";
      } else {
        c->text += ip + " - - [10/Oct/2023:13:55:" + std::to_string(10 + i % 50) +
                   " +0000] \"GET " + std::string(kPaths[rng() % 6]) + " HTTP/1.1\" 200 " +
                   std::to_string(rng() % 50000) + " \"https://www." +
                   c->domains[rng() % c->domains.size()] + "/start.html\" \"" +
                   std::string(kAgents[rng() % 4]) + "\"";
      }
      ends.push_back(c->text.size());
      c->text += '\n';
    }
    size_t begin = 0;
    for (size_t end : ends) {
      c->lines.emplace_back(c->text.data() + begin, end - begin);
      begin = end + 1;
    }
    return c;
  }();
  return *corpus;
}

Indicator Make(IndicatorType type, std::string value) { return {type, std::move(value), 0, 0}; }

// 0: 10,000 IPv4 addresses; 1: 100,000 mixed (60,000 IPv4, 10,000 networks, 30,000 domains).
const IocMatcher& GetMatcher(int which) {
  static const IocMatcher* matchers[2] = {nullptr, nullptr};
  if (matchers[which] != nullptr) return *matchers[which];
  const Corpus& c = GetCorpus();
  std::mt19937_64 rng(7 + which);
  auto* m = new IocMatcher;
  const int ips = which == 0 ? 10000 : 60000;
  for (int i = 0; i < ips; ++i) {
    (void)m->Add(Make(IndicatorType::kIpv4, c.ips[rng() % c.ips.size()]));
  }
  if (which == 1) {
    for (int i = 0; i < 10000; ++i) {
      const uint32_t a = static_cast<uint32_t>(rng());
      const int len = i % 10 == 0 ? 16 : 24;
      (void)m->Add(Make(IndicatorType::kCidr, Cidr::Make(IpAddress::V4(a), len)->ToString()));
    }
    for (int i = 0; i < 30000; ++i) {
      (void)m->Add(Make(IndicatorType::kDomain, c.domains[rng() % c.domains.size()]));
    }
  }
  m->Finish();
  matchers[which] = m;
  return *m;
}

void BM_IocAnyMatch(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  const IocMatcher& m = GetMatcher(static_cast<int>(state.range(0)));
  size_t matching = 0;
  for (auto _ : state) {
    matching = 0;
    for (std::string_view line : c.lines) matching += m.AnyMatch(line) ? 1 : 0;
    benchmark::DoNotOptimize(matching);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.text.size()));
  state.counters["matching_lines"] = static_cast<double>(matching);
  state.counters["indicators"] = static_cast<double>(m.size());
  state.counters["table_MiB"] = static_cast<double>(m.MemoryUsage()) / (1 << 20);
}
BENCHMARK(BM_IocAnyMatch)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_IocScan(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  const IocMatcher& m = GetMatcher(static_cast<int>(state.range(0)));
  std::vector<IocHit> hits;
  size_t total = 0;
  for (auto _ : state) {
    total = 0;
    for (std::string_view line : c.lines) {
      hits.clear();
      m.Scan(line, hits);
      total += hits.size();
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.text.size()));
  state.counters["hits"] = static_cast<double>(total);
}
BENCHMARK(BM_IocScan)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace seckit::log_grep
