// Opening captures with libpcap: plain files directly, compressed files and pipes through a
// FILE* cookie over seckit's InputSource, live interfaces with pcap_create/activate.
#include "capture.h"

#include <poll.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace seckit::pcap_extract {
namespace {

// fopencookie read callback: pulls bytes from an InputSource.
ssize_t CookieRead(void* cookie, char* buffer, size_t size) {
  auto* source = static_cast<InputSource*>(cookie);
  Result<size_t> got = source->Read(buffer, size);
  if (!got.ok()) {
    errno = EIO;
    return -1;
  }
  return static_cast<ssize_t>(*got);
}

}  // namespace

Result<std::unique_ptr<Capture>> Capture::OpenFile(const std::string& path) {
  Result<std::unique_ptr<InputSource>> input = OpenInput(path);
  if (!input.ok()) return input.status();
  std::unique_ptr<InputSource> source = std::move(input).value();
  std::string name = source->name();
  FILE* file = nullptr;
  if (source->compression() == Compression::kNone && path != "-") {
    file = std::fopen(path.c_str(), "rbe");  // libpcap reads a plain file best directly
    source.reset();
  } else {
    cookie_io_functions_t io{CookieRead, nullptr, nullptr, nullptr};
    file = fopencookie(source.get(), "r", io);
  }
  if (file == nullptr) return Status::NoInput("cannot open " + name + ": " + std::strerror(errno));
  // libpcap reads each record with two small freads, so the FILE's buffer sets the size of
  // every read(2). glibc ignores the size given to setvbuf without a buffer and keeps its 4 KiB
  // default: 30,000 read calls for a 120 MB capture.
  auto buffer = std::make_unique<char[]>(kFileBufferSize);
  (void)std::setvbuf(file, buffer.get(), _IOFBF, kFileBufferSize);
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* handle =
      pcap_fopen_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_NANO, errbuf);
  if (handle == nullptr) {
    (void)std::fclose(file);
    return Status::DataError("cannot read " + name + " as a capture file: " + errbuf);
  }
  std::unique_ptr<Capture> capture(new Capture(handle, name, false));
  capture->source_ = std::move(source);
  capture->file_buffer_ = std::move(buffer);
  return capture;
}

Result<std::unique_ptr<Capture>> Capture::OpenLive(const LiveOptions& options) {
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* handle = pcap_create(options.interface.c_str(), errbuf);
  if (handle == nullptr)
    return Status::NoInput("cannot capture on " + options.interface + ": " + errbuf);
  pcap_set_snaplen(handle, options.snaplen);
  pcap_set_promisc(handle, options.promiscuous ? 1 : 0);
  pcap_set_timeout(handle, 100);  // ms: the kernel hands over a partly filled buffer this often
  pcap_set_buffer_size(handle, options.buffer_mib * 1024 * 1024);
  pcap_set_tstamp_precision(handle, PCAP_TSTAMP_PRECISION_NANO);  // falls back to µs if absent
  int rc = pcap_activate(handle);
  if (rc < 0) {
    std::string why = pcap_geterr(handle);
    pcap_close(handle);
    std::string what = "cannot capture on " + options.interface + ": " + why;
    if (rc == PCAP_ERROR_PERM_DENIED || rc == PCAP_ERROR_PROMISC_PERM_DENIED) {
      return Status::NoPermission(
          what +
          " (live capture needs CAP_NET_RAW: run as root, or "
          "`setcap cap_net_raw,cap_net_admin+ep $(command -v pcap-extract)`)");
    }
    if (rc == PCAP_ERROR_NO_SUCH_DEVICE) return Status::NoInput(what);
    return Status::Unavailable(what);
  }
  // On Linux (TPACKET_V3) a blocking read waits for a packet however long it takes, so a quiet
  // link would never notice --duration or Ctrl-C. Read without blocking and wait in Next().
  if (pcap_setnonblock(handle, 1, errbuf) != 0) {
    pcap_close(handle);
    return Status::Unavailable("cannot capture on " + options.interface + ": " + errbuf);
  }
  return std::unique_ptr<Capture>(new Capture(handle, options.interface, true));
}

Capture::~Capture() { pcap_close(handle_); }

Status Capture::SetFilter(const std::string& expression) {
  bpf_program program{};
  if (pcap_compile(handle_, &program, expression.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
    return Status::Usage("bad filter expression '" + expression + "': " + pcap_geterr(handle_));
  }
  int rc = pcap_setfilter(handle_, &program);
  pcap_freecode(&program);
  if (rc != 0) return Status::Usage(std::string("cannot install filter: ") + pcap_geterr(handle_));
  return Status::Ok();
}

NextResult Capture::Next(Frame& frame) {
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  int rc = pcap_next_ex(handle_, &header, &data);
  if (rc == 1) {
    // With nanosecond precision requested, tv_usec holds nanoseconds.
    frame.time_ns = static_cast<int64_t>(header->ts.tv_sec) * 1'000'000'000 + header->ts.tv_usec;
    frame.caplen = header->caplen;
    frame.wire_len = header->len;
    frame.data = std::span<const uint8_t>(data, header->caplen);
    return NextResult::kFrame;
  }
  if (rc == 0) {
    if (live_) WaitForPackets();
    return NextResult::kTimeout;
  }
  if (rc == PCAP_ERROR_BREAK) return NextResult::kEnd;
  if (rc == PCAP_ERROR) {
    error_ = pcap_geterr(handle_);
    return NextResult::kError;
  }
  return NextResult::kEnd;  // PCAP_ERROR_BREAK at end of file
}

void Capture::WaitForPackets() {
  int fd = pcap_get_selectable_fd(handle_);
  if (fd < 0) return;
  pollfd wanted{fd, POLLIN, 0};
  poll(&wanted, 1, kLivePollMilliseconds);  // EINTR and timeouts both just return to the caller
}

std::string Capture::link_type_name() const {
  int dlt = link_type();
  const char* name = pcap_datalink_val_to_name(dlt);
  const char* description = pcap_datalink_val_to_description(dlt);
  std::string text = name != nullptr ? name : "DLT " + std::to_string(dlt);
  if (description != nullptr) text += std::string(" (") + description + ")";
  return text;
}

uint64_t Capture::dropped() const {
  pcap_stat stats{};
  if (!live_ || pcap_stats(handle_, &stats) != 0) return 0;
  return stats.ps_drop + stats.ps_ifdrop;
}

}  // namespace seckit::pcap_extract
