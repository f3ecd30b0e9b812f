// Fuzzes the DNS decoder: the input as one UDP payload (DecodeDns, DecodeDnsInto) and as one TCP
// segment of length-prefixed messages (DecodeDnsTcp).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dns_decoder.h"
#include "fuzz_check.h"

namespace seckit::pcap_extract {
namespace {

// A name in presentation form: at most 255 wire octets, each written as up to 4 characters.
constexpr size_t kMaxNameText = 4 * 255;

bool SameRecords(const std::vector<DnsRecord>& a, const std::vector<DnsRecord>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].type != b[i].type || a[i].dns_class != b[i].dns_class ||
        a[i].ttl != b[i].ttl || a[i].has_data != b[i].has_data || a[i].data != b[i].data) {
      return false;
    }
  }
  return true;
}

bool SameMessage(const DnsMessage& a, const DnsMessage& b) {
  if (a.questions.size() != b.questions.size()) return false;
  for (size_t i = 0; i < a.questions.size(); ++i) {
    if (a.questions[i].name != b.questions[i].name || a.questions[i].type != b.questions[i].type ||
        a.questions[i].dns_class != b.questions[i].dns_class) {
      return false;
    }
  }
  return a.id == b.id && a.is_response == b.is_response && a.opcode == b.opcode &&
         a.rcode == b.rcode && a.flags == b.flags && a.question_count == b.question_count &&
         a.answer_count == b.answer_count && a.authority_count == b.authority_count &&
         a.additional_count == b.additional_count && SameRecords(a.answers, b.answers) &&
         SameRecords(a.authorities, b.authorities) && SameRecords(a.additionals, b.additionals) &&
         a.has_edns == b.has_edns && a.edns_udp_size == b.edns_udp_size &&
         a.edns_version == b.edns_version && a.edns_do == b.edns_do && a.partial == b.partial;
}

void CheckRecords(const std::vector<DnsRecord>& records, uint16_t announced) {
  SECKIT_FUZZ_CHECK(records.size() <= announced);
  for (const DnsRecord& record : records) {
    SECKIT_FUZZ_CHECK(!record.name.empty() && record.name.size() <= kMaxNameText);
    SECKIT_FUZZ_CHECK(record.has_data || record.data.empty());
    (void)DnsTypeName(record.type);
    (void)DnsClassName(record.dns_class & 0x7fff);
  }
}

void CheckMessage(const DnsMessage& message, const std::string& error) {
  // partial and the error string say the same thing (the error is cleared on a clean decode).
  SECKIT_FUZZ_CHECK(message.partial == !error.empty());
  SECKIT_FUZZ_CHECK(message.questions.size() <= message.question_count);
  for (const DnsQuestion& question : message.questions) {
    SECKIT_FUZZ_CHECK(!question.name.empty() && question.name.size() <= kMaxNameText);
  }
  CheckRecords(message.answers, message.answer_count);
  CheckRecords(message.authorities, message.authority_count);
  CheckRecords(message.additionals, message.additional_count);
  SECKIT_FUZZ_CHECK(HeaderFlags(message).count <= 7);
  (void)DnsRcodeName(message.rcode);
  (void)DnsOpcodeName(message.opcode);
}

}  // namespace
}  // namespace seckit::pcap_extract

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit::pcap_extract;
  const std::span<const uint8_t> input(data, size);

  std::string error;
  const std::optional<DnsMessage> message = DecodeDns(input, &error);
  SECKIT_FUZZ_CHECK(message.has_value() == (size >= 12));
  if (message) {
    CheckMessage(*message, error);
    // DecodeDnsInto reuses a message that still holds the previous input's decode: nothing of
    // it may leak into this one.
    static DnsMessage reused;
    std::string reused_error;
    SECKIT_FUZZ_CHECK(DecodeDnsInto(input, reused, &reused_error));
    SECKIT_FUZZ_CHECK(SameMessage(*message, reused) && reused_error == error);
  }

  std::string tcp_error;
  const std::vector<DnsMessage> messages = DecodeDnsTcp(input, &tcp_error);
  SECKIT_FUZZ_CHECK(messages.size() <= size / 14);  // 2-byte length + 12-byte header each
  for (const DnsMessage& m : messages) {
    if (m.partial) SECKIT_FUZZ_CHECK(!tcp_error.empty());
  }
  return 0;
}
