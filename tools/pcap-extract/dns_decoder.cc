// DNS message decoding: header, questions, resource records and their RDATA as text.
#include "dns_decoder.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "bytes.h"
#include "dns_names.h"
#include "seckit/ip.h"

namespace seckit::pcap_extract {
namespace {

using dns_internal::DnsProblem;
using dns_internal::ReadName;

using Bytes = std::span<const uint8_t>;

constexpr size_t kHeaderSize = 12;
constexpr size_t kRecordFixedSize = 10;  // type, class, TTL, RDLENGTH
constexpr uint16_t kTypeMd = 3, kTypeMf = 4, kTypeMb = 7, kTypeMg = 8, kTypeMr = 9, kTypeAfsdb = 18,
                   kTypeKx = 36, kTypeDname = 39, kTypeSpf = 99;

void AppendNumber(uint64_t value, std::string* out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out->append(buffer, result.ptr);
}

// A name inside RDATA: it must end (in place) by `end`.
DnsProblem AppendRdataName(Bytes message, size_t* pos, size_t end, std::string* out) {
  const size_t start = *pos;
  if (DnsProblem problem = ReadName(message, pos, out)) return problem;
  if (*pos > end) return {"name runs past the end of its RDATA", start};
  return {};
}

DnsProblem AppendTxt(Bytes message, size_t pos, size_t end, std::string* out) {
  while (pos < end) {
    const size_t length = message[pos];
    if (end - pos - 1 < length) return {"TXT string runs past the end of its RDATA", pos};
    out->append(reinterpret_cast<const char*>(message.data() + pos + 1), length);
    pos += 1 + length;
  }
  return {};
}

DnsProblem AppendSoa(Bytes message, size_t pos, size_t end, std::string* out) {
  if (DnsProblem problem = AppendRdataName(message, &pos, end, out)) return problem;
  out->push_back(' ');
  if (DnsProblem problem = AppendRdataName(message, &pos, end, out)) return problem;
  if (end - pos != 20) return {"SOA RDATA does not end with five 32-bit numbers", pos};
  for (int i = 0; i < 5; ++i, pos += 4) {
    out->push_back(' ');
    AppendNumber(Be32(&message[pos]), out);
  }
  return {};
}

// "n1 n2 ... name" for MX-like (one 16-bit number) and SRV (three) records.
DnsProblem AppendNumbersAndName(Bytes message, size_t pos, size_t end, int numbers,
                                std::string* out) {
  if (end - pos < size_t(2 * numbers) + 1) return {"RDATA too short for its type", pos};
  for (int i = 0; i < numbers; ++i, pos += 2) {
    AppendNumber(Be16(&message[pos]), out);
    out->push_back(' ');
  }
  if (DnsProblem problem = AppendRdataName(message, &pos, end, out)) return problem;
  if (pos != end) return {"bytes after the name in RDATA", pos};
  return {};
}

// RFC 3597 section 5: "\# <length> <hex>".
void AppendGeneric(Bytes rdata, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->append("\\# ");
  AppendNumber(rdata.size(), out);
  if (rdata.empty()) return;
  out->push_back(' ');
  for (uint8_t b : rdata) {
    out->push_back(kHex[b >> 4]);
    out->push_back(kHex[b & 0xf]);
  }
}

// Appends the text of RDATA [begin, end) of a record of `type` to `out`.
DnsProblem AppendRdata(Bytes message, uint16_t type, size_t begin, size_t end, std::string* out) {
  const size_t length = end - begin;
  switch (type) {
    case kDnsTypeA:
      if (length != 4) return {"A RDATA is not 4 bytes", begin};
      IpAddress::V4(Be32(&message[begin])).AppendTo(*out);
      return {};
    case kDnsTypeAaaa:
      if (length != 16) return {"AAAA RDATA is not 16 bytes", begin};
      IpAddress::V6(std::span<const uint8_t, 16>(&message[begin], 16)).AppendTo(*out);
      return {};
    case kDnsTypeNs:
    case kDnsTypeCname:
    case kDnsTypePtr:
    case kTypeDname:
    case kTypeMd:
    case kTypeMf:
    case kTypeMb:
    case kTypeMg:
    case kTypeMr: {
      size_t pos = begin;
      if (DnsProblem problem = AppendRdataName(message, &pos, end, out)) return problem;
      if (pos != end) return {"bytes after the name in RDATA", pos};
      return {};
    }
    case kDnsTypeMx:
    case kTypeAfsdb:
    case kTypeKx:
      return AppendNumbersAndName(message, begin, end, 1, out);
    case kDnsTypeSrv:
      return AppendNumbersAndName(message, begin, end, 3, out);
    case kDnsTypeTxt:
    case kTypeSpf:
      return AppendTxt(message, begin, end, out);
    case kDnsTypeSoa:
      return AppendSoa(message, begin, end, out);
    default:
      AppendGeneric(message.subspan(begin, length), out);
      return {};
  }
}

void NoteEdns(const DnsRecord& opt, DnsMessage& message) {
  if (message.has_edns) return;  // only the first OPT counts (RFC 6891 says there is one)
  message.has_edns = true;
  message.edns_udp_size = opt.dns_class;
  message.edns_version = static_cast<uint8_t>(opt.ttl >> 16);
  message.edns_do = (opt.ttl & 0x8000) != 0;
  message.rcode = static_cast<uint16_t>(((opt.ttl >> 24) << 4) | (message.rcode & 0xf));
}

// Reads the record at *pos into `record`. `added` says whether the record is worth keeping
// (its fixed fields were read); on a problem with `added` and *pos advanced past its RDATA, the
// next record can still be read, otherwise the section's framing is lost.
struct RecordOutcome {
  DnsProblem problem;
  bool added = false;
  bool framing_lost = false;
};

RecordOutcome ReadRecord(Bytes message, size_t* pos, DnsRecord& record) {
  if (DnsProblem problem = ReadName(message, pos, &record.name)) return {problem, false, true};
  if (message.size() - *pos < kRecordFixedSize) {
    return {{"record cut off in its type, class, TTL or length", *pos}, false, true};
  }
  const uint8_t* fixed = &message[*pos];
  record.type = Be16(fixed);
  record.dns_class = Be16(fixed + 2);
  record.ttl = Be32(fixed + 4);
  const size_t rdlength = Be16(fixed + 8);
  const size_t begin = *pos + kRecordFixedSize;
  if (message.size() - begin < rdlength) {
    *pos = message.size();
    return {{"RDATA runs past the end of the message", begin}, true, true};
  }
  *pos = begin + rdlength;
  if (record.type == kDnsTypeOpt) return {{}, true, false};
  if (DnsProblem problem = AppendRdata(message, record.type, begin, *pos, &record.data)) {
    record.data.clear();
    return {problem, true, false};
  }
  record.has_data = true;
  return {{}, true, false};
}

// The first problem in a message, kept with where it was found.
struct FirstProblem {
  DnsProblem problem;
  const char* section = nullptr;
  size_t index = 0;  // 1-based
  void Note(DnsProblem p, const char* where, size_t i) {
    if (!problem) *this = {p, where, i};
  }
};

// Reads `count` records of one section; false when the section's framing was lost.
bool ReadSection(Bytes message, size_t* pos, uint16_t count, const char* section,
                 std::vector<DnsRecord>& records, DnsMessage& out, FirstProblem& first) {
  for (size_t i = 0; i < count; ++i) {
    if (*pos >= message.size()) {
      first.Note({"message ends before the count in the header", *pos}, section, i + 1);
      return false;
    }
    DnsRecord& record = records.emplace_back();
    const RecordOutcome outcome = ReadRecord(message, pos, record);
    // `record` is used only while it is still in `records`.
    if (!outcome.added) {
      records.pop_back();
    } else if (record.type == kDnsTypeOpt && &records == &out.additionals) {
      NoteEdns(record, out);
    }
    if (outcome.problem) first.Note(outcome.problem, section, i + 1);
    if (outcome.framing_lost) return false;
  }
  return true;
}

bool ReadQuestions(Bytes message, size_t* pos, DnsMessage& out, FirstProblem& first) {
  for (size_t i = 0; i < out.question_count; ++i) {
    if (*pos >= message.size()) {
      first.Note({"message ends before the count in the header", *pos}, "question", i + 1);
      return false;
    }
    DnsQuestion& question = out.questions.emplace_back();
    DnsProblem problem = ReadName(message, pos, &question.name);
    if (!problem && message.size() - *pos < 4) {
      problem = {"question cut off in its type or class", *pos};
    }
    if (problem) {
      out.questions.pop_back();
      first.Note(problem, "question", i + 1);
      return false;
    }
    question.type = Be16(&message[*pos]);
    question.dns_class = Be16(&message[*pos + 2]);
    *pos += 4;
  }
  return true;
}

void FormatProblem(const FirstProblem& first, std::string* error) {
  error->assign(first.section);
  error->push_back(' ');
  AppendNumber(first.index, error);
  error->append(": ");
  error->append(first.problem.what);
  error->append(" (offset ");
  AppendNumber(first.problem.offset, error);
  error->push_back(')');
}

void Reset(DnsMessage& message) {
  // Clearing keeps the vectors' capacity for the next message.
  message.questions.clear();
  message.answers.clear();
  message.authorities.clear();
  message.additionals.clear();
  message.has_edns = false;
  message.edns_udp_size = 0;
  message.edns_version = 0;
  message.edns_do = false;
  message.partial = false;
}

}  // namespace

bool DecodeDnsInto(std::span<const uint8_t> payload, DnsMessage& message, std::string* error) {
  Reset(message);
  if (payload.size() < kHeaderSize) {
    if (error != nullptr) {
      error->assign("DNS message shorter than its 12-byte header (");
      AppendNumber(payload.size(), error);
      error->append(" bytes)");
    }
    return false;
  }
  const uint8_t* header = payload.data();
  message.id = Be16(header);
  message.flags = Be16(header + 2);
  message.is_response = (message.flags & 0x8000) != 0;
  message.opcode = static_cast<uint8_t>((message.flags >> 11) & 0xf);
  message.rcode = message.flags & 0xf;
  message.question_count = Be16(header + 4);
  message.answer_count = Be16(header + 6);
  message.authority_count = Be16(header + 8);
  message.additional_count = Be16(header + 10);

  FirstProblem first;
  size_t pos = kHeaderSize;
  // Each step needs the one before it to have kept its framing.
  (void)(ReadQuestions(payload, &pos, message, first) &&
         ReadSection(payload, &pos, message.answer_count, "answer", message.answers, message,
                     first) &&
         ReadSection(payload, &pos, message.authority_count, "authority", message.authorities,
                     message, first) &&
         ReadSection(payload, &pos, message.additional_count, "additional", message.additionals,
                     message, first));
  message.partial = static_cast<bool>(first.problem);
  if (error != nullptr) {
    if (first.problem) {
      FormatProblem(first, error);
    } else {
      error->clear();
    }
  }
  return true;
}

std::optional<DnsMessage> DecodeDns(std::span<const uint8_t> payload, std::string* error) {
  DnsMessage message;
  if (!DecodeDnsInto(payload, message, error)) return std::nullopt;
  return message;
}

std::vector<DnsMessage> DecodeDnsTcp(std::span<const uint8_t> segment, std::string* error) {
  std::vector<DnsMessage> messages;
  std::string first_error;
  auto note = [&](size_t number, const std::string& what) {
    if (!first_error.empty()) return;
    first_error.assign("DNS-over-TCP message ");
    AppendNumber(number, &first_error);
    first_error.append(": ");
    first_error.append(what);
  };
  size_t pos = 0;
  std::string message_error;
  while (pos < segment.size()) {
    const size_t number = messages.size() + 1;
    if (segment.size() - pos < 2) {
      note(number, "segment ends inside the 2-byte length");
      break;
    }
    const size_t length = Be16(&segment[pos]);
    pos += 2;
    if (length == 0) {
      note(number, "length is zero");
      break;
    }
    const size_t available = std::min(length, segment.size() - pos);
    DnsMessage message;
    const bool decoded = DecodeDnsInto(segment.subspan(pos, available), message, &message_error);
    pos += available;
    if (available < length) {
      std::string what = "cut off after ";
      AppendNumber(available, &what);
      what.append(" of ");
      AppendNumber(length, &what);
      what.append(" bytes");
      note(number, what);
      message.partial = true;
    } else if (!message_error.empty()) {
      note(number, message_error);
    }
    if (decoded) messages.push_back(std::move(message));
  }
  if (error != nullptr) *error = std::move(first_error);
  return messages;
}

DnsHeaderFlags HeaderFlags(const DnsMessage& message) {
  DnsHeaderFlags flags;
  auto add = [&flags](bool set, std::string_view name) {
    if (set) flags.names[flags.count++] = name;
  };
  add(message.aa(), "AA");
  add(message.tc(), "TC");
  add(message.rd(), "RD");
  add(message.ra(), "RA");
  add(message.ad(), "AD");
  add(message.cd(), "CD");
  add(message.has_edns && message.edns_do, "DO");
  return flags;
}

}  // namespace seckit::pcap_extract
