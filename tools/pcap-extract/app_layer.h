// The application layer of pcap-extract: picks DNS, HTTP or TLS for a packet's payload, decodes
// it, and writes the record.
#ifndef SECKIT_PCAP_EXTRACT_APP_LAYER_H_
#define SECKIT_PCAP_EXTRACT_APP_LAYER_H_

#include "options.h"
#include "packet.h"
#include "record_writer.h"

namespace seckit::pcap_extract {

// Whether `packet` looks like it carries a message of a wanted type (by port and first bytes),
// before any decoding: only such packets have their checksums verified.
bool IsApplicationCandidate(const DecodedPacket& packet, const RecordTypes& types);

// Decodes the packet's payload as DNS, HTTP or TLS (as wanted) and writes a record for each
// message found. Returns false when the payload looked like one of them but did not decode;
// `why` then says what was wrong.
bool WriteApplicationRecords(const DecodedPacket& packet, const RecordTypes& types,
                             RecordWriter& writer, std::string& why);

}  // namespace seckit::pcap_extract

#endif  // SECKIT_PCAP_EXTRACT_APP_LAYER_H_
