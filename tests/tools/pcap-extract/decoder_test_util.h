// Helpers shared by the pcap-extract decoder tests: hex and field splitting for tshark output,
// and writing hand-made payloads into a pcap with text2pcap so tshark can decode them too.
#ifndef SECKIT_TESTS_PCAP_EXTRACT_DECODER_TEST_UTIL_H_
#define SECKIT_TESTS_PCAP_EXTRACT_DECODER_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "test_support.h"

namespace seckit::pcap_extract {

using Bytes = std::vector<uint8_t>;

inline Bytes FromHex(std::string_view hex) {
  Bytes bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return bytes;
}

inline std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  if (text.empty()) return parts;
  size_t start = 0;
  for (size_t end; (end = text.find(separator, start)) != std::string::npos; start = end + 1) {
    parts.push_back(text.substr(start, end - start));
  }
  parts.push_back(text.substr(start));
  return parts;
}

// Writes `packets` as a text2pcap hex dump under `dir` and converts it into `name`, one UDP
// datagram (transport "-u") or one TCP segment of a single stream ("-T", sequence numbers
// following the data, so tshark reassembles) per packet, between the two ports ("1053,53").
inline std::filesystem::path WriteTextPcap(const testing::TempDir& dir, const std::string& name,
                                           const std::vector<Bytes>& packets,
                                           const std::string& transport, const std::string& ports) {
  std::string dump;
  for (const Bytes& packet : packets) {
    for (size_t i = 0; i < packet.size(); ++i) {
      char buffer[32];
      if (i % 16 == 0) {  // each line starts with its offset; offset 0 starts a packet
        std::snprintf(buffer, sizeof(buffer), "%s%06zx", i ? "\n" : "", i);
        dump += buffer;
      }
      std::snprintf(buffer, sizeof(buffer), " %02x", packet[i]);
      dump += buffer;
    }
    dump += "\n";
  }
  testing::WriteFile(dir / (name + ".txt"), dump);
  const std::filesystem::path pcap = dir / name;
  const testing::CommandResult result = testing::Run(
      {"text2pcap", "-q", transport, ports, (dir / (name + ".txt")).string(), pcap.string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return pcap;
}

}  // namespace seckit::pcap_extract

#endif  // SECKIT_TESTS_PCAP_EXTRACT_DECODER_TEST_UTIL_H_
