// Tests for the DNS decoder: field-by-field agreement with tshark on real captures and on
// hand-made messages that tshark also decodes, and safety on hostile and random input.
#include "dns_decoder.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "dns_test_builder.h"
#include "test_support.h"

namespace seckit::pcap_extract {
namespace {

// tshark -T fields output for one frame: field name -> its values in order.
using Row = std::map<std::string, std::vector<std::string>>;

// The fields compared between tshark and the decoder (udp/tcp.payload are the input).
const std::vector<std::string> kFields = {"dns.id",
                                          "dns.flags",
                                          "dns.flags.opcode",
                                          "dns.flags.rcode",
                                          "dns.count.queries",
                                          "dns.count.answers",
                                          "dns.count.auth_rr",
                                          "dns.count.add_rr",
                                          "dns.qry.name",
                                          "dns.qry.type",
                                          "dns.qry.class",
                                          "dns.resp.name",
                                          "dns.resp.type",
                                          "dns.resp.class",
                                          "dns.resp.ttl",
                                          "dns.a",
                                          "dns.aaaa",
                                          "dns.cname",
                                          "dns.ns",
                                          "dns.ptr.domain_name",
                                          "dns.mx.preference",
                                          "dns.mx.mail_exchange",
                                          "dns.txt",
                                          "dns.soa.mname",
                                          "dns.soa.rname",
                                          "dns.soa.serial_number",
                                          "dns.soa.refresh_interval",
                                          "dns.soa.retry_interval",
                                          "dns.soa.expire_limit",
                                          "dns.soa.minimum_ttl",
                                          "dns.srv.service",
                                          "dns.srv.proto",
                                          "dns.srv.name",
                                          "dns.srv.priority",
                                          "dns.srv.weight",
                                          "dns.srv.port",
                                          "dns.srv.target",
                                          "dns.rr.udp_payload_size",
                                          "dns.resp.ext_rcode",
                                          "dns.resp.z.do"};

// Runs tshark on `capture` and returns one Row per DNS frame, with "payload" and "transport"
// added. Multiple values are separated by 0x1f, which no compared value contains.
std::vector<Row> TsharkDnsRows(const std::filesystem::path& capture) {
  std::vector<std::string> argv = {"tshark",
                                   "-r",
                                   capture.string(),
                                   "-Y",
                                   "dns and not icmp and not icmpv6",
                                   "-E",
                                   "aggregator=\x1f",
                                   "-T",
                                   "fields",
                                   "-e",
                                   "udp.payload",
                                   "-e",
                                   "tcp.payload"};
  for (const std::string& field : kFields) argv.insert(argv.end(), {"-e", field});
  const testing::CommandResult result = testing::Run(argv);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<Row> rows;
  for (const std::string& line : testing::SplitLines(result.out)) {
    const std::vector<std::string> columns = Split(line, '\t');
    Row row;
    row["transport"] = {columns.at(0).empty() ? "tcp" : "udp"};
    row["payload"] = {columns.at(0).empty() ? columns.at(1) : columns.at(0)};
    for (size_t i = 0; i < kFields.size(); ++i) {
      const std::string& column = i + 2 < columns.size() ? columns[i + 2] : std::string();
      if (!column.empty()) row[kFields[i]] = Split(column, '\x1f');
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string Hex(unsigned value, int digits) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "0x%0*x", digits, value);
  return buffer;
}

std::string TsharkName(const std::string& name) { return name == "." ? "<Root>" : name; }

void Add(Row& row, const std::string& field, std::string value) {
  row[field].push_back(std::move(value));
}

// Our "a b c" text forms (MX, SOA, SRV) split back into tshark's separate fields.
void AddSplit(Row& row, const std::string& data, const std::vector<std::string>& fields) {
  const std::vector<std::string> parts = Split(data, ' ');
  ASSERT_EQ(parts.size(), fields.size()) << data;
  for (size_t i = 0; i < parts.size(); ++i) Add(row, fields[i], TsharkName(parts[i]));
}

// The tshark fields of one record's RDATA. Each TXT record's strings, which we concatenate, are
// compared with tshark's strings concatenated.
void RenderRdata(const DnsRecord& r, Row& row) {
  EXPECT_TRUE(r.has_data) << r.name;
  const std::map<uint16_t, const char*> name_fields = {
      {kDnsTypeCname, "dns.cname"}, {kDnsTypeNs, "dns.ns"}, {kDnsTypePtr, "dns.ptr.domain_name"}};
  if (r.type == kDnsTypeA) Add(row, "dns.a", r.data);
  if (r.type == kDnsTypeAaaa) Add(row, "dns.aaaa", r.data);
  if (name_fields.count(r.type)) Add(row, name_fields.at(r.type), TsharkName(r.data));
  if (r.type == kDnsTypeTxt) Add(row, "txt joined", r.data);
  if (r.type == kDnsTypeMx) AddSplit(row, r.data, {"dns.mx.preference", "dns.mx.mail_exchange"});
  if (r.type == kDnsTypeSrv) {
    AddSplit(row, r.data, {"dns.srv.priority", "dns.srv.weight", "dns.srv.port", "dns.srv.target"});
  }
  if (r.type == kDnsTypeSoa) {
    AddSplit(row, r.data,
             {"dns.soa.mname", "dns.soa.rname", "dns.soa.serial_number", "dns.soa.refresh_interval",
              "dns.soa.retry_interval", "dns.soa.expire_limit", "dns.soa.minimum_ttl"});
  }
}

void RenderRecord(const DnsRecord& r, Row& row) {
  Add(row, "dns.resp.type", std::to_string(r.type));
  if (r.type == kDnsTypeSrv) {  // tshark splits an SRV owner into service, proto and name
    const std::vector<std::string> labels = Split(r.name, '.');
    Add(row, "dns.srv.service", labels.at(0));
    Add(row, "dns.srv.proto", labels.at(1));
    Add(row, "dns.srv.name", r.name.substr(labels[0].size() + labels[1].size() + 2));
  } else {
    Add(row, "dns.resp.name", TsharkName(r.name));
  }
  if (r.type == kDnsTypeOpt) {  // tshark shows class and TTL of OPT as EDNS fields
    Add(row, "dns.rr.udp_payload_size", std::to_string(r.dns_class));
    Add(row, "dns.resp.ext_rcode", Hex(r.ttl >> 24, 2));
    Add(row, "dns.resp.z.do", (r.ttl & 0x8000) ? "1" : "0");
    return;
  }
  Add(row, "dns.resp.class", Hex(r.dns_class, 4));
  Add(row, "dns.resp.ttl", std::to_string(r.ttl));
  RenderRdata(r, row);
}

// Renders decoded messages the way tshark prints the compared fields.
Row Render(const std::vector<DnsMessage>& messages) {
  Row row;
  for (const DnsMessage& m : messages) {
    Add(row, "dns.id", Hex(m.id, 4));
    Add(row, "dns.flags", Hex(m.flags, 4));
    Add(row, "dns.flags.opcode", std::to_string(m.opcode));
    if (m.is_response) Add(row, "dns.flags.rcode", std::to_string(m.flags & 0xf));
    Add(row, "dns.count.queries", std::to_string(m.question_count));
    Add(row, "dns.count.answers", std::to_string(m.answer_count));
    Add(row, "dns.count.auth_rr", std::to_string(m.authority_count));
    Add(row, "dns.count.add_rr", std::to_string(m.additional_count));
    for (const DnsQuestion& q : m.questions) {
      Add(row, "dns.qry.name", TsharkName(q.name));
      Add(row, "dns.qry.type", std::to_string(q.type));
      Add(row, "dns.qry.class", Hex(q.dns_class, 4));
    }
    for (const auto* section : {&m.answers, &m.authorities, &m.additionals}) {
      for (const DnsRecord& r : *section) RenderRecord(r, row);
    }
  }
  return row;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const std::string& part : parts) joined += part;
  return joined;
}

// Decodes every DNS frame tshark finds in `capture` and compares; returns the frame count.
size_t CompareCaptureWithTshark(const std::filesystem::path& capture) {
  size_t compared = 0;
  for (Row& expected : TsharkDnsRows(capture)) {
    const Bytes payload = FromHex(expected["payload"].at(0));
    SCOPED_TRACE(capture.filename().string() + " frame with id " + expected["dns.id"].at(0));
    std::string error;
    std::vector<DnsMessage> messages;
    if (expected["transport"].at(0) == "udp") {
      std::optional<DnsMessage> message = DecodeDns(payload, &error);
      if (message) messages.push_back(std::move(*message));
    } else {
      messages = DecodeDnsTcp(payload, &error);
    }
    EXPECT_FALSE(messages.empty()) << error;
    if (messages.empty()) continue;
    EXPECT_EQ(error, "");
    for (const DnsMessage& m : messages) EXPECT_FALSE(m.partial);
    Row actual = Render(messages);
    if (!expected["dns.txt"].empty()) expected["txt joined"] = {Join(expected["dns.txt"])};
    actual["dns.txt"] = expected["dns.txt"];  // compared through "txt joined"
    if (actual["txt joined"].size() > 1) actual["txt joined"] = {Join(actual["txt joined"])};
    for (const auto& [field, values] : expected) {
      if (field == "payload" || field == "transport") continue;
      EXPECT_EQ(actual[field], values) << field;
    }
    for (const auto& [field, values] : actual) {
      EXPECT_TRUE(expected.count(field) || values.empty()) << field << " only in ours";
    }
    ++compared;
  }
  return compared;
}

struct CorpusCase {
  const char* file;
  size_t min_frames;  // guards against a filter that silently matches nothing
};

TEST(DnsDecoderTshark, AgreesWithTsharkOnEveryDnsFrameOfTheCorpus) {
  if (!testing::HaveProgram("tshark")) GTEST_SKIP() << "tshark not installed";
  const CorpusCase cases[] = {{"pcap/dns_lab.pcapng", 22},
                              {"pcap/dns_misnamed_pcapng.pcap", 7},
                              {"pcap/edge_pcapng-multi-interface.pcapng", 6},
                              {"pcap/malformed_dns-corrupt.pcap", 2},
                              {"pcap/ipv6-fragmented-dns.pcap", 5},
                              {"pcap/attack_nmap-vsn.pcap", 12}};
  size_t files = 0;
  for (const CorpusCase& c : cases) {
    const std::filesystem::path path = testing::CorpusFile(c.file);
    if (path.empty()) continue;
    ++files;
    const size_t compared = CompareCaptureWithTshark(path);
    std::printf("[   INFO   ] %s: %zu DNS frames compared with tshark\n", c.file, compared);
    EXPECT_GE(compared, c.min_frames) << c.file;
  }
  if (files == 0) GTEST_SKIP() << "no DNS captures in the corpus (set SECKIT_TEST_DATA)";
}

// Hand-made messages with the RDATA forms the corpus lacks: MX (one a null MX), SRV, SOA in an
// NXDOMAIN, TXT with several strings in two records, and AAAA edge cases for RFC 5952 text.
std::vector<Bytes> RdataMessages() {
  std::vector<Bytes> messages;
  DnsBuilder mx(0x0101, 0x8180, 1, 2, 0, 0);
  mx.Question("Example.COM", kDnsTypeMx);
  mx.Pointer(12).Fixed(kDnsTypeMx, 3600).U16(10).Label("mail").Pointer(12).EndRdata();
  mx.Pointer(12).Fixed(kDnsTypeMx, 3600).U16(0).Name(".").EndRdata();
  messages.push_back(mx.bytes());

  DnsBuilder srv(0x0202, 0x8580, 1, 1, 0, 0);
  srv.Question("_sip._tcp.example.org", kDnsTypeSrv);  // "example" is at offset 22
  srv.Pointer(12).Fixed(kDnsTypeSrv, 60).U16(1).U16(2).U16(5060).Label("sip").Pointer(22);
  messages.push_back(srv.EndRdata().bytes());

  DnsBuilder soa(0x0303, 0x8183, 1, 0, 1, 0);
  soa.Question("nope.example.net", kDnsTypeA);  // "example" is at offset 17
  soa.Pointer(17).Fixed(kDnsTypeSoa, 900);
  soa.Label("ns1").Pointer(17).Label("hostmaster").Pointer(17);
  soa.U32(2024010101).U32(7200).U32(3600).U32(1209600).U32(4294967295u);
  messages.push_back(soa.EndRdata().bytes());

  DnsBuilder txt(0x0404, 0x8180, 1, 2, 0, 0);
  txt.Question("txt.example", kDnsTypeTxt);
  txt.Pointer(12).Fixed(kDnsTypeTxt, 5).Label("v=spf1 ").Label("").Label("-all").EndRdata();
  txt.Pointer(12).Fixed(kDnsTypeTxt, 5).Label("second, record").EndRdata();
  messages.push_back(txt.bytes());

  DnsBuilder aaaa(0x0505, 0x81a0, 1, 5, 0, 0);
  aaaa.Question("v6.example", kDnsTypeAaaa);
  for (std::string_view hex :
       {"00000000000000000000000000000001", "20010db8000000000000000000000001",
        "00000000000000000000ffff01020304", "20010db8000000000001000000000001",
        "fe800000000000000000000000000000"}) {
    aaaa.Pointer(12).Fixed(kDnsTypeAaaa, 7);
    for (uint8_t b : FromHex(hex)) aaaa.U8(b);
    aaaa.EndRdata();
  }
  messages.push_back(aaaa.bytes());
  return messages;
}

// Hand-made messages for sections, EDNS and names: a referral with glue and an OPT record
// carrying DO and an extended RCODE, a CNAME chain through a pointer to a pointer, a 255-octet
// name, and the root name.
std::vector<Bytes> SectionAndNameMessages() {
  std::vector<Bytes> messages;
  DnsBuilder referral(0x0606, 0x8180, 1, 0, 2, 3);
  referral.Question("www.example.edu", kDnsTypeA);  // "example" is at 16
  referral.Pointer(16).Fixed(kDnsTypeNs, 172800);   // RDATA at 45, "edu-servers" at 47
  referral.Label("a").Label("edu-servers").Name("net").EndRdata();
  referral.Pointer(16).Fixed(kDnsTypeNs, 172800).Label("b").Pointer(47).EndRdata();
  referral.Pointer(45).Fixed(kDnsTypeA, 172800).U32(0xc0053006).EndRdata();
  referral.Pointer(45).Fixed(kDnsTypeAaaa, 172800).Raw(std::string(15, '\0')).U8(1).EndRdata();
  referral.Name(".").Fixed(kDnsTypeOpt, 0x01008000, 1232).EndRdata();
  messages.push_back(referral.bytes());

  DnsBuilder chain(0x0707, 0x8180, 1, 3, 0, 0);
  chain.Question("a.example", kDnsTypeA);  // "example" at 14; RDATAs at 39 and 55
  chain.Pointer(12).Fixed(kDnsTypeCname, 1).Label("b").Pointer(14).EndRdata();
  chain.Pointer(39).Fixed(kDnsTypeCname, 1).Label("c").Pointer(39).EndRdata();
  chain.Pointer(55).Fixed(kDnsTypeA, 1).U32(0x0a000001).EndRdata();
  messages.push_back(chain.bytes());

  const std::string long_name = std::string(63, 'a') + "." + std::string(63, 'b') + "." +
                                std::string(63, 'c') + "." + std::string(61, 'd');  // 255 octets
  messages.push_back(DnsBuilder(0x0808, 0x0130, 1, 0, 0, 0).Question(long_name, 12).bytes());
  messages.push_back(DnsBuilder(0x0909, 0x0100, 1, 0, 0, 0).Question(".", kDnsTypeNs).bytes());
  return messages;
}

TEST(DnsDecoderTshark, AgreesWithTsharkOnHandMadeMessages) {
  if (!testing::HaveProgram("tshark") || !testing::HaveProgram("text2pcap")) {
    GTEST_SKIP() << "tshark or text2pcap not installed";
  }
  testing::TempDir dir;
  std::vector<Bytes> messages = RdataMessages();
  for (Bytes& m : SectionAndNameMessages()) messages.push_back(std::move(m));
  EXPECT_EQ(CompareCaptureWithTshark(WriteTextPcap(dir, "udp.pcap", messages, "-u", "1053,53")),
            messages.size());

  // DNS over TCP: two whole messages in one segment, then one message alone.
  Bytes two;
  for (const Bytes* m : {&messages[0], &messages[5]}) {
    two.push_back(uint8_t(m->size() >> 8));
    two.push_back(uint8_t(m->size()));
    two.insert(two.end(), m->begin(), m->end());
  }
  Bytes one = {uint8_t(messages[2].size() >> 8), uint8_t(messages[2].size())};
  one.insert(one.end(), messages[2].begin(), messages[2].end());
  EXPECT_EQ(CompareCaptureWithTshark(WriteTextPcap(dir, "tcp.pcap", {two, one}, "-T", "1053,53")),
            2u);
}

TEST(DnsDecoderTshark, TypeNamesMatchTsharksTable) {
  if (!testing::HaveProgram("tshark")) GTEST_SKIP() << "tshark not installed";
  const testing::CommandResult result = testing::Run({"tshark", "-G", "values"});
  size_t compared = 0;
  for (const std::string& line : testing::SplitLines(result.out)) {
    const std::vector<std::string> columns = Split(line, '\t');
    if (columns.size() < 4 || columns[0] != "V" || columns[1] != "dns.qry.type") continue;
    const uint16_t type = static_cast<uint16_t>(std::stoul(columns[2]));
    const std::string mnemonic = columns[3].substr(0, columns[3].find(' '));
    const std::string ours = DnsTypeName(type);
    if (type == 255) {
      EXPECT_EQ(ours, "ANY");  // tshark says "*", the registry's symbol
    } else if (ours.rfind("TYPE", 0) == 0) {
      // Numbers we leave generic: 0 ("Unused") and Microsoft's private WINS, WINS-R, XPF.
      EXPECT_TRUE(type == 0 || type >= 65280) << type << " " << mnemonic;
    } else {
      EXPECT_EQ(ours, mnemonic) << type;
      ++compared;
    }
  }
  EXPECT_GE(compared, 80u);
}

}  // namespace
}  // namespace seckit::pcap_extract
