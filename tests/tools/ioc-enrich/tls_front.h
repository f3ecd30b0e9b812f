// A real HTTPS server on 127.0.0.1 for ioc-enrich tests: nginx (Debian's nginx-light) with a
// certificate the test makes with the openssl command (its own CA, a server certificate for
// IP 127.0.0.1), passing every request on to a plain-HTTP backend on loopback (the fake
// threat-intel APIs). It listens on two ports: one offering HTTP/2 by ALPN ("h2"), one offering
// only HTTP/1.1. Its access log says, per request, the protocol spoken, the ALPN protocol agreed
// and nginx's serial number of the connection it came on.
#ifndef SECKIT_TESTS_TOOLS_IOC_ENRICH_TLS_FRONT_H_
#define SECKIT_TESTS_TOOLS_IOC_ENRICH_TLS_FRONT_H_

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace seckit::ioc_enrich::testing {

class TlsFront {
 public:
  static constexpr const char* kNginx = "/usr/sbin/nginx";
  static constexpr const char* kOpenssl = "/usr/bin/openssl";

  // One line of the access log.
  struct Hit {
    std::string protocol;    // "HTTP/2.0", "HTTP/1.1"
    std::string alpn;        // "h2", "http/1.1"
    std::string connection;  // nginx's serial number of the connection
    std::string method, target;
    int status = 0;
  };

  // Files go to `dir` (which must outlive the server).
  explicit TlsFront(std::filesystem::path dir) : dir_(std::move(dir)) {}
  ~TlsFront() { Stop(); }
  TlsFront(const TlsFront&) = delete;
  TlsFront& operator=(const TlsFront&) = delete;

  // What is missing for the test to run ("" when nginx and openssl are both there).
  static std::string Missing();

  // Makes the certificates, starts nginx in front of http://127.0.0.1:`backend_port` and waits
  // until it accepts connections. "" on success, else what went wrong (with nginx's error log).
  std::string Start(int backend_port);
  // Stops nginx (gracefully, so every request is in the log). Idempotent.
  void Stop();

  // The CA certificate (PEM) that signed the server's certificate.
  std::filesystem::path ca_file() const { return dir_ / "ca.pem"; }
  // "https://127.0.0.1:PORT" of the port offering HTTP/2, or of the one offering HTTP/1.1 only.
  std::string Http2Url() const { return "https://127.0.0.1:" + std::to_string(h2_port_); }
  std::string Http1Url() const { return "https://127.0.0.1:" + std::to_string(h1_port_); }

  // The access log so far; `raw` gets its text.
  std::vector<Hit> Hits(std::string* raw = nullptr) const;

 private:
  std::string MakeCertificates() const;
  std::string Config(int backend_port) const;

  std::filesystem::path dir_;
  int h2_port_ = 0;
  int h1_port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace seckit::ioc_enrich::testing

#endif  // SECKIT_TESTS_TOOLS_IOC_ENRICH_TLS_FRONT_H_
