// DNS names: compressed domain names read safely from hostile messages, and the mnemonics of
// DNS types, classes, rcodes and opcodes.
#include "dns_names.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <string_view>

#include "dns_decoder.h"

namespace seckit::pcap_extract {
namespace dns_internal {
namespace {

constexpr size_t kMaxNameOctets = 255;  // RFC 1035 section 3.1, counting length octets
// A legitimate name has at most 127 labels, so it never needs more pointers than that; the cap
// keeps the work per name constant even on a chain of pointers to pointers.
constexpr int kMaxPointers = 127;

// Bytes that are written as they are: printable ASCII other than "." and "\".
bool IsPlainLabelByte(uint8_t b) { return b > 0x20 && b < 0x7f && b != '.' && b != '\\'; }

void AppendLabel(std::span<const uint8_t> label, std::string* out) {
  if (std::all_of(label.begin(), label.end(), IsPlainLabelByte)) {
    out->append(reinterpret_cast<const char*>(label.data()), label.size());
    return;
  }
  for (uint8_t b : label) {
    if (IsPlainLabelByte(b)) {
      out->push_back(static_cast<char>(b));
    } else if (b == '.' || b == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(b));
    } else {  // "\DDD", decimal as in RFC 1035 section 5.1
      const char escaped[4] = {'\\', static_cast<char>('0' + b / 100),
                               static_cast<char>('0' + b / 10 % 10),
                               static_cast<char>('0' + b % 10)};
      out->append(escaped, 4);
    }
  }
}

}  // namespace

DnsProblem ReadName(std::span<const uint8_t> message, size_t* pos, std::string* out) {
  size_t cursor = *pos;
  // Every pointer must land strictly before the start of the run of labels it ends, so each
  // jump goes to a lower offset than the last and no pointer cycle can exist.
  size_t run_start = cursor;
  size_t after_name = 0;  // where the name ends in place, once the first pointer is seen
  bool jumped = false;
  int pointers = 0;
  size_t octets = 1;  // the terminating root label
  bool empty = true;
  for (;;) {
    if (cursor >= message.size()) return {"name runs past the end of the message", cursor};
    const uint8_t length = message[cursor];
    if (length == 0) {
      ++cursor;
      break;
    }
    const uint8_t kind = length & 0xc0;
    if (kind == 0xc0) {
      if (cursor + 1 >= message.size()) return {"compression pointer cut off", cursor};
      const size_t target = (size_t{length & 0x3fu} << 8) | message[cursor + 1];
      if (target >= run_start) return {"compression pointer does not point backwards", cursor};
      if (++pointers > kMaxPointers) return {"too many compression pointers in a name", cursor};
      if (!jumped) after_name = cursor + 2;
      jumped = true;
      cursor = run_start = target;
      continue;
    }
    if (kind != 0) return {"reserved label type (0x40 or 0x80)", cursor};
    octets += 1 + length;
    if (octets > kMaxNameOctets) return {"name longer than 255 octets", cursor};
    if (message.size() - cursor - 1 < length)
      return {"label runs past the end of the message", cursor};
    if (!empty) out->push_back('.');
    AppendLabel(message.subspan(cursor + 1, length), out);
    empty = false;
    cursor += 1 + size_t{length};
  }
  if (empty) out->push_back('.');
  *pos = jumped ? after_name : cursor;
  return {};
}

}  // namespace dns_internal

namespace {

struct Mnemonic {
  uint16_t number;
  const char* name;
};

// IANA "Resource Record (RR) TYPEs", sorted by number. 255 is "*" in the registry; dig, ECS
// examples and most tools say ANY.
constexpr Mnemonic kTypes[] = {
    {1, "A"},           {2, "NS"},         {3, "MD"},        {4, "MF"},       {5, "CNAME"},
    {6, "SOA"},         {7, "MB"},         {8, "MG"},        {9, "MR"},       {10, "NULL"},
    {11, "WKS"},        {12, "PTR"},       {13, "HINFO"},    {14, "MINFO"},   {15, "MX"},
    {16, "TXT"},        {17, "RP"},        {18, "AFSDB"},    {19, "X25"},     {20, "ISDN"},
    {21, "RT"},         {22, "NSAP"},      {23, "NSAP-PTR"}, {24, "SIG"},     {25, "KEY"},
    {26, "PX"},         {27, "GPOS"},      {28, "AAAA"},     {29, "LOC"},     {30, "NXT"},
    {31, "EID"},        {32, "NIMLOC"},    {33, "SRV"},      {34, "ATMA"},    {35, "NAPTR"},
    {36, "KX"},         {37, "CERT"},      {38, "A6"},       {39, "DNAME"},   {40, "SINK"},
    {41, "OPT"},        {42, "APL"},       {43, "DS"},       {44, "SSHFP"},   {45, "IPSECKEY"},
    {46, "RRSIG"},      {47, "NSEC"},      {48, "DNSKEY"},   {49, "DHCID"},   {50, "NSEC3"},
    {51, "NSEC3PARAM"}, {52, "TLSA"},      {53, "SMIMEA"},   {55, "HIP"},     {56, "NINFO"},
    {57, "RKEY"},       {58, "TALINK"},    {59, "CDS"},      {60, "CDNSKEY"}, {61, "OPENPGPKEY"},
    {62, "CSYNC"},      {63, "ZONEMD"},    {64, "SVCB"},     {65, "HTTPS"},   {99, "SPF"},
    {100, "UINFO"},     {101, "UID"},      {102, "GID"},     {103, "UNSPEC"}, {104, "NID"},
    {105, "L32"},       {106, "L64"},      {107, "LP"},      {108, "EUI48"},  {109, "EUI64"},
    {249, "TKEY"},      {250, "TSIG"},     {251, "IXFR"},    {252, "AXFR"},   {253, "MAILB"},
    {254, "MAILA"},     {255, "ANY"},      {256, "URI"},     {257, "CAA"},    {258, "AVC"},
    {259, "DOA"},       {260, "AMTRELAY"}, {32768, "TA"},    {32769, "DLV"},
};

constexpr Mnemonic kClasses[] = {{1, "IN"}, {2, "CS"},     {3, "CH"},
                                 {4, "HS"}, {254, "NONE"}, {255, "ANY"}};

// IANA "DNS RCODEs"; 16 is BADVERS here because our rcode comes from the header and OPT
// (as BADSIG it only appears in TSIG records).
constexpr Mnemonic kRcodes[] = {
    {0, "NOERROR"},  {1, "FORMERR"},    {2, "SERVFAIL"}, {3, "NXDOMAIN"},  {4, "NOTIMP"},
    {5, "REFUSED"},  {6, "YXDOMAIN"},   {7, "YXRRSET"},  {8, "NXRRSET"},   {9, "NOTAUTH"},
    {10, "NOTZONE"}, {11, "DSOTYPENI"}, {16, "BADVERS"}, {17, "BADKEY"},   {18, "BADTIME"},
    {19, "BADMODE"}, {20, "BADNAME"},   {21, "BADALG"},  {22, "BADTRUNC"}, {23, "BADCOOKIE"},
};

constexpr Mnemonic kOpcodes[] = {{0, "QUERY"},  {1, "IQUERY"}, {2, "STATUS"},
                                 {4, "NOTIFY"}, {5, "UPDATE"}, {6, "DSO"}};

template <size_t N>
std::string Lookup(const Mnemonic (&table)[N], uint16_t number, const char* generic_prefix) {
  const auto* it = std::lower_bound(std::begin(table), std::end(table), number,
                                    [](const Mnemonic& m, uint16_t n) { return m.number < n; });
  if (it != std::end(table) && it->number == number) return it->name;
  char buffer[16];
  std::string text(generic_prefix);
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), number);
  text.append(buffer, result.ptr);
  return text;
}

}  // namespace

std::string DnsTypeName(uint16_t type) { return Lookup(kTypes, type, "TYPE"); }
std::string DnsClassName(uint16_t dns_class) { return Lookup(kClasses, dns_class, "CLASS"); }
std::string DnsRcodeName(uint16_t rcode) { return Lookup(kRcodes, rcode, "RCODE"); }
std::string DnsOpcodeName(uint8_t opcode) { return Lookup(kOpcodes, opcode, "OPCODE"); }

}  // namespace seckit::pcap_extract
