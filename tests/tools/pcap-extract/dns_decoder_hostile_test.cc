// Tests for the DNS decoder on hostile, malformed and random input, and for the text forms that
// tshark shows differently (escaped labels, raw TXT bytes, generic RDATA, names of numbers).
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "dns_decoder.h"
#include "dns_test_builder.h"

namespace seckit::pcap_extract {
namespace {

std::optional<DnsMessage> Decode(const Bytes& bytes, std::string* error) {
  return DecodeDns(bytes, error);
}

TEST(DnsDecoder, NeedsAWholeHeader) {
  std::string error;
  EXPECT_FALSE(DecodeDns({}, &error));
  EXPECT_EQ(error, "DNS message shorter than its 12-byte header (0 bytes)");
  EXPECT_FALSE(Decode(Bytes(11, 0), &error));
  const std::optional<DnsMessage> empty = Decode(Bytes(12, 0), &error);
  ASSERT_TRUE(empty);
  EXPECT_EQ(error, "");
  EXPECT_FALSE(empty->partial);
  EXPECT_FALSE(DecodeDns({}, nullptr));  // a null error pointer is allowed
}

TEST(DnsDecoder, RejectsAPointerToItself) {
  std::string error;
  const Bytes bytes = DnsBuilder(1, 0x0100, 1, 0, 0, 0).Pointer(12).U16(1).U16(1).bytes();
  const std::optional<DnsMessage> m = Decode(bytes, &error);
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->partial);
  EXPECT_TRUE(m->questions.empty());
  EXPECT_EQ(error, "question 1: compression pointer does not point backwards (offset 12)");
}

TEST(DnsDecoder, RejectsTwoPointersToEachOther) {
  // Answer name at 21 points forward to 23, which points back to 21.
  DnsBuilder b(1, 0x8180, 1, 1, 0, 1);
  b.Question("a.b", kDnsTypeA).Pointer(23).Pointer(21).Fixed(kDnsTypeA, 1).U32(1).EndRdata();
  std::string error;
  std::optional<DnsMessage> m = Decode(b.bytes(), &error);
  ASSERT_TRUE(m);
  EXPECT_EQ(error, "answer 1: compression pointer does not point backwards (offset 21)");

  // The pair inside a NULL record's RDATA (offsets 32 and 34), entered from behind by the
  // additional record's name.
  DnsBuilder c(1, 0x8180, 1, 1, 0, 1);
  c.Question("a.b", kDnsTypeA).Name(".").Fixed(10, 0).Pointer(34).Pointer(32).EndRdata();
  c.Pointer(32).Fixed(kDnsTypeA, 1).U32(1).EndRdata();
  m = Decode(c.bytes(), &error);
  ASSERT_TRUE(m);
  EXPECT_EQ(error, "additional 1: compression pointer does not point backwards (offset 32)");
  EXPECT_EQ(m->answers.size(), 1u);
  EXPECT_TRUE(m->additionals.empty());
}

TEST(DnsDecoder, RejectsPointersPastTheEndAndCutOff) {
  std::string error;
  EXPECT_TRUE(Decode(DnsBuilder(1, 0, 1, 0, 0, 0).Pointer(0x3fff).bytes(), &error));
  EXPECT_EQ(error, "question 1: compression pointer does not point backwards (offset 12)");
  EXPECT_TRUE(Decode(DnsBuilder(1, 0, 1, 0, 0, 0).U8(0xc0).bytes(), &error));
  EXPECT_EQ(error, "question 1: compression pointer cut off (offset 12)");
  EXPECT_TRUE(Decode(DnsBuilder(1, 0, 1, 0, 0, 0).Label("abc").bytes(), &error));
  EXPECT_EQ(error, "question 1: name runs past the end of the message (offset 16)");
  EXPECT_TRUE(Decode(DnsBuilder(1, 0, 1, 0, 0, 0).U8(5).Raw("ab").bytes(), &error));
  EXPECT_EQ(error, "question 1: label runs past the end of the message (offset 12)");
}

TEST(DnsDecoder, KeepsWhatFitsWhenCountsExceedTheData) {
  std::string error;
  DnsBuilder b(7, 0x8180, 1, 5, 3, 3);
  b.Question("x.example", kDnsTypeA).Pointer(12).Fixed(kDnsTypeA, 60).U32(0x01020304).EndRdata();
  const std::optional<DnsMessage> m = Decode(b.bytes(), &error);
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->partial);
  ASSERT_EQ(m->answers.size(), 1u);
  EXPECT_EQ(m->answers[0].data, "1.2.3.4");
  EXPECT_EQ(m->answer_count, 5);
  EXPECT_EQ(error, "answer 2: message ends before the count in the header (offset 43)");

  const std::optional<DnsMessage> lying =
      Decode(DnsBuilder(7, 0, 65535, 65535, 65535, 65535).bytes(), &error);
  ASSERT_TRUE(lying);
  EXPECT_TRUE(lying->questions.empty());
  EXPECT_EQ(error, "question 1: message ends before the count in the header (offset 12)");
}

TEST(DnsDecoder, LimitsNamesTo255Octets) {
  const std::string l63(63, 'x');
  std::string error;
  const std::string name255 = l63 + "." + l63 + "." + l63 + "." + std::string(61, 'y');
  std::optional<DnsMessage> m =
      Decode(DnsBuilder(1, 0, 1, 0, 0, 0).Question(name255, 1).bytes(), &error);
  ASSERT_TRUE(m && m->questions.size() == 1);
  EXPECT_EQ(m->questions[0].name, name255);
  EXPECT_EQ(error, "");
  const std::string name256 = l63 + "." + l63 + "." + l63 + "." + std::string(62, 'y');
  m = Decode(DnsBuilder(1, 0, 1, 0, 0, 0).Question(name256, 1).bytes(), &error);
  EXPECT_EQ(error, "question 1: name longer than 255 octets (offset 204)");
  // Over the limit only through a pointer: 196 octets in the question, 61 more in front; the
  // offset is that of the label in the question that crosses the limit.
  const std::string name196 = l63 + "." + l63 + "." + l63 + ".ab";
  DnsBuilder b(1, 0x8180, 1, 1, 0, 0);
  b.Question(name196, 1).Label(std::string(60, 'w')).Pointer(12).Fixed(1, 1).U32(0).EndRdata();
  m = Decode(b.bytes(), &error);
  EXPECT_TRUE(m && m->answers.empty());
  EXPECT_EQ(error, "answer 1: name longer than 255 octets (offset 204)");
}

TEST(DnsDecoder, RejectsReservedLabelTypes) {
  std::string error;
  for (uint8_t type : {0x40, 0x41, 0x80, 0xbf}) {
    EXPECT_TRUE(Decode(DnsBuilder(1, 0, 1, 0, 0, 0).U8(type).Raw("abc").bytes(), &error));
    EXPECT_EQ(error, "question 1: reserved label type (0x40 or 0x80) (offset 12)") << int(type);
  }
}

// A chain of `links` pointers, each to the one before, the first to the question name "a";
// then an answer whose name is the last link.
Bytes PointerChain(int links) {
  DnsBuilder b(1, 0x8180, 1, 2, 0, 0);
  b.Question("a", kDnsTypeA).Name("b").Fixed(10, 0);  // a NULL record holding the chain
  size_t previous = 12;
  for (int i = 0; i < links; ++i) {
    const size_t here = b.bytes().size();
    b.Pointer(static_cast<uint16_t>(previous));
    previous = here;
  }
  b.EndRdata().Pointer(static_cast<uint16_t>(previous)).Fixed(kDnsTypeA, 0).U32(0).EndRdata();
  return b.bytes();
}

TEST(DnsDecoder, BoundsPointersPerName) {
  std::string error;
  std::optional<DnsMessage> m = Decode(PointerChain(126), &error);
  ASSERT_TRUE(m && m->answers.size() == 2);
  EXPECT_EQ(m->answers[1].name, "a");
  EXPECT_EQ(error, "");
  m = Decode(PointerChain(127), &error);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->answers.size(), 1u);
  EXPECT_NE(error.find("too many compression pointers in a name"), std::string::npos) << error;
}

TEST(DnsDecoder, WorstCaseCompressionStaysFast) {
  // A 126-pointer chain, then as many 16-byte A records as fit in 64 KiB, each named by the end
  // of the chain: the work per name is bounded, so this is linear in the message size.
  constexpr uint16_t kRecords = 4078;
  DnsBuilder b(1, 0x8180, 1, kRecords + 1, 0, 0);
  b.Question("a", kDnsTypeA).Name("b").Fixed(10, 0);
  size_t previous = 12;
  for (int i = 0; i < 126; ++i) {
    const size_t here = b.bytes().size();
    b.Pointer(static_cast<uint16_t>(previous));
    previous = here;
  }
  b.EndRdata();
  for (int i = 0; i < kRecords; ++i) {
    b.Pointer(static_cast<uint16_t>(previous)).Fixed(kDnsTypeA, 0).U32(0).EndRdata();
  }
  ASSERT_LE(b.bytes().size(), 65535u);
  const auto start = std::chrono::steady_clock::now();
  std::string error;
  const std::optional<DnsMessage> m = Decode(b.bytes(), &error);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(m);
  EXPECT_EQ(error, "");
  EXPECT_EQ(m->answers.size(), kRecords + 1u);
  EXPECT_EQ(m->answers.back().name, "a");
  EXPECT_LT(seconds, 5.0);  // generous for sanitizer builds
}

TEST(DnsDecoder, KeepsGoingAfterRdataThatDoesNotFitItsType) {
  DnsBuilder b(1, 0x8180, 1, 2, 0, 0);
  b.Question("x", kDnsTypeA).Pointer(12).Fixed(kDnsTypeA, 1).U32(1).U8(2).EndRdata();
  b.Pointer(12).Fixed(kDnsTypeA, 1).U32(0x7f000001).EndRdata();
  std::string error;
  const std::optional<DnsMessage> m = Decode(b.bytes(), &error);
  ASSERT_TRUE(m && m->answers.size() == 2);
  EXPECT_FALSE(m->answers[0].has_data);
  EXPECT_EQ(m->answers[0].data, "");
  EXPECT_TRUE(m->answers[1].has_data);
  EXPECT_EQ(m->answers[1].data, "127.0.0.1");
  EXPECT_TRUE(m->partial);
  EXPECT_EQ(error, "answer 1: A RDATA is not 4 bytes (offset 31)");

  // RDLENGTH beyond the data: the record is kept without data and decoding stops.
  DnsBuilder c(1, 0x8180, 1, 2, 0, 0);
  c.Question("x", kDnsTypeA).Pointer(12).U16(kDnsTypeA).U16(1).U32(9).U16(100).U32(1);
  const std::optional<DnsMessage> cut = Decode(c.bytes(), &error);
  ASSERT_TRUE(cut && cut->answers.size() == 1);
  EXPECT_EQ(cut->answers[0].ttl, 9u);
  EXPECT_FALSE(cut->answers[0].has_data);
  EXPECT_EQ(error, "answer 1: RDATA runs past the end of the message (offset 31)");
}

TEST(DnsDecoder, EscapesLabelsAsDigDoes) {
  std::string error;
  DnsBuilder b(1, 0, 1, 0, 0, 0);
  b.Label("a.b").Label(std::string("x\x01y", 3)).Label("back\\slash").Label("sp ce");
  b.Label("\xff\x7f").Label("UPPER").U8(0).U16(1).U16(1);
  const std::optional<DnsMessage> m = Decode(b.bytes(), &error);
  ASSERT_TRUE(m && m->questions.size() == 1);
  EXPECT_EQ(m->questions[0].name, "a\\.b.x\\001y.back\\\\slash.sp\\032ce.\\255\\127.UPPER");
  EXPECT_EQ(error, "");
}

TEST(DnsDecoder, RdataTextForms) {
  DnsBuilder b(1, 0x8180, 1, 6, 0, 0);
  b.Question("t", kDnsTypeTxt);
  b.Pointer(12).Fixed(kDnsTypeTxt, 1).Label("\xff\xfe").Label("ok").EndRdata();  // raw bytes
  b.Pointer(12).Fixed(10, 1).Raw("abc").EndRdata();                              // NULL
  b.Pointer(12).Fixed(65280, 1).EndRdata();                                      // private, empty
  b.Pointer(12).Fixed(kDnsTypeMx, 1).U16(5).Name("mx.t").EndRdata();
  b.Pointer(12).Fixed(kDnsTypeTxt, 1).U8(9).Raw("short").EndRdata();  // bad string
  b.Pointer(12).Fixed(kDnsTypeCname, 1).Name("c").U8(0).EndRdata();   // extra byte
  std::string error;
  const std::optional<DnsMessage> m = Decode(b.bytes(), &error);
  ASSERT_TRUE(m && m->answers.size() == 6);
  EXPECT_EQ(m->answers[0].data, "\xff\xfeok");
  EXPECT_EQ(m->answers[1].data, "\\# 3 616263");
  EXPECT_EQ(m->answers[2].data, "\\# 0");
  EXPECT_EQ(m->answers[3].data, "5 mx.t");
  EXPECT_FALSE(m->answers[4].has_data);
  EXPECT_FALSE(m->answers[5].has_data);
  EXPECT_EQ(error, "answer 5: TXT string runs past the end of its RDATA (offset 96)");
}

TEST(DnsDecoder, NamesOfNumbers) {
  EXPECT_EQ(DnsTypeName(1), "A");
  EXPECT_EQ(DnsTypeName(28), "AAAA");
  EXPECT_EQ(DnsTypeName(255), "ANY");
  EXPECT_EQ(DnsTypeName(65), "HTTPS");
  EXPECT_EQ(DnsTypeName(65280), "TYPE65280");
  EXPECT_EQ(DnsClassName(1), "IN");
  EXPECT_EQ(DnsClassName(3), "CH");
  EXPECT_EQ(DnsClassName(32769), "CLASS32769");
  EXPECT_EQ(DnsRcodeName(0), "NOERROR");
  EXPECT_EQ(DnsRcodeName(2), "SERVFAIL");
  EXPECT_EQ(DnsRcodeName(3), "NXDOMAIN");
  EXPECT_EQ(DnsRcodeName(5), "REFUSED");
  EXPECT_EQ(DnsRcodeName(16), "BADVERS");
  EXPECT_EQ(DnsRcodeName(12), "RCODE12");
  EXPECT_EQ(DnsOpcodeName(0), "QUERY");
  EXPECT_EQ(DnsOpcodeName(5), "UPDATE");
  EXPECT_EQ(DnsOpcodeName(3), "OPCODE3");
}

TEST(DnsDecoder, HeaderFlagsAndEdns) {
  // QR AA TC RD RA AD CD set, opcode NOTIFY (4), header rcode 0 extended by OPT to 16.
  DnsBuilder b(0xbeef, 0xa7b0, 0, 0, 0, 1);
  b.Name(".").Fixed(kDnsTypeOpt, 0x01008000, 4096).EndRdata();
  std::string error;
  const std::optional<DnsMessage> m = Decode(b.bytes(), &error);
  ASSERT_TRUE(m);
  EXPECT_EQ(error, "");
  EXPECT_EQ(m->id, 0xbeef);
  EXPECT_TRUE(m->is_response);
  EXPECT_EQ(m->opcode, 4);
  EXPECT_EQ(m->rcode, 16);
  EXPECT_TRUE(m->has_edns);
  EXPECT_EQ(m->edns_udp_size, 4096);
  EXPECT_TRUE(m->edns_do);
  std::vector<std::string_view> flags;
  for (std::string_view flag : HeaderFlags(*m)) flags.push_back(flag);
  EXPECT_EQ(flags, (std::vector<std::string_view>{"AA", "TC", "RD", "RA", "AD", "CD", "DO"}));
  ASSERT_EQ(m->additionals.size(), 1u);
  EXPECT_FALSE(m->additionals[0].has_data);
  EXPECT_EQ(HeaderFlags(*Decode(Bytes(12, 0), nullptr)).count, 0u);
}

Bytes Framed(const Bytes& message, size_t keep) {
  Bytes framed = {uint8_t(message.size() >> 8), uint8_t(message.size())};
  framed.insert(framed.end(), message.begin(), message.begin() + keep);
  return framed;
}

TEST(DnsDecoder, TcpSegments) {
  const Bytes m1 = DnsBuilder(1, 0x0100, 1, 0, 0, 0).Question("one.example", 1).bytes();
  DnsBuilder b2(2, 0x8180, 1, 1, 0, 0);
  b2.Question("two.example", 1).Pointer(12).Fixed(1, 5).U32(0x0a000002).EndRdata();
  const Bytes m2 = b2.bytes();
  Bytes segment = Framed(m1, m1.size());
  const Bytes second = Framed(m2, m2.size());
  segment.insert(segment.end(), second.begin(), second.end());
  const Bytes third = Framed(m2, 33);  // header and question, answer cut off
  segment.insert(segment.end(), third.begin(), third.end());
  std::string error;
  std::vector<DnsMessage> messages = DecodeDnsTcp(segment, &error);
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0].questions.at(0).name, "one.example");
  EXPECT_FALSE(messages[1].partial);
  EXPECT_EQ(messages[1].answers.at(0).data, "10.0.0.2");
  EXPECT_TRUE(messages[2].partial);
  EXPECT_EQ(messages[2].questions.at(0).name, "two.example");
  EXPECT_EQ(error, "DNS-over-TCP message 3: cut off after 33 of 45 bytes");

  EXPECT_TRUE(DecodeDnsTcp({}, &error).empty());
  EXPECT_EQ(error, "");
  const Bytes one_byte = {0};
  EXPECT_TRUE(DecodeDnsTcp(one_byte, &error).empty());
  EXPECT_EQ(error, "DNS-over-TCP message 1: segment ends inside the 2-byte length");
  const Bytes zero = {0, 0, 1, 2};
  EXPECT_TRUE(DecodeDnsTcp(zero, &error).empty());
  EXPECT_EQ(error, "DNS-over-TCP message 1: length is zero");
  EXPECT_TRUE(DecodeDnsTcp(Framed(m1, 5), &error).empty());
  EXPECT_EQ(error, "DNS-over-TCP message 1: cut off after 5 of 29 bytes");
}

TEST(DnsDecoder, DecodeIntoReusesTheMessage) {
  DnsMessage message;
  std::string error;
  DnsBuilder b(1, 0x8180, 1, 1, 0, 1);
  b.Question("r.example", 1).Pointer(12).Fixed(1, 5).U32(1).EndRdata();
  b.Name(".").Fixed(kDnsTypeOpt, 0x8000, 512).EndRdata();
  const Bytes full = b.bytes();
  ASSERT_TRUE(DecodeDnsInto(full, message, &error));
  EXPECT_TRUE(message.has_edns);
  ASSERT_TRUE(DecodeDnsInto(Bytes(12, 0), message, &error));
  EXPECT_TRUE(message.questions.empty() && message.answers.empty() && message.additionals.empty());
  EXPECT_FALSE(message.has_edns);
}

// Checks what must hold for any input: an error exactly when partial, bounded names.
void CheckInvariants(const Bytes& bytes) {
  std::string error;
  const std::optional<DnsMessage> m = DecodeDns(bytes, &error);
  if (!m) {
    EXPECT_LT(bytes.size(), 12u);
    return;
  }
  EXPECT_EQ(m->partial, !error.empty());
  for (const DnsQuestion& q : m->questions) EXPECT_LE(q.name.size(), 4u * 255);
  for (const auto* section : {&m->answers, &m->authorities, &m->additionals}) {
    for (const DnsRecord& r : *section) {
      EXPECT_LE(r.name.size(), 4u * 255);
      EXPECT_LE(r.data.size(), 2 * bytes.size() + 16);
    }
  }
}

TEST(DnsDecoder, SurvivesRandomAndMutatedInput) {
  std::mt19937 random(20240601);
  // 10,000 random messages: a plausible header (small counts) over random bytes.
  for (int i = 0; i < 10000; ++i) {
    Bytes bytes(random() % 600);
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(random());
    if (bytes.size() >= 12 && i % 2 == 0) {
      for (int k = 4; k < 12; k += 2)
        bytes[k] = 0, bytes[k + 1] = static_cast<uint8_t>(random() % 8);
    }
    CheckInvariants(bytes);
  }
  // 10,000 mutations of a valid response with compression, so the decoder gets deep.
  DnsBuilder b(1, 0x8180, 1, 3, 1, 1);
  b.Question("www.example.com", 1);  // "example" at 16, "com" at 24; RDATA of the CNAME at 33
  b.Pointer(12).Fixed(kDnsTypeCname, 1).Label("cdn").Pointer(16).EndRdata();
  b.Pointer(33).Fixed(kDnsTypeA, 1).U32(0x01020304).EndRdata();
  b.Pointer(33).Fixed(kDnsTypeMx, 1).U16(1).Label("mx").Pointer(16).EndRdata();
  b.Pointer(16).Fixed(kDnsTypeSoa, 1).Name("ns").Pointer(24);
  b.U32(1).U32(2).U32(3).U32(4).U32(5).EndRdata();
  b.Name(".").Fixed(kDnsTypeOpt, 0, 1232).EndRdata();
  const Bytes seed = b.bytes();
  CheckInvariants(seed);
  for (int i = 0; i < 10000; ++i) {
    Bytes bytes = seed;
    for (int flips = 1 + random() % 4; flips > 0; --flips) {
      bytes[random() % bytes.size()] = static_cast<uint8_t>(random());
    }
    bytes.resize(bytes.size() - random() % 8);
    CheckInvariants(bytes);
    DecodeDnsTcp(bytes, nullptr);
  }
}

}  // namespace
}  // namespace seckit::pcap_extract
