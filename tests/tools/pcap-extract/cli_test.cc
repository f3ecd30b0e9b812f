// pcap-extract from the command line: usage errors, missing and corrupt inputs, a capture that
// ends mid-record, compressed and piped input, closed pipes, full disks, live capture on lo.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "test_support.h"

namespace seckit {
namespace {

using testing::CommandResult;
using testing::TempDir;

std::string Tool() { return (testing::BinDir() / "pcap-extract").string(); }

CommandResult Extract(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), Tool());
  return testing::Run(args, input);
}

size_t CountLines(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(PcapExtractCli, HelpListsEveryOption) {
  CommandResult r = Extract({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* flag : {"--type", "--filter", "--interface", "--flow-timeout", "--max-flows",
                           "--count", "--checksums", "--strict", "--output"}) {
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
  }
}

TEST(PcapExtractCli, UsageErrorsAre64) {
  EXPECT_EQ(Extract({"--bogus"}).exit_code, 64);
  EXPECT_EQ(Extract({"--type", "nonsense", "x.pcap"}).exit_code, 64);
  SECKIT_REQUIRE_CORPUS(capture, "pcap/dns_lab.pcapng");
  CommandResult bad_filter = Extract({"-f", "port port port", capture.string()});
  EXPECT_EQ(bad_filter.exit_code, 64);
  EXPECT_NE(bad_filter.err.find("bad filter expression"), std::string::npos) << bad_filter.err;
  EXPECT_EQ(Extract({"-i", "lo", capture.string()}).exit_code, 64);
}

TEST(PcapExtractCli, MissingInputIs66) {
  CommandResult r = Extract({"/nonexistent/capture.pcap"});
  EXPECT_EQ(r.exit_code, 66);
  EXPECT_NE(r.err.find("pcap-extract: error: cannot open /nonexistent/capture.pcap"),
            std::string::npos)
      << r.err;
}

TEST(PcapExtractCli, NotACaptureIs65AndOtherFilesGoOn) {
  SECKIT_REQUIRE_CORPUS(capture, "pcap/dns_lab.pcapng");
  TempDir dir;
  testing::WriteFile(dir / "notes.pcap", "this is not a capture file at all\n");
  CommandResult r = Extract({"--type", "dns", (dir / "notes.pcap").string(), capture.string()});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("notes.pcap"), std::string::npos) << r.err;
  EXPECT_EQ(CountLines(r.out), 22u);  // every DNS message of the good capture
}

TEST(PcapExtractCli, CaptureCutMidRecordKeepsEveryEarlierFrame) {
  SECKIT_REQUIRE_CORPUS(capture, "pcap/http_bro.org.pcap");
  std::string whole = testing::ReadFile(capture);
  CommandResult all = Extract({"--type", "packet", capture.string()});
  ASSERT_EQ(all.exit_code, 0);
  std::vector<std::string> all_lines = testing::SplitLines(all.out);
  TempDir dir;
  testing::WriteFile(dir / "cut.pcap", whole.substr(0, whole.size() / 2));
  CommandResult cut = Extract({"--type", "packet", (dir / "cut.pcap").string()});
  EXPECT_EQ(cut.exit_code, 65);
  std::vector<std::string> cut_lines = testing::SplitLines(cut.out);
  ASSERT_GT(cut_lines.size(), 100u);
  // tshark agrees on how many whole frames the first half holds.
  CommandResult ref = testing::Run({"tshark", "-r", (dir / "cut.pcap").string(), "-T", "fields",
                                    "-e", "frame.number"});
  EXPECT_EQ(cut_lines.size(), testing::SplitLines(ref.out).size());
  for (size_t i = 0; i < cut_lines.size(); ++i) {
    // Same records, but for log.file.path.
    auto a = nlohmann::json::parse(cut_lines[i]);
    auto b = nlohmann::json::parse(all_lines[i]);
    a.erase("log");
    b.erase("log");
    ASSERT_EQ(a, b) << "frame " << i + 1;
  }
  EXPECT_NE(cut.err.find("capture ends in the middle of a record"), std::string::npos) << cut.err;
  EXPECT_NE(cut.err.find("after frame " + std::to_string(cut_lines.size())), std::string::npos)
      << cut.err;
}

TEST(PcapExtractCli, MalformedCorpusCapturesNameFileAndFrame) {
  SECKIT_REQUIRE_CORPUS(broken_ip, "pcap/malformed_ipv4-truncated-broken-header.pcap");
  CommandResult r = Extract({"--type", "packet", broken_ip.string()});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_EQ(CountLines(r.out), 1u);
  EXPECT_NE(r.err.find("malformed_ipv4-truncated-broken-header.pcap, frame 1"), std::string::npos)
      << r.err;
  SECKIT_REQUIRE_CORPUS(short_tcp, "pcap/malformed_tcp-truncated-header.pcap");
  CommandResult t = Extract({"--type", "packet", short_tcp.string()});
  EXPECT_EQ(t.exit_code, 65);
  EXPECT_EQ(CountLines(t.out), 24u);
  EXPECT_NE(t.err.find("inside the transport header"), std::string::npos) << t.err;
  SECKIT_REQUIRE_CORPUS(dns_corrupt, "pcap/malformed_dns-corrupt.pcap");
  CommandResult d = Extract({"--type", "dns", "--checksums", "verify", dns_corrupt.string()});
  EXPECT_EQ(d.exit_code, 65);
  EXPECT_NE(d.err.find("checksum"), std::string::npos) << d.err;
  EXPECT_EQ(CountLines(d.out), 2u);  // decoded all the same
  EXPECT_EQ(Extract({"--type", "dns", dns_corrupt.string()}).exit_code, 0);  // ignore: default
}

TEST(PcapExtractCli, CompressedPipedAndMisnamedInputs) {
  SECKIT_REQUIRE_CORPUS(capture, "pcap/dns_misnamed_pcapng.pcap");  // pcapng named .pcap
  CommandResult plain = Extract({"--type", "packet", capture.string()});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(CountLines(plain.out), 7u);
  TempDir dir;
  testing::WriteFile(dir / "c.pcap", testing::ReadFile(capture));
  ASSERT_EQ(testing::Run({"gzip", (dir / "c.pcap").string()}).exit_code, 0);
  CommandResult gz = Extract({"--type", "packet", (dir / "c.pcap.gz").string()});
  EXPECT_EQ(gz.exit_code, 0) << gz.err;
  EXPECT_EQ(CountLines(gz.out), 7u);
  CommandResult piped = Extract({"--type", "packet"}, testing::ReadFile(capture));
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(CountLines(piped.out), 7u);
  EXPECT_EQ(piped.out.find("\"log\""), std::string::npos);  // no file path for stdin
}

TEST(PcapExtractCli, EmptyCaptureIsFine) {
  SECKIT_REQUIRE_CORPUS(capture, "pcap/edge_empty.pcap");
  CommandResult r = Extract({"--type", "all", capture.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(PcapExtractCli, ClosedPipeAndFullDisk) {
  SECKIT_REQUIRE_CORPUS(capture, "pcap/http_bro.org.pcap");
  CommandResult head = testing::Run(
      {"bash", "-c", "set -o pipefail; \"$0\" --type packet \"$1\" | head -1 >/dev/null; "
                     "echo \"status=${PIPESTATUS[0]}\"",
       Tool(), capture.string()});
  EXPECT_NE(head.out.find("status=0"), std::string::npos) << head.out << head.err;
  EXPECT_EQ(head.err, "");
  CommandResult full = testing::RunToFile({Tool(), "--type", "packet", capture.string()}, "/dev/full");
  EXPECT_EQ(full.exit_code, 74);
  EXPECT_NE(full.err.find("No space left on device"), std::string::npos) << full.err;
}

TEST(PcapExtractCli, CountStopsEarly) {
  SECKIT_REQUIRE_CORPUS(capture, "pcap/http_bro.org.pcap");
  CommandResult r = Extract({"--type", "packet", "-c", "10", capture.string()});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(CountLines(r.out), 10u);
}

TEST(PcapExtractCli, LiveCaptureOnLoopback) {
  if (geteuid() != 0) GTEST_SKIP() << "live capture needs root (CAP_NET_RAW)";
  if (!testing::HaveProgram("ping")) GTEST_SKIP() << "no ping";
  std::thread traffic([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    testing::Run({"ping", "-c", "4", "-i", "0.2", "127.0.0.1"});
  });
  CommandResult r = Extract({"-i", "lo", "-f", "icmp", "--type", "packet", "--duration", "3"});
  traffic.join();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  size_t echo = 0;
  for (const std::string& line : testing::SplitLines(r.out)) {
    auto record = nlohmann::json::parse(line);
    if (record["source"]["ip"] == "127.0.0.1" && record["icmp"]["type"] == 8) ++echo;
    EXPECT_FALSE(record.contains("log"));
  }
  EXPECT_EQ(echo, 4u) << r.out;
}

TEST(PcapExtractCli, LiveCaptureWithoutPrivilegeIs77) {
  if (geteuid() != 0 || !testing::HaveProgram("setpriv")) {
    GTEST_SKIP() << "needs root and setpriv to drop privileges";
  }
  CommandResult r = testing::Run({"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                  "--inh-caps=-all", "env", "HOME=/nonexistent", Tool(), "-i", "lo",
                                  "--duration", "1"});
  EXPECT_EQ(r.exit_code, 77) << r.err;
  EXPECT_NE(r.err.find("CAP_NET_RAW"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace seckit
