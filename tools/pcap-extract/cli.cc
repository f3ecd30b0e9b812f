// pcap-extract's command line and self-description: the one source of --help, the man page and
// the shell completions.
#include <CLI/CLI.hpp>

#include <memory>

#include "options.h"

namespace seckit::pcap_extract {
namespace {

constexpr const char* kDescription = R"TEXT(pcap-extract reads packet captures (pcap or pcapng, recognised by their header, not their name; gzip- and zstd-compressed files are read transparently) or captures live from an interface, and writes one JSON object per line for each packet, flow or application message, with Elastic Common Schema field names, ready for jq, log-grep --where, ioc-enrich, anomaly-detect and triage-report.

Link types: Ethernet (with 802.1Q/802.1ad VLAN tags and MPLS labels), Linux cooked capture (SLL and SLL2), raw IP and BSD loopback. Frames of another link type are counted in packet records without decoding, with one warning per file. IPv4 (options, fragments), IPv6 (extension header chain), TCP, UDP, ICMP, ICMPv6 and ARP are decoded; DNS over UDP and TCP, HTTP/1.x and TLS ClientHello/ServerHello (SNI, ALPN, JA3, JA3S, JA4) at the application layer.

There is no IP reassembly and no TCP stream reassembly: a fragment after the first is reported in packet records (pcap.fragment) but belongs to no flow, and HTTP and TLS are decoded only when the request or response headers, or the hello, start in one segment; a hello or header block cut off at the segment's end is decoded as far as it goes.

Damage is reported, never fatal: a frame cut short inside a protocol header, an impossible IPv4 length or (with --checksums verify) a bad checksum is named on standard error with the file and frame number, its record is still written as far as it decodes, and the exit status is 65. A capture file that ends in the middle of a record is reported the same way after every frame before it has been written. Frames cut short in their payload by the capture's snap length are normal and only marked (pcap.truncated).

Timestamps keep the capture's precision: microsecond captures give six fractional digits, nanosecond captures nine when the value needs them.)TEXT";

constexpr const char* kRecords = R"TEXT(packet: one per frame: pcap.frame (1-based, as tshark's frame.number), source/destination ip, port and mac, network.type, network.transport, network.iana_number, network.bytes (frame length on the wire), network.vlan.id, network.community_id, tcp.flags, tcp.seq, tcp.ack, icmp.type, icmp.code, pcap.caplen, pcap.truncated, pcap.fragment, pcap.damage.

flow: one per bidirectional flow, as Zeek's conn.log: the originator (source) is the side that sent the SYN, else the first packet's sender; source/destination packets and bytes (frame bytes, as tshark -z conv), event.start, event.end, event.duration (ns), network.community_id (Community ID v1), pcap.flow.state (Zeek conn_state), pcap.flow.history, pcap.flow.end_reason (fin, rst, idle, evicted, end-of-input). A flow ends on FIN from both sides or RST (after a 5 s linger for the last ACKs), after --flow-timeout seconds without packets, when --max-flows is reached (least recently active first), or at the end of each input file.

dns, http, tls: one per message with the ECS fields (dns.question.name, dns.answers, dns.response_code, http.request.method, url.original, url.domain, user_agent.original, http.response.status_code, tls.client.server_name, tls.client.ja3, tls.server.ja3s …) plus the packet's 5-tuple and network.community_id. docs/FORMAT.md (installed as /usr/share/doc/seckit/FORMAT.md) lists every field; seckit-format(7) gives the rules every record follows.)TEXT";

constexpr const char* kPerformance = R"TEXT(pcap-extract decodes on one core. To use several, run one process per file with GNU parallel, for example: parallel -j "$(nproc)" 'pcap-extract --type flow {} > {/.}.jsonl' ::: captures/*.pcap. One large file can be split first with editcap -c 1000000 big.pcap part.pcap (flows that cross a split are reported in two parts, as flows that cross input files are). Memory is bounded by --max-flows (about 300 bytes per active flow) and does not grow with the size of the capture.)TEXT";

}  // namespace

Result<RecordTypes> ParseTypes(const std::vector<std::string>& values) {
  RecordTypes types;
  for (const std::string& value : values) {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string name = value.substr(start, comma - start);
      if (name == "packet") {
        types.packet = true;
      } else if (name == "flow") {
        types.flow = true;
      } else if (name == "dns") {
        types.dns = true;
      } else if (name == "http") {
        types.http = true;
      } else if (name == "tls") {
        types.tls = true;
      } else if (name == "all") {
        types = RecordTypes{true, true, true, true, true};
      } else {
        return Status::Usage("--type: unknown record type '" + name +
                             "' (use packet, flow, dns, http, tls or all)");
      }
      start = comma + 1;
    }
  }
  return types;
}

ToolSpec MakeSpec() {
  auto options = std::make_shared<Options>();
  ToolSpec spec;
  spec.info.name = "pcap-extract";
  spec.info.summary = "packets, flows and DNS/HTTP/TLS records from captures, as JSON lines";
  spec.info.description = kDescription;
  spec.info.sections = {{"RECORDS", kRecords},
                        {"PERFORMANCE, PARALLELISM AND MEMORY", kPerformance}};
  spec.info.examples = {
      {"pcap-extract capture.pcapng | jq -c 'select(.dns)'",
       "Flows and DNS, HTTP and TLS messages (the default types); keep the DNS ones."},
      {"pcap-extract --type packet -f 'tcp port 443' capture.pcap.gz",
       "One record per TCP/443 frame of a compressed capture."},
      {"pcap-extract -i eth0 -f 'port 53' --type dns --duration 60",
       "Capture DNS live for a minute (needs CAP_NET_RAW)."},
      {"pcap-extract --type flow rotated-*.pcap | ioc-enrich | triage-report -o report.html",
       "Flows of a set of rotated captures, enriched and reported."},
  };
  spec.info.exit_status_notes =
      "65 also means that a frame was damaged or the capture ended in the middle of a record; "
      "every readable frame was still written.";
  spec.info.see_also = {"log-grep(1)", "ioc-enrich(1)", "anomaly-detect(1)", "triage-report(1)",
                        "seckit-format(7)", "tshark(1)", "tcpdump(8)", "pcap-filter(7)"};
  spec.define = [options](CLI::App& app) {
    app.add_option("inputs", options->inputs,
                   "Capture files to read (pcap or pcapng, optionally .gz or .zst); - is "
                   "standard input, the default when no file and no -i is given")
        ->type_name("FILE");
    app.add_option("-i,--interface", options->interface, "Capture live from this interface")
        ->type_name("IFACE");
    app.add_option("-f,--filter", options->filter,
                   "Only frames matching this BPF filter expression (pcap-filter(7))")
        ->type_name("EXPR");
    app.add_option("-t,--type", options->types,
                   "Record types to write, comma-separated: packet, flow, dns, http, tls, all")
        ->type_name("TYPES")
        ->delimiter(',')
        ->allow_extra_args(false)
        ->check(CLI::IsMember({"packet", "flow", "dns", "http", "tls", "all"}))
        ->default_str("flow,dns,http,tls");
    app.add_option("-c,--count", options->count, "Stop after this many frames (0: no limit)")
        ->type_name("N");
    app.add_option("--duration", options->duration,
                   "Live capture: stop after this many seconds (0: until interrupted)")
        ->type_name("SECONDS");
    app.add_option("-s,--snaplen", options->snaplen, "Live capture: bytes to keep of each frame")
        ->type_name("BYTES")
        ->check(CLI::Range(64, 262144))
        ->capture_default_str();
    app.add_flag("--no-promiscuous", options->no_promiscuous,
                 "Live capture: do not put the interface into promiscuous mode");
    app.add_option("--flow-timeout", options->flow_timeout,
                   "End a flow after this many seconds without packets")
        ->type_name("SECONDS")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--max-flows", options->max_flows,
                   "Keep at most this many flows in memory; the least recently active is ended "
                   "early when more arrive")
        ->type_name("N")
        ->check(CLI::Range(uint64_t{1}, uint64_t{100'000'000}))
        ->capture_default_str();
    app.add_option("--checksums", options->checksums,
                   "ignore: do not check, as tshark does by default (captures taken on the "
                   "sending host carry unset checksums, left to the network card); verify: "
                   "report DNS/HTTP/TLS packets whose IP, TCP or UDP checksum is wrong")
        ->type_name("MODE")
        ->check(CLI::IsMember({"verify", "ignore"}))
        ->capture_default_str();
  };
  spec.run = [options](Io& io) { return Run(*options, io); };
  return spec;
}

}  // namespace seckit::pcap_extract
