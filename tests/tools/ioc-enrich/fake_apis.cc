// The fake threat-intel APIs (see fake_apis.h): a cpp-httplib server whose handlers read the
// indicator out of each API's request shape and answer from the fixture table.
#include "fake_apis.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace seckit::ioc_enrich::testing {
namespace {

using Clock = std::chrono::steady_clock;

// How each API says "not found" and "bad key", and where it takes the key.
struct Shape {
  std::string_view provider;
  std::string_view key_header;
  int not_found_status;
  std::string_view not_found_fixture;
  int unauthorized_status;
  std::string_view unauthorized_fixture;
};

constexpr Shape kShapes[] = {
    {"virustotal", "x-apikey", 404, "virustotal_not_found.json", 401,
     "virustotal_unauthorized.json"},
    {"abuseipdb", "Key", 200, "abuseipdb_check_unreported.json", 401,
     "abuseipdb_unauthorized.json"},
    {"otx", "X-OTX-API-KEY", 200, "otx_general_unknown.json", 403, "otx_unauthorized.json"},
    {"greynoise", "key", 404, "greynoise_not_found.json", 401, "greynoise_unauthorized.json"},
    {"urlhaus", "Auth-Key", 200, "urlhaus_no_results.json", 401, "urlhaus_unauthorized.json"},
    {"threatfox", "Auth-Key", 200, "threatfox_no_result.json", 401, "threatfox_unauthorized.json"},
    {"malwarebazaar", "Auth-Key", 200, "malwarebazaar_hash_not_found.json", 401,
     "malwarebazaar_unauthorized.json"},
    {"internetdb", "", 404, "internetdb_not_found.json", 401, "internetdb_not_found.json"},
    {"misp", "Authorization", 200, "misp_empty.json", 403, "misp_unauthorized.json"},
    {"generic", "X-Api-Key", 404, "generic_not_found.json", 401, "generic_unauthorized.json"},
};

struct DefaultAnswer {
  std::string_view provider, value, fixture;
};

constexpr DefaultAnswer kDefaultAnswers[] = {
    {"virustotal", kBadIp, "virustotal_ip_address.json"},
    {"virustotal", kBadDomain, "virustotal_domain.json"},
    {"virustotal", kBadUrl, "virustotal_url.json"},
    {"virustotal", kEicarMd5, "virustotal_file.json"},
    {"virustotal", kEicarSha1, "virustotal_file.json"},
    {"virustotal", kEicarSha256, "virustotal_file.json"},
    {"abuseipdb", kBadIp, "abuseipdb_check.json"},
    {"abuseipdb", kGoodIp, "abuseipdb_check_whitelisted.json"},
    {"otx", kBadIp, "otx_ipv4_general.json"},
    {"otx", kGoodIp, "otx_ipv4_whitelisted.json"},
    {"otx", kBadDomain, "otx_hostname_general.json"},
    {"greynoise", kBadIp, "greynoise_community.json"},
    {"greynoise", kGoodIp, "greynoise_community_riot.json"},
    {"urlhaus", kBadUrl, "urlhaus_url.json"},
    {"urlhaus", kBadDomain, "urlhaus_host.json"},
    {"urlhaus", kEicarMd5, "urlhaus_payload.json"},
    {"urlhaus", kEicarSha256, "urlhaus_payload.json"},
    {"threatfox", kBadIp, "threatfox_search_ioc.json"},
    {"threatfox", kBadDomain, "threatfox_search_ioc_domain.json"},
    {"threatfox", kEicarMd5, "threatfox_search_hash.json"},
    {"threatfox", kEicarSha256, "threatfox_search_hash.json"},
    {"malwarebazaar", kEicarMd5, "malwarebazaar_get_info.json"},
    {"malwarebazaar", kEicarSha1, "malwarebazaar_get_info.json"},
    {"malwarebazaar", kEicarSha256, "malwarebazaar_get_info.json"},
    {"internetdb", kBadIp, "internetdb_ip.json"},
    {"internetdb", kGoodIp, "internetdb_ip_dns.json"},
    {"misp", kBadDomain, "misp_attributes.json"},
    {"misp", kBadIp, "misp_attributes.json"},
    {"generic", kBadDomain, "generic_lookup.json"},
};

const Shape& ShapeOf(std::string_view provider) {
  for (const Shape& s : kShapes) {
    if (s.provider == provider) return s;
  }
  return kShapes[0];
}

std::string Base64UrlDecode(std::string_view in) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v = c >= 'A' && c <= 'Z'   ? c - 'A'
            : c >= 'a' && c <= 'z' ? c - 'a' + 26
            : c >= '0' && c <= '9' ? c - '0' + 52
            : c == '-'             ? 62
            : c == '_'             ? 63
                                   : -1;
    if (v < 0) break;
    buffer = buffer << 6 | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

std::string FormValue(const std::string& body, std::string_view name) {
  std::istringstream fields(body);
  std::string field;
  while (std::getline(fields, field, '&')) {
    const size_t eq = field.find('=');
    if (field.substr(0, eq) != name || eq == std::string::npos) continue;
    return httplib::detail::decode_url(field.substr(eq + 1), true);
  }
  return {};
}

std::string JsonValue(const std::string& body, std::initializer_list<const char*> names) {
  const nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object()) return {};
  for (const char* name : names) {
    auto it = j.find(name);
    if (it != j.end() && it->is_string()) return it->get<std::string>();
  }
  return {};
}

// The indicator a request asks about, by the provider's request shape.
std::string ValueOf(std::string_view provider, const httplib::Request& req) {
  if (provider == "virustotal") {
    return req.matches[1] == "urls" ? Base64UrlDecode(req.matches[2].str()) : req.matches[2].str();
  }
  if (provider == "abuseipdb") return req.get_param_value("ipAddress");
  if (provider == "generic") return req.matches[2].str();
  if (provider == "urlhaus") {
    for (const char* name : {"url", "host", "md5_hash", "sha256_hash"}) {
      if (std::string v = FormValue(req.body, name); !v.empty()) return v;
    }
    return {};
  }
  if (provider == "malwarebazaar") return FormValue(req.body, "hash");
  if (provider == "threatfox") return JsonValue(req.body, {"search_term", "hash"});
  if (provider == "misp") return JsonValue(req.body, {"value"});
  return req.matches[1].str();  // otx, greynoise, internetdb
}

bool Take(int& count) {
  if (count == 0) return false;
  if (count > 0) --count;
  return true;
}

}  // namespace

std::filesystem::path FixturesDir() { return IOC_ENRICH_FIXTURES_DIR; }

std::string Fixture(std::string_view file) {
  std::ifstream in(FixturesDir() / file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string FakeApis::Request::Header(std::string_view name) const {
  for (const auto& [key, text] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return text;
    }
  }
  return {};
}

struct FakeApis::Impl {
  struct Reply {
    int status = 200;
    std::string body;
  };

  httplib::Server server;
  std::thread thread;
  int port = 0;
  mutable std::mutex mutex;
  std::map<std::pair<std::string, std::string>, Reply> answers;
  std::map<std::string, Faults, std::less<>> faults;
  std::vector<Request> log;

  // Decides the reply under the lock, consuming fault counts; sleeps and records outside it.
  Reply Decide(const Shape& shape, const std::string& key, const std::string& value,
               std::chrono::milliseconds& delay, std::string& retry_after) {
    std::lock_guard<std::mutex> lock(mutex);
    Faults& f = faults[std::string(shape.provider)];
    delay = f.delay;
    if (!f.required_key.empty() && key != f.required_key) {
      return {shape.unauthorized_status, Fixture(shape.unauthorized_fixture)};
    }
    if (Take(f.rate_limit_next)) {
      retry_after = std::to_string(f.retry_after_seconds);
      return {429, R"({"message":"Too Many Requests"})"};
    }
    if (Take(f.fail_next)) return {f.fail_status, "Internal Server Error"};
    auto it = answers.find({std::string(shape.provider), value});
    Reply reply = it != answers.end()
                      ? it->second
                      : Reply{shape.not_found_status, Fixture(shape.not_found_fixture)};
    if (Take(f.truncate_next)) reply.body.resize(reply.body.size() / 2);
    return reply;
  }

  void Handle(std::string_view provider, const httplib::Request& req, httplib::Response& res) {
    Request record;
    record.time = Clock::now();
    record.provider = std::string(provider);
    record.method = req.method;
    record.target = req.target;
    record.headers.assign(req.headers.begin(), req.headers.end());
    record.body = req.body;
    record.value = ValueOf(provider, req);
    const Shape& shape = ShapeOf(provider);
    std::chrono::milliseconds delay{0};
    std::string retry_after;
    const std::string key =
        shape.key_header.empty() ? "" : req.get_header_value(std::string(shape.key_header).c_str());
    Reply reply = Decide(shape, key, record.value, delay, retry_after);
    if (delay.count() > 0) std::this_thread::sleep_for(delay);
    res.status = reply.status;
    if (!retry_after.empty()) res.set_header("Retry-After", retry_after);
    const bool json = reply.body.starts_with("{");
    res.set_content(reply.body, json ? "application/json" : "text/plain");
    record.status = reply.status;
    std::lock_guard<std::mutex> lock(mutex);
    log.push_back(std::move(record));
  }

  // Requests no API route takes: recorded with provider "", answered 404.
  void Unknown(const httplib::Request& req, httplib::Response& res) {
    Request record;
    record.time = Clock::now();
    record.method = req.method;
    record.target = req.target;
    record.headers.assign(req.headers.begin(), req.headers.end());
    record.body = req.body;
    record.status = 404;
    res.status = 404;
    res.set_content("no such route", "text/plain");
    std::lock_guard<std::mutex> lock(mutex);
    log.push_back(std::move(record));
  }

  void Route(const char* method, std::string_view provider, const std::string& pattern) {
    auto handler = [this, provider](const httplib::Request& req, httplib::Response& res) {
      Handle(provider, req, res);
    };
    if (std::string_view(method) == "GET")
      server.Get(pattern, handler);
    else
      server.Post(pattern, handler);
  }
};

FakeApis::FakeApis(int threads) : impl_(std::make_unique<Impl>()) {
  impl_->server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl_->server.set_keep_alive_max_count(100000);
  impl_->server.set_keep_alive_timeout(2);
  for (const DefaultAnswer& a : kDefaultAnswers) {
    impl_->answers[{std::string(a.provider), std::string(a.value)}] = {200, Fixture(a.fixture)};
  }
  impl_->Route("GET", "virustotal",
               R"(/virustotal/api/v3/(ip_addresses|domains|urls|files)/([^/]+))");
  impl_->Route("GET", "abuseipdb", "/abuseipdb/api/v2/check");
  impl_->Route("GET", "otx",
               R"(/otx/api/v1/indicators/(?:IPv4|IPv6|domain|hostname|url|file)/(.+)/general)");
  impl_->Route("GET", "greynoise", R"(/greynoise/v3/community/([^/]+))");
  impl_->Route("POST", "urlhaus", R"(/urlhaus/v1/(?:url|host|payload)/)");
  impl_->Route("POST", "threatfox", "/threatfox/api/v1/");
  impl_->Route("POST", "malwarebazaar", "/malwarebazaar/api/v1/");
  impl_->Route("GET", "internetdb", R"(/internetdb/([^/]+))");
  impl_->Route("POST", "misp", "/misp/attributes/restSearch");
  impl_->Route("GET", "generic", R"(/generic/v1/lookup/([^/]+)/([^/]+))");
  auto unknown = [this](const httplib::Request& req, httplib::Response& res) {
    impl_->Unknown(req, res);
  };
  impl_->server.Get(".*", unknown);
  impl_->server.Post(".*", unknown);
}

FakeApis::~FakeApis() { Stop(); }

bool FakeApis::Start() {
  impl_->port = impl_->server.bind_to_any_port("127.0.0.1");
  if (impl_->port <= 0) return false;
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  while (!impl_->server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return true;
}

void FakeApis::Stop() {
  if (!impl_->thread.joinable()) return;
  impl_->server.stop();
  impl_->thread.join();
}

int FakeApis::port() const { return impl_->port; }

std::string FakeApis::BaseUrl(std::string_view provider) const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + "/" + std::string(provider);
}

void FakeApis::SetAnswer(std::string_view provider, std::string_view value, int status,
                         std::string body) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->answers[{std::string(provider), std::string(value)}] = {status, std::move(body)};
}

void FakeApis::SetFaults(std::string_view provider, Faults faults) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->faults[std::string(provider)] = std::move(faults);
}

std::vector<FakeApis::Request> FakeApis::requests() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->log;
}

size_t FakeApis::RequestCount(std::string_view provider) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return static_cast<size_t>(
      std::count_if(impl_->log.begin(), impl_->log.end(),
                    [&](const Request& r) { return r.provider == provider; }));
}

void FakeApis::ClearRequests() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->log.clear();
}

const std::vector<std::string>& FakeApis::Providers() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Shape& s : kShapes) out.emplace_back(s.provider);
    return out;
  }();
  return names;
}

std::string_view FakeApis::KeyHeader(std::string_view provider) {
  return ShapeOf(provider).key_header;
}

}  // namespace seckit::ioc_enrich::testing
