// pcap-extract's pcap.dns, pcap.http and pcap.tls records against tshark, frame by frame, on
// every corpus capture: the decoders are tested alone elsewhere; this checks what the tool
// writes (dispatch by port and first bytes, field names, values).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.h"

namespace seckit {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The application-layer values tshark shows for one frame, dissecting each segment on its own
// (pcap-extract does no TCP reassembly). Empty: absent.
struct RefApp {
  std::string dns_id, dns_name, dns_response;
  std::string tls_type, sni, ja3, ja3s;
  std::string http_method, http_uri, http_code, http_user_agent, http_host;
  bool fragment = false;  // an IP fragment with more to come: its payload is not all there
};

std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> parts;
  std::stringstream stream(line);
  std::string part;
  while (std::getline(stream, part, '\t')) parts.push_back(part);
  if (!line.empty() && line.back() == '\t') parts.emplace_back();
  return parts;
}

std::map<uint64_t, RefApp> TsharkApp(const fs::path& capture) {
  testing::CommandResult r = testing::Run(
      {"tshark", "-n", "-r", capture.string(), "-o", "tcp.desegment_tcp_streams:FALSE", "-o",
       "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-Y", "dns || tls.handshake || http",
       "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f", "-e", "frame.number", "-e",
       "dns.id", "-e", "dns.qry.name", "-e", "dns.flags.response", "-e", "tls.handshake.type",
       "-e", "tls.handshake.extensions_server_name", "-e", "tls.handshake.ja3", "-e",
       "tls.handshake.ja3s", "-e", "http.request.method", "-e", "http.request.uri", "-e",
       "http.response.code", "-e", "http.user_agent", "-e", "ip.flags.mf", "-e",
       "ipv6.fraghdr.more", "-e", "http.host"});
  std::map<uint64_t, RefApp> frames;
  for (const std::string& line : testing::SplitLines(r.out)) {
    std::vector<std::string> f = Fields(line);
    if (f.size() < 15) continue;
    RefApp app{f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[14],
               f[12] == "1" || f[13] == "1"};
    frames[std::stoull(f[0])] = app;
  }
  return frames;
}

std::string Text(const json& record, std::initializer_list<const char*> path) {
  const json* node = &record;
  for (const char* key : path) {
    if (!node->is_object() || !node->contains(key)) return "";
    node = &(*node)[key];
  }
  return node->is_string() ? node->get<std::string>() : node->dump();
}

struct Counts {
  size_t dns = 0, tls_client = 0, tls_server = 0, http = 0;
};

void CompareDns(const json& record, const RefApp& ref, Counts& counts) {
  ASSERT_FALSE(ref.dns_id.empty()) << "tshark sees no DNS here";
  EXPECT_EQ(Text(record, {"dns", "id"}), std::to_string(std::stoul(ref.dns_id, nullptr, 16)));
  EXPECT_EQ(Text(record, {"dns", "type"}), ref.dns_response == "1" ? "answer" : "query");
  std::string name = Text(record, {"dns", "question", "name"});
  // tshark writes the root as "<Root>"; pcap-extract as ECS does, ".".
  if (ref.dns_name == "<Root>") EXPECT_EQ(name, ".");
  else EXPECT_EQ(name, ref.dns_name);
  ++counts.dns;
}

void CompareTls(const json& record, const RefApp& ref, Counts& counts) {
  bool client = Text(record, {"pcap", "tls", "hello"}) == "client";
  EXPECT_EQ(ref.tls_type, client ? "1" : "2");
  if (client) {
    EXPECT_EQ(Text(record, {"tls", "client", "server_name"}), ref.sni);
    // Both leave out the fingerprint of a hello cut off by the segment end.
    EXPECT_EQ(Text(record, {"tls", "client", "ja3"}), ref.ja3);
    ++counts.tls_client;
  } else {
    EXPECT_EQ(Text(record, {"tls", "server", "ja3s"}), ref.ja3s);
    ++counts.tls_server;
  }
}

void CompareHttp(const json& record, const RefApp& ref, Counts& counts) {
  if (!ref.http_method.empty()) {
    EXPECT_EQ(Text(record, {"http", "request", "method"}), ref.http_method);
    EXPECT_EQ(Text(record, {"url", "original"}), ref.http_uri);
    EXPECT_EQ(Text(record, {"user_agent", "original"}), ref.http_user_agent);
    // tshark shows the Host header as sent: host[:port].
    std::string host = Text(record, {"url", "domain"});
    std::string port = Text(record, {"url", "port"});
    EXPECT_EQ(port.empty() ? host : host + ":" + port, ref.http_host);
  } else {
    EXPECT_EQ(Text(record, {"http", "response", "status_code"}), ref.http_code);
  }
  ++counts.http;
}

TEST(AppRecordsTshark, EveryDnsTlsAndHttpRecordMatchesTshark) {
  if (!testing::HaveProgram("tshark")) GTEST_SKIP() << "tshark not installed";
  fs::path dir = testing::CorpusDir();
  if (dir.empty()) GTEST_SKIP() << "corpus not found (../shared/corpus or SECKIT_TEST_DATA)";
  Counts counts;
  for (const auto& entry : fs::directory_iterator(dir / "pcap")) {
    const fs::path& capture = entry.path();
    SCOPED_TRACE(capture.filename().string());
    std::map<uint64_t, RefApp> ref = TsharkApp(capture);
    testing::CommandResult ours = testing::Run({(testing::BinDir() / "pcap-extract").string(),
                                                "--type", "dns,http,tls", capture.string()});
    std::map<uint64_t, std::string> datasets;  // frame -> dataset, to find what we missed
    for (const std::string& line : testing::SplitLines(ours.out)) {
      json record = json::parse(line);
      uint64_t frame = record["pcap"]["frame"];
      std::string dataset = record["event"]["dataset"];
      datasets[frame] = dataset;
      SCOPED_TRACE("frame " + std::to_string(frame) + " " + dataset);
      auto it = ref.find(frame);
      ASSERT_NE(it, ref.end()) << "tshark sees no DNS, TLS or HTTP here";
      if (dataset == "pcap.dns") CompareDns(record, it->second, counts);
      if (dataset == "pcap.tls") CompareTls(record, it->second, counts);
      if (dataset == "pcap.http") CompareHttp(record, it->second, counts);
    }
    // Everything tshark decodes as a hello or a DNS message in one segment is in our output.
    // (HTTP frames tshark finds by port alone, such as body continuations, are not messages.)
    for (const auto& [frame, app] : ref) {
      bool hello = app.tls_type == "1" || app.tls_type == "2";
      if ((hello && !app.ja3.empty()) || (hello && !app.ja3s.empty())) {
        EXPECT_EQ(datasets[frame], "pcap.tls") << "frame " << frame;
      }
      if (!app.dns_id.empty() && !app.dns_name.empty() && !app.fragment) {
        EXPECT_EQ(datasets[frame], "pcap.dns") << "frame " << frame;
      }
    }
  }
  std::printf("[   INFO   ] compared %zu DNS, %zu ClientHello, %zu ServerHello, %zu HTTP records\n",
              counts.dns, counts.tls_client, counts.tls_server, counts.http);
  EXPECT_GE(counts.dns, 50u);
  EXPECT_GE(counts.tls_client, 2u);
  EXPECT_GE(counts.tls_server, 2u);
  EXPECT_GE(counts.http, 70u);
}

}  // namespace
}  // namespace seckit
