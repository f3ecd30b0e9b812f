// pcap-extract against tshark on every capture in the corpus: per-frame addresses, ports,
// transport, length and timestamp, and per-flow packet and byte counts (tshark -z conv).
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "test_support.h"

namespace seckit {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct RefFrame {
  std::string src, dst, transport;  // transport: "tcp", "udp" or ""
  int sport = -1, dport = -1;
  uint64_t len = 0;
  std::string epoch;  // seconds.nanoseconds
};

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> parts;
  std::stringstream stream(line);
  std::string part;
  while (std::getline(stream, part, sep)) parts.push_back(part);
  if (!line.empty() && line.back() == sep) parts.emplace_back();
  return parts;
}

// tshark's view of every frame, without IP reassembly (pcap-extract does none either).
std::map<uint64_t, RefFrame> TsharkFrames(const fs::path& capture) {
  testing::CommandResult r = testing::Run(
      {"tshark", "-n", "-r", capture.string(), "-o", "ip.defragment:FALSE", "-o",
       "ipv6.defragment:FALSE", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f",
       "-e", "frame.number", "-e", "frame.len", "-e", "frame.time_epoch", "-e", "ip.src", "-e",
       "ip.dst", "-e", "ipv6.src", "-e", "ipv6.dst", "-e", "arp.src.proto_ipv4", "-e",
       "arp.dst.proto_ipv4", "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "udp.srcport",
       "-e", "udp.dstport", "-e", "icmp.type", "-e", "icmpv6.type"});
  std::map<uint64_t, RefFrame> frames;
  for (const std::string& line : testing::SplitLines(r.out)) {
    std::vector<std::string> f = Split(line, '\t');
    if (f.size() < 15) continue;
    RefFrame ref;
    ref.len = std::stoull(f[1]);
    ref.epoch = f[2];
    ref.src = !f[3].empty() ? f[3] : !f[5].empty() ? f[5] : f[7];
    ref.dst = !f[4].empty() ? f[4] : !f[6].empty() ? f[6] : f[8];
    bool icmp = !f[13].empty() || !f[14].empty();
    // Ports tshark shows for ICMP errors belong to the quoted packet, not to this one.
    if (!icmp && !f[9].empty()) {
      ref.transport = "tcp";
      ref.sport = std::stoi(f[9]);
      ref.dport = std::stoi(f[10]);
    } else if (!icmp && !f[11].empty()) {
      ref.transport = "udp";
      ref.sport = std::stoi(f[11]);
      ref.dport = std::stoi(f[12]);
    }
    frames[std::stoull(f[0])] = ref;
  }
  return frames;
}

// "2009-11-18T16:21:07.123456Z" → "1258561267.123456000" (tshark's epoch form, 9 digits).
std::string EpochOf(const std::string& rfc3339) {
  std::tm tm{};
  strptime(rfc3339.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  std::string fraction = rfc3339.substr(20, rfc3339.size() - 21);
  fraction.resize(9, '0');
  return std::to_string(timegm(&tm)) + "." + fraction;
}

std::vector<fs::path> CorpusCaptures() {
  std::vector<fs::path> captures;
  fs::path dir = testing::CorpusDir();
  if (dir.empty()) return captures;
  for (const auto& entry : fs::directory_iterator(dir / "pcap")) captures.push_back(entry.path());
  std::sort(captures.begin(), captures.end());
  return captures;
}

testing::CommandResult Extract(const std::vector<std::string>& args) {
  std::vector<std::string> argv{(testing::BinDir() / "pcap-extract").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::Run(argv);
}

TEST(TsharkAgreement, EveryFrameOfEveryCorpusCapture) {
  std::vector<fs::path> captures = CorpusCaptures();
  if (captures.empty()) GTEST_SKIP() << "corpus not found (../shared/corpus or SECKIT_TEST_DATA)";
  size_t compared = 0;
  for (const fs::path& capture : captures) {
    SCOPED_TRACE(capture.filename().string());
    std::map<uint64_t, RefFrame> ref = TsharkFrames(capture);
    testing::CommandResult ours = Extract({"--type", "packet", capture.string()});
    bool malformed = capture.filename().string().rfind("malformed_", 0) == 0 &&
                     capture.filename().string() != "malformed_dns-corrupt.pcap";
    EXPECT_EQ(ours.exit_code, malformed ? 65 : 0) << ours.err;
    std::vector<std::string> lines = testing::SplitLines(ours.out);
    ASSERT_EQ(lines.size(), ref.size()) << "frame count";
    for (const std::string& line : lines) {
      json record = json::parse(line);
      uint64_t frame = record["pcap"]["frame"];
      const RefFrame& r = ref.at(frame);
      SCOPED_TRACE("frame " + std::to_string(frame));
      EXPECT_EQ(record["network"]["bytes"].get<uint64_t>(), r.len);
      EXPECT_EQ(EpochOf(record["@timestamp"]), r.epoch);
      std::string src = record.contains("source") ? record["source"].value("ip", "") : "";
      std::string dst = record.contains("destination") ? record["destination"].value("ip", "") : "";
      EXPECT_EQ(src, r.src);
      EXPECT_EQ(dst, r.dst);
      if (!r.transport.empty()) {
        EXPECT_EQ(record["network"].value("transport", ""), r.transport);
        EXPECT_EQ(record["source"].value("port", -1), r.sport);
        EXPECT_EQ(record["destination"].value("port", -1), r.dport);
      } else if (record.contains("source")) {
        EXPECT_FALSE(record["source"].contains("port")) << line;
      }
      ++compared;
    }
  }
  EXPECT_GT(compared, 3000u);
}

struct Totals {
  uint64_t frames = 0, bytes = 0;
  bool bytes_rounded = false;  // tshark printed kB/MB: only within its rounding
};

std::string ConvKey(const std::string& proto, std::string a, std::string b) {
  if (b < a) std::swap(a, b);
  return proto + " " + a + " " + b;
}

// tshark -z conv,tcp / conv,udp, summed per endpoint pair.
std::map<std::string, Totals> TsharkConversations(const fs::path& capture) {
  std::map<std::string, Totals> conv;
  for (std::string proto : {"tcp", "udp"}) {
    testing::CommandResult r = testing::Run({"tshark", "-n", "-r", capture.string(), "-o",
                                             "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
                                             "-q", "-z", "conv," + proto});
    for (const std::string& line : testing::SplitLines(r.out)) {
      std::istringstream in(line);
      std::string a, arrow, b;
      if (!(in >> a >> arrow >> b) || arrow != "<->") continue;
      std::vector<std::string> words;
      for (std::string w; in >> w;) words.push_back(w);
      // frames bytes-with-unit frames bytes-with-unit total-frames total-bytes-with-unit ...
      Totals& t = conv[ConvKey(proto, a, b)];
      t.frames += std::stoull(words[6]);
      t.bytes += std::stoull(words[7]) * (words[8] == "kB" ? 1000 : words[8] == "MB" ? 1000000 : 1);
      t.bytes_rounded |= words[8] != "bytes";
    }
  }
  return conv;
}

// tshark's per-frame decoding summed per endpoint pair: exact bytes, and it sees every frame.
std::map<std::string, Totals> TsharkFrameTotals(const std::map<uint64_t, RefFrame>& frames) {
  std::map<std::string, Totals> totals;
  for (const auto& [number, f] : frames) {
    if (f.transport.empty()) continue;
    Totals& t = totals[ConvKey(f.transport, f.src + ":" + std::to_string(f.sport),
                               f.dst + ":" + std::to_string(f.dport))];
    t.frames += 1;
    t.bytes += f.len;
  }
  return totals;
}

std::string Endpoint(const json& side) {
  return side["ip"].get<std::string>() + ":" + std::to_string(side["port"].get<int>());
}

void CompareTotals(std::map<std::string, Totals> ref, std::map<std::string, Totals> mine,
                   size_t& compared) {
  std::set<std::string> keys;
  for (const auto& [key, totals] : ref) keys.insert(key);
  for (const auto& [key, totals] : mine) keys.insert(key);
  for (const std::string& key : keys) {
    SCOPED_TRACE(key);
    ASSERT_TRUE(ref.count(key)) << "flow not in the reference";
    ASSERT_TRUE(mine.count(key)) << "reference conversation missing from our flows";
    EXPECT_EQ(mine[key].frames, ref[key].frames);
    if (ref[key].bytes_rounded) {
      EXPECT_NEAR(static_cast<double>(mine[key].bytes), static_cast<double>(ref[key].bytes), 1000.0);
    } else {
      EXPECT_EQ(mine[key].bytes, ref[key].bytes);
    }
    ++compared;
  }
}

TEST(TsharkAgreement, FlowCountsMatchConversations) {
  std::vector<fs::path> captures = CorpusCaptures();
  if (captures.empty()) GTEST_SKIP() << "corpus not found";
  size_t compared = 0;
  for (const fs::path& capture : captures) {
    SCOPED_TRACE(capture.filename().string());
    std::map<std::string, Totals> ref = TsharkConversations(capture);
    testing::CommandResult ours = Extract({"--type", "flow", capture.string()});
    std::map<std::string, Totals> mine;
    for (const std::string& line : testing::SplitLines(ours.out)) {
      json flow = json::parse(line);
      std::string transport = flow["network"].value("transport", "");
      if (transport != "tcp" && transport != "udp") continue;
      Totals& t = mine[ConvKey(transport, Endpoint(flow["source"]), Endpoint(flow["destination"]))];
      t.frames += flow["network"]["packets"].get<uint64_t>();
      t.bytes += flow["network"]["bytes"].get<uint64_t>();
    }
    // Exact, against tshark's decoding of every frame.
    CompareTotals(TsharkFrameTotals(TsharkFrames(capture)), mine, compared);
    // Against tshark's own conversation table too, except on the malformed captures: there its
    // conversation tap never sees a frame whose TCP header is cut short (dissection stops
    // first), while pcap-extract counts that frame in its flow.
    if (capture.filename().string().rfind("malformed_", 0) != 0) {
      CompareTotals(ref, mine, compared);
    }
  }
  EXPECT_GT(compared, 100u);
}

}  // namespace
}  // namespace seckit
