// TlsFront (see tls_front.h): certificates by the openssl command, nginx as a child process in a
// process group of its own, and its access log read back.
#include "tls_front.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <thread>

#include "test_support.h"

extern char** environ;

namespace seckit::ioc_enrich::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// A port the kernel hands out on 127.0.0.1 now (nginx binds it a moment later).
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

bool Accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool connected = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return connected;
}

// Runs the openssl command; "" on success, else its error output.
std::string Openssl(std::vector<std::string> args) {
  args.insert(args.begin(), TlsFront::kOpenssl);
  const seckit::testing::CommandResult r = seckit::testing::Run(args);
  if (r.exit_code == 0) return "";
  return "openssl " + args[1] + " failed (" + std::to_string(r.exit_code) + "): " + r.err;
}

// Starts argv with output and errors appended to `log`, in a process group of its own that gets
// SIGKILL should the test process die. The child's pid, or -1.
pid_t Spawn(const std::vector<std::string>& argv, const fs::path& log) {
  // Prepared before fork: the child may only make async-signal-safe calls (the test's server
  // threads may hold locks).
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const std::string log_path = log.string();
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid != 0) return pid;
  const int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int out = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (in < 0 || out < 0 || setpgid(0, 0) != 0 || prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 ||
      getppid() != parent || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) {
    _exit(127);
  }
  execve(args[0], args.data(), environ);
  _exit(127);
}

// True when `pid` exited within `timeout` (it is then reaped).
bool Reaped(pid_t pid, milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(milliseconds(10));
  }
}

}  // namespace

std::string TlsFront::Missing() {
  for (const char* program : {kNginx, kOpenssl}) {
    if (access(program, X_OK) != 0) {
      return std::string(program) + " not found (scripts/setup installs nginx-light and openssl)";
    }
  }
  return "";
}

// A CA of the test's own and a server certificate it signs for the address 127.0.0.1, as a
// TLS-inspecting proxy or a self-hosted service would have: nothing the system trusts.
std::string TlsFront::MakeCertificates() const {
  const std::string d = dir_.string() + "/";
  const std::vector<std::string> ec_key = {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                                           "-nodes"};
  std::vector<std::string> ca = {"req", "-x509"};
  ca.insert(ca.end(), ec_key.begin(), ec_key.end());
  ca.insert(ca.end(), {"-keyout", d + "ca.key", "-out", d + "ca.pem", "-days", "2", "-subj",
                       "/CN=seckit test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                       "-addext", "keyUsage=critical,keyCertSign"});
  std::vector<std::string> request = {"req", "-new"};
  request.insert(request.end(), ec_key.begin(), ec_key.end());
  request.insert(request.end(),
                 {"-keyout", d + "server.key", "-out", d + "server.csr", "-subj", "/CN=127.0.0.1"});
  seckit::testing::WriteFile(dir_ / "server.ext",
                             "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                             "extendedKeyUsage=serverAuth\n");
  const std::vector<std::string> sign = {
      "x509",       "-req",          "-in", d + "server.csr", "-CA", d + "ca.pem", "-CAkey",
      d + "ca.key", "-set_serial",   "1",   "-days",          "2",   "-extfile",   d + "server.ext",
      "-out",       d + "server.pem"};
  for (const auto& args : {ca, request, sign}) {
    if (std::string error = Openssl(args); !error.empty()) return error;
  }
  return "";
}

// One foreground nginx process (no master, no daemon, no user switch), every path under dir_.
// The log format: protocol, ALPN protocol, connection serial number, method, target, status.
std::string TlsFront::Config(int backend_port) const {
  const std::string d = dir_.string();
  std::ostringstream c;
  c << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
    << "pid " << d << "/nginx.pid;\nerror_log " << d << "/error.log info;\n"
    << "events { worker_connections 256; }\nhttp {\n"
    << "  log_format seckit '$server_protocol $ssl_alpn_protocol $connection $request_method "
       "$request_uri $status';\n"
    << "  access_log " << d << "/access.log seckit;\n";
  for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
    c << "  " << temp << "_temp_path " << d << "/" << temp << ";\n";
  }
  c << "  ssl_certificate " << d << "/server.pem;\n  ssl_certificate_key " << d << "/server.key;\n";
  for (const auto& [port, http2] : {std::pair{h2_port_, true}, std::pair{h1_port_, false}}) {
    c << "  server {\n    listen 127.0.0.1:" << port << " ssl" << (http2 ? " http2" : "")
      << ";\n    location / { proxy_pass http://127.0.0.1:" << backend_port << "; }\n  }\n";
  }
  c << "}\n";
  return c.str();
}

std::string TlsFront::Start(int backend_port) {
  if (std::string error = MakeCertificates(); !error.empty()) return error;
  h2_port_ = FreePort();
  h1_port_ = FreePort();
  if (h2_port_ == 0 || h1_port_ == 0 || h2_port_ == h1_port_) return "no free port on 127.0.0.1";
  seckit::testing::WriteFile(dir_ / "nginx.conf", Config(backend_port));
  pid_ = Spawn({kNginx, "-p", dir_.string(), "-c", (dir_ / "nginx.conf").string(), "-e",
                (dir_ / "error.log").string()},
               dir_ / "nginx.out");
  if (pid_ < 0) return "cannot start nginx";
  const Clock::time_point deadline = Clock::now() + milliseconds(5000);
  while (!Accepts(h2_port_) || !Accepts(h1_port_)) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_ || Clock::now() >= deadline) {
      pid_ = -1;
      return "nginx did not start:\n" + seckit::testing::ReadFile(dir_ / "nginx.out") +
             seckit::testing::ReadFile(dir_ / "error.log");
    }
    std::this_thread::sleep_for(milliseconds(20));
  }
  return "";
}

void TlsFront::Stop() {
  if (pid_ <= 0) return;
  kill(-pid_, SIGQUIT);  // graceful: requests in progress end and are logged
  if (!Reaped(pid_, milliseconds(3000))) {
    kill(-pid_, SIGKILL);
    Reaped(pid_, milliseconds(3000));
  }
  pid_ = -1;
}

std::vector<TlsFront::Hit> TlsFront::Hits(std::string* raw) const {
  const std::string text = seckit::testing::ReadFile(dir_ / "access.log");
  if (raw != nullptr) *raw = text;
  std::vector<Hit> hits;
  for (const std::string& line : seckit::testing::SplitLines(text)) {
    std::istringstream fields(line);
    Hit hit;
    fields >> hit.protocol >> hit.alpn >> hit.connection >> hit.method >> hit.target >> hit.status;
    hits.push_back(hit);
  }
  return hits;
}

}  // namespace seckit::ioc_enrich::testing
