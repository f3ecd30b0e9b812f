// Tests the TLS hello decoder and its JA3/JA3S/JA4 fingerprints: against tshark on the corpus and
// on synthetic captures, against FoxIO's published JA4 values, and against hostile input.
#include "tls_decoder.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "test_support.h"
#include "tls_fingerprint.h"

namespace seckit::pcap_extract {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes FromHex(std::string_view hex) {
  Bytes out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<uint8_t>(std::stoul(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

Bytes Concat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      parts.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

void Put16(Bytes* out, uint16_t v) {
  out->push_back(static_cast<uint8_t>(v >> 8));
  out->push_back(static_cast<uint8_t>(v));
}

// Real hellos captured on loopback from this project's build host: curl 7.88 (OpenSSL 3.0) to
// `openssl s_server`, and that server's TLS 1.3 and TLS 1.2 ServerHello records.
const Bytes kCurlClientHello = Concat(
    FromHex(
        "1603010200010001fc0303a5b5c0a622387a321a20fe8f1b79478fa5a02e980f8e0a77aeaa586e7226877f20"
        "1caf283a4ac824569937c5c29f031a1fe8e8e73cb8172f35e1f1ad73570624a8003e130213031301c02cc030"
        "009fcca9cca8ccaac02bc02f009ec024c028006bc023c0270067c00ac0140039c009c0130033009d009c003d"
        "003c0035002f00ff0100017500000011000f00000c746573742e6578616d706c65000b000403000102000a00"
        "160014001d0017001e00190018010001010102010301040010000e000c02683208687474702f312e31001600"
        "000017000000310000000d002a0028040305030603080708080809080a080b08040805080604010501060103"
        "0303010302040205020602002b0009080304030303020301002d00020101003300260024001d002087917b26"
        "fd336c4c4e09bbc33e6f63006604c0081234a44df724973bf8a5e770001500b1"),
    Bytes(0xb1, 0));
const Bytes kServerHello13 = FromHex(
    "160303007a020000760303a7520c859ce8363e67935e6195bdfe4190ae4a12de1b6524710871b213eefd8c201caf"
    "283a4ac824569937c5c29f031a1fe8e8e73cb8172f35e1f1ad73570624a8130200002e002b000203040033002400"
    "1d002090aaff45bbca812533f64a1698371cbbe1827c650bad007c243243540cd82b54");
const Bytes kServerHello12 = FromHex(
    "1603030066020000620303ce1a973bab83420328958e5a43d33f3de704d11f1059bf9f444f574e47524401202367"
    "9d04b201192e6d215d1eaa3052dcd64646f89a33f4a0592125e1e9f96ab0c02c00001aff01000100000b00040300"
    "010200100005000302683200170000");

// Builds ClientHello and ServerHello records for synthetic cases.
struct HelloBuilder {
  bool server = false;
  uint16_t record_version = 0x0301;
  uint16_t legacy_version = 0x0303;
  Bytes random = Bytes(32, 0x5a);
  std::vector<uint16_t> ciphers;  // a ServerHello uses the first
  bool extension_block = true;    // false: the message ends after the compression methods
  std::vector<std::pair<uint16_t, Bytes>> extensions;

  HelloBuilder& Ext(uint16_t type, Bytes body = {}) {
    extensions.emplace_back(type, std::move(body));
    return *this;
  }
  HelloBuilder& List16(uint16_t type, const std::vector<uint16_t>& values, bool one_byte_length) {
    Bytes body;
    if (one_byte_length) body.push_back(static_cast<uint8_t>(values.size() * 2));
    if (!one_byte_length) Put16(&body, static_cast<uint16_t>(values.size() * 2));
    for (uint16_t v : values) Put16(&body, v);
    return Ext(type, std::move(body));
  }
  HelloBuilder& Sni(std::string_view name) {
    Bytes body;
    Put16(&body, static_cast<uint16_t>(name.size() + 3));
    body.push_back(0);
    Put16(&body, static_cast<uint16_t>(name.size()));
    body.insert(body.end(), name.begin(), name.end());
    return Ext(kTlsExtServerName, std::move(body));
  }
  HelloBuilder& Alpn(const std::vector<std::string>& protocols) {
    Bytes list;
    for (const std::string& p : protocols) {
      list.push_back(static_cast<uint8_t>(p.size()));
      list.insert(list.end(), p.begin(), p.end());
    }
    Bytes body;
    Put16(&body, static_cast<uint16_t>(list.size()));
    return Ext(kTlsExtAlpn, Concat(std::move(body), list));
  }
  Bytes Message() const {
    Bytes body;
    Put16(&body, legacy_version);
    body = Concat(std::move(body), random);
    body.push_back(0);  // empty session id
    if (server) {
      Put16(&body, ciphers.at(0));
      body.push_back(0);
    } else {
      Put16(&body, static_cast<uint16_t>(ciphers.size() * 2));
      for (uint16_t c : ciphers) Put16(&body, c);
      body.insert(body.end(), {1, 0});
    }
    if (extension_block) {
      Bytes block;
      for (const auto& [type, data] : extensions) {
        Put16(&block, type);
        Put16(&block, static_cast<uint16_t>(data.size()));
        block.insert(block.end(), data.begin(), data.end());
      }
      Put16(&body, static_cast<uint16_t>(block.size()));
      body = Concat(std::move(body), block);
    }
    Bytes message = {static_cast<uint8_t>(server ? 2 : 1), 0};
    Put16(&message, static_cast<uint16_t>(body.size()));
    return Concat(std::move(message), body);
  }
  // The message in records of at most `fragment` bytes (the first one `first_fragment` bytes).
  Bytes Records(size_t fragment = 16384, size_t first_fragment = 16384) const {
    const Bytes message = Message();
    Bytes out;
    for (size_t pos = 0; pos < message.size();) {
      const size_t n = std::min(message.size() - pos, pos == 0 ? first_fragment : fragment);
      out.push_back(22);
      Put16(&out, record_version);
      Put16(&out, static_cast<uint16_t>(n));
      out.insert(out.end(), message.begin() + pos, message.begin() + pos + n);
      pos += n;
    }
    return out;
  }
};

// A Chrome-like hello with GREASE in every list RFC 8701 allows it in.
HelloBuilder GreasyClient() {
  HelloBuilder b;
  b.ciphers = {0x3a3a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030,
               0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035};
  b.Ext(0x0a0a).Sni("grease.example").Ext(0x0017).Ext(0xff01, {0});
  b.List16(kTlsExtSupportedGroups, {0x4a4a, 0x001d, 0x0017, 0x0018}, false);
  b.Ext(kTlsExtEcPointFormats, {1, 0}).Ext(0x0023).Alpn({"h2", "http/1.1"});
  b.List16(kTlsExtSignatureAlgorithms, {0x0403, 0x0804, 0x0401, 0x0503}, false);
  b.List16(kTlsExtSupportedVersions, {0x6a6a, 0x0304, 0x0303}, true);
  return b.Ext(0x002d, {1, 1}).Ext(0x001b, {2, 0, 2}).Ext(0xfafa, {0}).Ext(0x0015, Bytes(40, 0));
}

// Writes payloads as IPv4/TCP packets to a classic pcap, each on its own connection so that
// tshark dissects each alone: client packets to port 443, server packets from it.
void WritePcap(const std::filesystem::path& path,
               const std::vector<std::pair<bool, Bytes>>& packets) {
  std::string out("\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8);
  out.append(8, '\0');
  out.append("\xff\xff\x00\x00\x01\x00\x00\x00", 8);
  uint16_t port = 40000;
  for (const auto& [from_server, payload] : packets) {
    Bytes frame(12, 0x02);
    frame.insert(frame.end(), {0x08, 0x00, 0x45, 0x00});
    Put16(&frame, static_cast<uint16_t>(40 + payload.size()));
    frame.insert(frame.end(), {0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2});
    Put16(&frame, from_server ? 443 : port);
    Put16(&frame, from_server ? port : 443);
    frame.insert(frame.end(), {0, 0, 0, 1, 0, 0, 0, 1, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0});
    frame = Concat(std::move(frame), payload);
    ++port;
    // Record header, little-endian like the file header: ts_sec, ts_usec, incl_len, orig_len.
    for (const uint32_t v :
         {1u, 0u, static_cast<uint32_t>(frame.size()), static_cast<uint32_t>(frame.size())}) {
      for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>(v >> shift));
    }
    out.append(frame.begin(), frame.end());
  }
  testing::WriteFile(path, out);
}

std::string HexList(const std::vector<uint16_t>& values) {
  std::string out;
  char buffer[8];
  for (uint16_t v : values) {
    std::snprintf(buffer, sizeof buffer, "0x%04x", v);
    out.append(out.empty() ? "" : ",").append(buffer);
  }
  return out;
}

std::string Joined(const std::vector<std::string>& parts, char separator) {
  std::string out;
  for (const std::string& p : parts) out.append(out.empty() ? "" : std::string(1, separator)) += p;
  return out;
}

// Asks tshark for every ClientHello/ServerHello in `pcap` and compares it field by field with
// our decode of the same TCP payload. Returns the number of hellos compared.
int CompareWithTshark(const std::filesystem::path& pcap) {
  const std::vector<std::string> fields = {"frame.number",
                                           "tcp.payload",
                                           "tls.handshake.type",
                                           "tls.handshake.extensions_server_name",
                                           "tls.handshake.ja3_full",
                                           "tls.handshake.ja3",
                                           "tls.handshake.ja3s_full",
                                           "tls.handshake.ja3s",
                                           "tls.handshake.extensions_alpn_str",
                                           "tls.handshake.ciphersuite",
                                           "tls.handshake.version",
                                           "tls.handshake.extension.type",
                                           "tls.handshake.extensions.supported_version",
                                           "tls.handshake.sig_hash_alg",
                                           "tls.handshake.extensions_supported_group",
                                           "tls.handshake.extensions_ec_point_format"};
  std::vector<std::string> argv = {"tshark", "-n",
                                   "-r",     pcap.string(),
                                   "-Y",     "tls.handshake.type==1 or tls.handshake.type==2",
                                   "-T",     "fields",
                                   "-E",     "separator=/t"};
  for (const std::string& f : fields) argv.insert(argv.end(), {"-e", f});
  // Not checking the exit status: tshark fails on the corpus' deliberately broken captures after
  // printing what it could read.
  const testing::CommandResult result = testing::Run(argv);
  int compared = 0;
  for (const std::string& line : testing::SplitLines(result.out)) {
    const std::vector<std::string> f = Split(line, '\t');
    if (f.size() != fields.size()) {
      ADD_FAILURE() << "unexpected tshark line: " << line;
      continue;
    }
    SCOPED_TRACE(pcap.filename().string() + " frame " + f[0]);
    const Bytes payload = FromHex(f[1]);
    // tshark reports a hello reassembled from earlier segments on its last segment: not ours.
    if (payload.empty() || payload[0] != 22) continue;
    const std::optional<TlsHello> hello = DecodeTlsHello(payload);
    if (!hello) {
      ADD_FAILURE() << "not decoded";
      continue;
    }
    const bool client = Split(f[2], ',')[0] == "1";
    EXPECT_EQ(hello->kind, client ? TlsHelloKind::kClientHello : TlsHelloKind::kServerHello);
    EXPECT_TRUE(hello->complete);
    EXPECT_EQ(hello->server_name, f[3]);
    EXPECT_EQ(Joined(hello->alpn, ','), f[8]);
    EXPECT_EQ(HexList(client ? hello->cipher_suites : std::vector{hello->cipher_suite}), f[9]);
    EXPECT_EQ(HexList({hello->legacy_version}), f[10]);
    std::string types;
    for (const TlsExtension& e : hello->extensions) {
      types.append(types.empty() ? "" : ",").append(std::to_string(e.type));
    }
    EXPECT_EQ(types, f[11]);
    EXPECT_EQ(HexList(hello->supported_versions), f[12]);
    if (f[2] == "1" || f[2] == "2") {  // later messages (ServerKeyExchange) add algorithms
      EXPECT_EQ(HexList(hello->signature_algorithms), f[13]);
      EXPECT_EQ(HexList(hello->supported_groups), f[14]);
      std::string formats;
      for (uint8_t v : hello->ec_point_formats) {
        formats.append(formats.empty() ? "" : ",").append(std::to_string(v));
      }
      EXPECT_EQ(formats, f[15]);
    }
    const std::optional<Ja3Fingerprint> ja3 = client ? Ja3(*hello) : Ja3s(*hello);
    EXPECT_EQ(ja3 ? ja3->text : "", client ? f[4] : f[6]);
    EXPECT_EQ(ja3 ? ja3->md5 : "", client ? f[5] : f[7]);
    ++compared;
  }
  return compared;
}

#define SECKIT_REQUIRE_TSHARK()                                \
  if (!testing::HaveProgram("tshark")) {                       \
    GTEST_SKIP() << "tshark (the reference) is not installed"; \
  }

// False when an uncompressed capture holds no byte sequence a hello could start with, to spare a
// tshark run (seconds each) per capture without TLS. Every hello compared has such a start.
bool MayHoldTlsHello(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext != ".pcap" && ext != ".pcapng") return true;
  const std::string data = testing::ReadFile(path);
  for (size_t i = 0; i + 6 < data.size(); ++i) {
    if (data[i] == 22 && data[i + 1] == 3 && (data[i + 5] == 1 || data[i + 5] == 2)) return true;
  }
  return false;
}

TEST(TlsDecoderTshark, AgreesOnEveryCorpusHello) {
  SECKIT_REQUIRE_TSHARK();
  SECKIT_REQUIRE_CORPUS(chrome, "pcap/tls_chrome-34-google.pcap");
  int total = 0;
  for (const auto& entry : std::filesystem::directory_iterator(chrome.parent_path())) {
    const int n = MayHoldTlsHello(entry.path()) ? CompareWithTshark(entry.path()) : 0;
    if (n > 0) std::printf("[ compared ] %s: %d hellos\n", entry.path().filename().c_str(), n);
    if (entry.path().filename() == chrome.filename()) {
      EXPECT_EQ(n, 2);
    }
    total += n;
  }
  EXPECT_GE(total, 4);
}

TEST(TlsDecoderTshark, AgreesOnRealAndSyntheticHellos) {
  SECKIT_REQUIRE_TSHARK();
  HelloBuilder no_extensions;  // SSL 3.0 era: the message ends after the compression methods
  no_extensions.record_version = no_extensions.legacy_version = 0x0300;
  no_extensions.ciphers = {0x0004, 0x0005, 0x000a, 0x00ff};
  no_extensions.extension_block = false;
  HelloBuilder empty_block;  // an extension block of length 0, and near-GREASE values
  empty_block.ciphers = {0x1a2a, 0x0a1a, 0x002f};
  HelloBuilder near_grease;
  near_grease.ciphers = {0x002f};
  near_grease.Ext(0x2a3a).Ext(0x0a0b).Alpn({"h", "x"}).Sni("");
  HelloBuilder retry;  // a TLS 1.3 HelloRetryRequest: a ServerHello with a fixed random
  retry.server = true;
  retry.random = FromHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
  retry.ciphers = {0x1301};
  retry.Ext(kTlsExtSupportedVersions, {3, 4}).Ext(0x0033, {0, 0x1d});
  const std::vector<std::pair<bool, Bytes>> packets = {
      {false, kCurlClientHello},
      {true, kServerHello13},
      {true, kServerHello12},
      {false, GreasyClient().Records()},
      {false, GreasyClient().Records(60, 2)},  // handshake header split across records too
      {false, no_extensions.Records()},
      {false, empty_block.Records()},
      {false, near_grease.Records()},
      {true, retry.Records()},
  };
  testing::TempDir dir;
  WritePcap(dir / "hellos.pcap", packets);
  EXPECT_EQ(CompareWithTshark(dir / "hellos.pcap"), static_cast<int>(packets.size()));
  EXPECT_TRUE(DecodeTlsHello(retry.Records())->hello_retry_request);
}

TEST(TlsDecoder, DecodesTheFieldsOfARealTls13Exchange) {
  const std::optional<TlsHello> client = DecodeTlsHello(kCurlClientHello);
  ASSERT_TRUE(client);
  EXPECT_TRUE(client->complete);
  EXPECT_FALSE(client->malformed);
  EXPECT_EQ(client->record_version, 0x0301);
  EXPECT_EQ(client->session_id_length, 32);
  EXPECT_EQ(client->server_name, "test.example");
  EXPECT_EQ(client->alpn, (std::vector<std::string>{"h2", "http/1.1"}));
  EXPECT_EQ(client->supported_versions, (std::vector<uint16_t>{0x0304, 0x0303, 0x0302, 0x0301}));
  EXPECT_EQ(client->ec_point_formats, (Bytes{0, 1, 2}));
  EXPECT_EQ(client->signature_algorithms.size(), 20u);
  EXPECT_EQ(client->EffectiveVersion(), 0x0304);
  EXPECT_EQ(TlsVersionName(client->EffectiveVersion()).version, "1.3");
  EXPECT_EQ(TlsVersionName(client->EffectiveVersion()).protocol, "tls");
  EXPECT_EQ(TlsVersionName(0x0300).protocol, "ssl");
  EXPECT_EQ(client->extensions.back().type, 0x0015);
  const std::span<const uint8_t> padding = client->ExtensionBody(client->extensions.back());
  EXPECT_EQ(Bytes(padding.begin(), padding.end()), Bytes(0xb1, 0));

  const std::optional<TlsHello> server = DecodeTlsHello(kServerHello13);
  ASSERT_TRUE(server);
  EXPECT_EQ(server->kind, TlsHelloKind::kServerHello);
  EXPECT_EQ(server->cipher_suite, 0x1302);
  EXPECT_EQ(server->EffectiveVersion(), 0x0304);
  EXPECT_FALSE(server->hello_retry_request);
}

// FoxIO's published values: technical_details/JA4.md (the worked example) and the expected output
// of their reference implementation, python/test/testdata/{latest,sigalg-grease,badcurveball}
// .pcapng.json in github.com/FoxIO-LLC/ja4. Each ClientHello is rebuilt from its JA4_ro (the
// original lists) with GREASE added, and must give back every published rendering.
struct FoxioExample {
  const char* ja4_ro;
  const char* ja4;
  const char* ja4_o;
};
const FoxioExample kFoxioExamples[] = {
    {"t13d1516h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035_001b,"
     "0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015_0403,0804,0401,"
     "0503,0805,0501,0806,0601",
     "t13d1516h2_8daaf6152771_e5627efa2ab1", "t13d1516h2_acb858a92679_18f69afefd3d"},
    {"t12d190800_c02c,c02b,c030,c02f,c024,c023,c028,c027,c00a,c009,c014,c013,009d,009c,003d,003c,"
     "0035,002f,000a_0000,0005,000a,000b,000d,0023,0017,ff01_0804,0805,0806,0401,0501,0201,0403,"
     "0503,0203,0202,0601,0603",
     "t12d190800_d83cc789557e_7af1ed941c26", "t12d190800_e8d5f427a2c5_5e98404dd3cc"},
    {"t13d1516h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035_000d,"
     "0010,0000,000b,0023,4469,ff01,0033,000a,002d,002b,0005,0017,0012,001b,0029_0403,0804,0401,"
     "0503,0805,0501,0806,0601",
     "t13d1516h2_8daaf6152771_9b887d9acb53", "t13d1516h2_acb858a92679_ff8ca026d952"},
    {"t13d1517h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035_fe0d,"
     "0010,0017,0033,44cd,ff01,000a,000d,0023,002b,000b,ca34,002d,0000,0005,001b,0012_0904,0905,"
     "0906,0403,0804,0401,0503,0805,0501,0806,0601",
     "t13d1517h2_8daaf6152771_cb7bf5808d99", "t13d1517h2_acb858a92679_88bf22a3e888"},
    {"t13d1615h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035,000a_"
     "0000,0017,ff01,000a,000b,0023,0010,0005,000d,0012,0033,002d,002b,001b,0015_0403,0804,0401,"
     "0503,0805,0501,0806,0601,0201",
     "t13d1615h2_46e7e9700bed_45f260be83e2", "t13d1615h2_45f31bb0a5cc_b0e5d31d5128"},
};

std::vector<uint16_t> ParseHexList(std::string_view text) {
  std::vector<uint16_t> out;
  for (const std::string& item : Split(text, ',')) out.push_back(std::stoul(item, nullptr, 16));
  return out;
}

HelloBuilder FromJa4Ro(std::string_view ro) {
  const std::vector<std::string> parts = Split(ro, '_');
  HelloBuilder b;
  b.ciphers = ParseHexList(parts[1]);
  b.ciphers.insert(b.ciphers.begin(), 0x7a7a);
  std::vector<uint16_t> sigalgs = ParseHexList(parts[3]);
  sigalgs.insert(sigalgs.begin() + 1, 0x8a8a);
  b.Ext(0x9a9a);
  for (uint16_t type : ParseHexList(parts[2])) {
    switch (type) {
      case kTlsExtServerName:
        b.Sni("example.com");
        break;
      case kTlsExtAlpn:
        b.Alpn({"h2", "http/1.1"});
        break;
      case kTlsExtSignatureAlgorithms:
        b.List16(type, sigalgs, false);
        break;
      case kTlsExtSupportedVersions:
        b.List16(type, {0xaaaa, 0x0304, 0x0303}, true);
        break;
      case kTlsExtSupportedGroups:
        b.List16(type, {0xbaba, 0x001d, 0x0017}, false);
        break;
      case kTlsExtEcPointFormats:
        b.Ext(type, {1, 0});
        break;
      default:
        b.Ext(type);
    }
  }
  return b;
}

TEST(Ja4, ReproducesFoxioPublishedFingerprints) {
  for (const FoxioExample& example : kFoxioExamples) {
    SCOPED_TRACE(example.ja4);
    const std::optional<TlsHello> hello = DecodeTlsHello(FromJa4Ro(example.ja4_ro).Records());
    ASSERT_TRUE(hello && hello->complete);
    EXPECT_EQ(Ja4(*hello), example.ja4);
    EXPECT_EQ(Ja4(*hello, Ja4Form::kOriginal), example.ja4_o);
    EXPECT_EQ(Ja4(*hello, Ja4Form::kOriginalRaw), example.ja4_ro);
  }
  // JA4.md's JA4_r for its example, verbatim.
  const std::optional<TlsHello> spec =
      DecodeTlsHello(FromJa4Ro(kFoxioExamples[0].ja4_ro).Records());
  EXPECT_EQ(Ja4(*spec, Ja4Form::kRaw),
            "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_"
            "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,"
            "0503,0805,0501,0806,0601");
}

TEST(Ja4, FollowsTheSpecEdgeCases) {
  // JA4.md: the example's extensions without signature algorithms hash to 6d807ffa2a79.
  HelloBuilder b = FromJa4Ro(kFoxioExamples[0].ja4_ro);
  for (auto& [type, body] : b.extensions) {
    if (type == kTlsExtSignatureAlgorithms) body = {0, 0};
  }
  std::optional<TlsHello> hello = DecodeTlsHello(b.Records());
  EXPECT_EQ(Ja4(*hello), "t13d1516h2_8daaf6152771_6d807ffa2a79");
  // No cipher, no extension at all: the spec's all-zero marker; no SNI → 'i'; no ALPN → "00".
  HelloBuilder bare;
  bare.extension_block = false;
  hello = DecodeTlsHello(bare.Records());
  EXPECT_EQ(Ja4(*hello), "t12i000000_000000000000_000000000000");
  EXPECT_EQ(Ja4(*hello, Ja4Form::kRaw), "t12i000000__");
  // More than 99 ciphers or extensions prints 99.
  for (uint16_t i = 0; i < 120; ++i) bare.ciphers.push_back(0x0100 + i);
  bare.extension_block = true;
  for (uint16_t i = 0; i < 110; ++i) bare.Ext(0x1000 + i);
  hello = DecodeTlsHello(bare.Records());
  EXPECT_EQ(Ja4(*hello)->substr(0, 10), "t12i999900");
  // JA4.md's ALPN examples.
  EXPECT_EQ(Ja4AlpnChars("h2"), "h2");
  EXPECT_EQ(Ja4AlpnChars("http/1.1"), "h1");
  EXPECT_EQ(Ja4AlpnChars("h"), "hh");
  EXPECT_EQ(Ja4AlpnChars(""), "00");
  EXPECT_EQ(Ja4AlpnChars("\xab"), "ab");
  EXPECT_EQ(Ja4AlpnChars("\xab\xcd"), "ad");
  EXPECT_EQ(Ja4AlpnChars("0\xab"), "3b");
  EXPECT_EQ(Ja4AlpnChars("01\xab\xcd"), "3d");
  EXPECT_EQ(Ja4AlpnChars("0\xab\xcd"
                         "1"),
            "01");
  // Only complete ClientHellos get a JA4.
  EXPECT_FALSE(Ja4(*DecodeTlsHello(kServerHello12)));
}

TEST(TlsDecoder, RejectsWhatIsNotAHello) {
  const std::string http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  EXPECT_FALSE(DecodeTlsHello({reinterpret_cast<const uint8_t*>(http.data()), http.size()}));
  EXPECT_FALSE(DecodeTlsHello({}));
  EXPECT_FALSE(DecodeTlsHello(FromHex("15030300020228")));                  // alert record
  EXPECT_FALSE(DecodeTlsHello(FromHex("1703030005aabbccddee")));            // application data
  EXPECT_FALSE(DecodeTlsHello(FromHex("160303000a0b000006000003000000")));  // Certificate
  EXPECT_FALSE(DecodeTlsHello(FromHex("1603050004010000")));                // record version 3.5
  EXPECT_FALSE(DecodeTlsHello(FromHex("1603010000")));                      // empty record
  // An SSLv2-format ClientHello (as nmap and old clients send) is recognised and skipped.
  const Bytes sslv2 =
      Concat(FromHex("802e0103010015000000100700c00500800300800100800600400400800200"
                     "80"),
             Bytes(16, 0x11));
  EXPECT_TRUE(IsSslv2ClientHello(sslv2));
  EXPECT_FALSE(DecodeTlsHello(sslv2));
  EXPECT_FALSE(IsSslv2ClientHello(kCurlClientHello));
}

// Every prefix of a real hello decodes as far as it goes, never past its end, and without JA3.
// Prefixes shorter than `min_length` (up to the end of the handshake header) decode to nothing.
void CheckEveryPrefix(const Bytes& whole, size_t min_length = 9) {
  const std::optional<TlsHello> full = DecodeTlsHello(whole);
  ASSERT_TRUE(full && full->complete);
  for (size_t n = 0; n < whole.size(); ++n) {
    const Bytes prefix(whole.begin(), whole.begin() + n);  // exact size: ASan sees any overread
    const std::optional<TlsHello> cut = DecodeTlsHello(prefix);
    SCOPED_TRACE(n);
    if (n < min_length) {
      EXPECT_FALSE(cut);
      continue;
    }
    ASSERT_TRUE(cut);
    EXPECT_FALSE(cut->complete);
    EXPECT_FALSE(cut->malformed);
    EXPECT_FALSE(Ja3(*cut) || Ja3s(*cut) || Ja4(*cut));
    ASSERT_LE(cut->cipher_suites.size(), full->cipher_suites.size());
    EXPECT_TRUE(std::equal(cut->cipher_suites.begin(), cut->cipher_suites.end(),
                           full->cipher_suites.begin()));
    ASSERT_LE(cut->extensions.size(), full->extensions.size());
    for (size_t i = 0; i < cut->extensions.size(); ++i) {
      EXPECT_EQ(cut->extensions[i].type, full->extensions[i].type);
      EXPECT_LE(cut->extensions[i].length, full->extensions[i].length);
    }
  }
}

TEST(TlsDecoder, DecodesEveryTruncationOfARealHelloSafely) {
  CheckEveryPrefix(kCurlClientHello);
  CheckEveryPrefix(kServerHello12);
  CheckEveryPrefix(GreasyClient().Records(60, 2), 14);  // header split: 5 + 2 + 5 + 2
  if (!testing::HaveProgram("tshark")) return;
  for (const char* name :
       {"pcap/tls_chrome-34-google.pcap", "pcap/attack_heartbleed-success.pcap"}) {
    const std::filesystem::path pcap = testing::CorpusFile(name);
    if (pcap.empty()) continue;
    const testing::CommandResult r =
        testing::Run({"tshark", "-r", pcap.string(), "-Y", "tls.handshake.type==1", "-T", "fields",
                      "-e", "tcp.payload"});
    for (const std::string& line : testing::SplitLines(r.out)) CheckEveryPrefix(FromHex(line));
  }
}

TEST(TlsDecoder, FlagsLengthsThatLie) {
  const Bytes good = GreasyClient().Records();
  auto decode_with = [&](size_t offset, uint8_t value) {
    Bytes b = good;
    b.at(offset) = value;
    return DecodeTlsHello(b);
  };
  // Offsets in GreasyClient(): record header 0-4, handshake header 5-8, version 9-10, random,
  // session id length 43, cipher suites length 44-45.
  std::optional<TlsHello> h = decode_with(45, 0x21);  // odd cipher suites length
  EXPECT_TRUE(h && h->malformed && !h->complete);
  h = decode_with(44, 0x7f);  // cipher suites longer than the message
  EXPECT_TRUE(h && h->malformed && !Ja3(*h));
  ASSERT_GT(good[8], 0);
  h = decode_with(8, static_cast<uint8_t>(good[8] - 1));  // message one byte shorter than its parts
  EXPECT_TRUE(h && h->malformed);
  h = decode_with(8, static_cast<uint8_t>(good[8] + 1));  // message longer than the segment
  EXPECT_TRUE(h && !h->malformed && !h->complete);
  // A record longer than the segment holding a whole hello (snaplen cut the Certificate after it).
  h = decode_with(4, static_cast<uint8_t>(good[4] + 1));
  EXPECT_TRUE(h && h->complete && Ja3(*h));
  // server_name's inner length lies while the extension's own length is right.
  HelloBuilder lying_sni;
  lying_sni.ciphers = {0x002f};
  lying_sni.Ext(kTlsExtServerName, FromHex("0009000006616263"));
  h = DecodeTlsHello(lying_sni.Records());
  EXPECT_TRUE(h && h->malformed && h->server_name.empty() && h->extensions.size() == 1);
  // An alert record interrupting a hello split across records.
  Bytes split = GreasyClient().Records(100);
  split.insert(split.begin() + 105, {21, 3, 3, 0, 2, 2, 40});
  h = DecodeTlsHello(split);
  EXPECT_TRUE(h && h->malformed && !h->complete);
}

TEST(TlsDecoder, SurvivesRandomAndMutatedInput) {
  std::mt19937 rng(20241125);
  const Bytes seeds[] = {kCurlClientHello, kServerHello13, GreasyClient().Records(50, 3)};
  int decoded = 0;
  for (int i = 0; i < 10000; ++i) {
    Bytes b;
    if (i % 3 == 0) {  // pure noise
      b.resize(rng() % 600);
      for (uint8_t& byte : b) byte = static_cast<uint8_t>(rng());
    } else if (i % 3 == 1) {  // a plausible header in front of noise
      b = {22,
           3,
           static_cast<uint8_t>(rng() % 5),
           static_cast<uint8_t>(rng() % 3),
           static_cast<uint8_t>(rng()),
           static_cast<uint8_t>(1 + rng() % 2)};
      b.resize(6 + rng() % 700);
      for (size_t k = 6; k < b.size(); ++k) b[k] = static_cast<uint8_t>(rng());
    } else {  // a real hello with bytes flipped and the end cut
      b = seeds[rng() % 3];
      for (int k = 0, flips = 1 + rng() % 4; k < flips; ++k) b[rng() % b.size()] ^= 1u << rng() % 8;
      b.resize(b.size() - rng() % (b.size() / 2));
    }
    const std::optional<TlsHello> h = DecodeTlsHello(b);
    if (!h) continue;
    ++decoded;
    EXPECT_FALSE(h->complete && h->malformed);
    for (const TlsExtension& e : h->extensions) EXPECT_EQ(h->ExtensionBody(e).size(), e.length);
    (void)Ja3(*h), (void)Ja3s(*h), (void)Ja4(*h, Ja4Form::kRaw), (void)Ja4(*h);
  }
  EXPECT_GT(decoded, 3000);  // the mutations mostly still start like a hello
}

}  // namespace
}  // namespace seckit::pcap_extract
